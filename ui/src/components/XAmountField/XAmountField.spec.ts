import { describe, expect, it } from "vitest";
import { defineComponent, h, ref } from "vue";
import { FValidationForm } from "@fkui/vue";
import { click, fieldError, mountWithApp, typeInto } from "../../test/mount";
import XAmountField from "./XAmountField.vue";

/** XAmountField in a validation form, with its v-model held by a parent like in the wizard. */
function host(initial: string) {
    const amount = ref(initial);
    const component = defineComponent({
        setup: () => () =>
            h(FValidationForm, { id: "form" }, {
                default: () => [
                    h(XAmountField, {
                        id: "invoice-money-left-amount",
                        label: "Hur mycket pengar blev över?",
                        requiredMessage: "Skriv hur mycket pengar som blev över.",
                        modelValue: amount.value,
                        "onUpdate:modelValue": (value: string) => {
                            amount.value = value;
                        },
                    }),
                    h("button", { type: "submit", id: "submit" }, "Nästa"),
                ],
            }),
    });
    return { amount, component };
}

function input(): HTMLInputElement {
    return document.getElementById("invoice-money-left-amount") as HTMLInputElement;
}

describe("XAmountField", () => {
    it("is a text field with the label, the kronor format and the value as typed", async () => {
        const { amount, component } = host("2 000");
        await mountWithApp(component);
        expect(input().value).toBe("2 000");
        expect(input().getAttribute("autocomplete")).toBe("off");
        const label = document.querySelector('label[for="invoice-money-left-amount"]')?.textContent ?? "";
        expect(label).toContain("Hur mycket pengar blev över?");
        expect(label).toContain("I kronor, till exempel 1 234,50");
        await typeInto("invoice-money-left-amount", "1 234,50");
        expect(amount.value).toBe("1 234,50");
    });

    it("must be filled in with an amount in kronor", async () => {
        const { component } = host("");
        await mountWithApp(component);
        await click(document.getElementById("submit"));
        expect(fieldError("invoice-money-left-amount")).toBe("Skriv hur mycket pengar som blev över.");
        await typeInto("invoice-money-left-amount", "tvåtusen");
        expect(fieldError("invoice-money-left-amount")).toBe("Skriv beloppet i kronor med siffror, till exempel 1 234,50.");
        await typeInto("invoice-money-left-amount", "2 000");
        expect(fieldError("invoice-money-left-amount")).toBe("");
    });
});
