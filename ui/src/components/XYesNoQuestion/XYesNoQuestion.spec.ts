import { describe, expect, it } from "vitest";
import { defineComponent, h, ref } from "vue";
import { FValidationForm } from "@fkui/vue";
import { byTest, check, click, fieldError, mountWithApp } from "../../test/mount";
import XYesNoQuestion from "./XYesNoQuestion.vue";

function host(initial: boolean | null) {
    const answer = ref<boolean | null>(initial);
    const component = defineComponent({
        setup: () => () =>
            h(FValidationForm, { id: "form" }, {
                default: () => [
                    h(XYesNoQuestion, {
                        id: "q-outside",
                        question: "outsideEea",
                        legend: "Har du vistats utanför EES?",
                        description: "Svara Ja om du anlitade en assistent där.",
                        requiredMessage: "Svara Ja eller Nej.",
                        modelValue: answer.value,
                        "onUpdate:modelValue": (value: boolean) => {
                            answer.value = value;
                        },
                    }),
                    h("button", { type: "submit", id: "submit" }, "Skicka"),
                ],
            }),
    });
    return { answer, component };
}

describe("XYesNoQuestion", () => {
    it("is a radio group with the question as legend and Ja/Nej with test hooks", async () => {
        const { answer, component } = host(false);
        await mountWithApp(component);
        expect(document.querySelector("fieldset#q-outside legend")?.textContent).toContain("Har du vistats utanför EES?");
        expect(document.querySelector("fieldset#q-outside legend")?.textContent).toContain("Svara Ja om du anlitade");
        expect(byTest("invoice-yes-outsideEea")?.id).toBe("q-outside-yes");
        expect((byTest("invoice-no-outsideEea") as HTMLInputElement).checked).toBe(true);
        await check("q-outside-yes");
        expect(answer.value).toBe(true);
        expect(document.querySelector('label[for="q-outside-yes"]')?.textContent?.trim()).toBe("Ja");
    });

    it("must be answered", async () => {
        const { component } = host(null);
        await mountWithApp(component);
        await click(document.getElementById("submit"));
        expect(fieldError("q-outside-yes")).toBe("Svara Ja eller Nej.");
        await check("q-outside-no");
        expect(fieldError("q-outside-yes")).toBe("");
    });
});
