export { default as XTodoList } from "./XTodoList.vue";
