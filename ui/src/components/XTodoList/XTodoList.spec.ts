import { describe, expect, it } from "vitest";
import { scenario } from "../../backend/replay";
import type { DueMonth, Start } from "../../backend/types";
import { allByTest, byTest, mountWithApp } from "../../test/mount";
import XTodoList from "./XTodoList.vue";

/** What is due as `get_start` gave it right after a fresh demo (recorded). */
const due = (scenario("start").find((call) => call.cmd === "get_start")?.ok as Start).due;

describe("XTodoList", () => {
    it("names each month's next action, one link to its screen", async () => {
        await mountWithApp(XTodoList, { props: { due } });
        const items = allByTest("todo-item");
        expect(items.map((item) => item.dataset.month)).toEqual(["2026-10"]);
        expect(byTest("todo-action")?.textContent?.trim()).toBe("Se över timmarna och lås tidsredovisningarna");
        expect(byTest("todo-action")?.getAttribute("href")).toMatch(/\/time-reports\?month=2026-10$/);
        expect(byTest("todo-overdue")).toBeNull();
    });

    it("says when a month is overdue, and when nothing is left", async () => {
        const late: DueMonth[] = due.map((item) => ({ ...item, overdue: true }));
        await mountWithApp(XTodoList, { props: { due: late } });
        expect(byTest("todo-overdue")).not.toBeNull();
        await mountWithApp(XTodoList, { props: { due: [] } });
        expect(byTest("todo-nothing")?.textContent).toContain("Inget att göra just nu");
    });
});
