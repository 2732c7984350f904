import { ValidationService } from "@fkui/logic";
import { defineComponent, h, ref } from "vue";
import { describe, expect, it } from "vitest";
import type { Backend, FieldCheck } from "../backend/types";
import { formatIdentityNumber } from "../domain/identity";
import type { Locale } from "../i18n";
import { mountWithApp, settle } from "../test/mount";
import { useFieldCheck } from "./field-check";

type Checks = ReturnType<typeof useFieldCheck>;

/** One input the core checks as `field`; the composable's result is handed to the test. */
function harness(field: string, got: { checks?: Checks; text?: { value: string } }) {
    return defineComponent({
        setup() {
            const text = ref("");
            got.text = text;
            const checks = useFieldCheck({
                pn: { field, get: () => text.value, set: (value) => (text.value = value), display: formatIdentityNumber },
            });
            got.checks = checks;
            return () =>
                h("div", { onFocusout: checks.onFocusout }, [
                    h("input", {
                        id: "pn",
                        value: text.value,
                        onInput: (event: Event) => (text.value = (event.target as HTMLInputElement).value),
                    }),
                ]);
        },
    });
}

async function mountHarness(field: string, options: { backend?: Backend; locale?: Locale } = {}) {
    const got: { checks?: Checks; text?: { value: string } } = {};
    const mounted = await mountWithApp(harness(field, got), { scenarios: ["check-field"], ...options });
    const input = document.getElementById("pn") as HTMLInputElement;
    ValidationService.addValidatorsToElement(input, { checkedByCore: {} });
    const messages: string[] = [];
    input.addEventListener("validity", (event) => {
        messages.push((event as CustomEvent<{ validationMessage: string }>).detail.validationMessage);
    });
    return { ...mounted, checks: got.checks as Checks, text: got.text as { value: string }, input, messages };
}

async function leave(input: HTMLInputElement, value: string): Promise<void> {
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    await settle();
}

describe("useFieldCheck", () => {
    it("replaces the text with the core's normalized value on leaving the field", async () => {
        const { input, text, checks, replay } = await mountHarness("person.personnummer");
        await leave(input, "121212-1212");
        expect(replay.calls).toContainEqual({ cmd: "check_field", args: { field: "person.personnummer", text: "121212-1212" } });
        expect(text.value).toBe("20121212-1212");
        expect(checks.state.pn?.problem).toBeNull();
        expect(await checks.settled()).toBe(true);
    });

    it("shows the core's problem at the field, worded in the window's language", async () => {
        const sv = await mountHarness("person.personnummer");
        await leave(sv.input, "121212-1213");
        expect(sv.checks.state.pn?.problem?.key).toBe("id.personnummer_check_digit");
        expect(sv.messages.at(-1)).toBe("Personnumret har fel kontrollsiffra. Kontrollera den sista siffran.");
        expect(sv.text.value).toBe("121212-1213");
        expect(await sv.checks.settled()).toBe(false);
        sv.wrapper.unmount();

        const en = await mountHarness("person.personnummer", { locale: "en" });
        await leave(en.input, "121212-1213");
        expect(en.messages.at(-1)).toMatch(/check digit/i);
    });

    it("lets a save through once the text with the problem has changed", async () => {
        const { input, text, checks } = await mountHarness("person.personnummer");
        await leave(input, "121212-1213");
        expect(await checks.settled()).toBe(false);
        text.value = "121212-12";
        expect(await checks.settled()).toBe(true);
    });

    it("asks nothing about an empty field", async () => {
        const { input, replay, checks } = await mountHarness("phone");
        await leave(input, "  ");
        expect(replay.commands()).not.toContain("check_field");
        expect(checks.state.pn?.problem).toBeNull();
    });

    it("keeps the newest answer when an older one arrives later", async () => {
        const answers: ((check: FieldCheck) => void)[] = [];
        const backend = {
            checkField: () => new Promise<FieldCheck>((resolve) => answers.push(resolve)),
        } as unknown as Backend;
        const { input, text, checks } = await mountHarness("person.personnummer", { backend });
        input.value = "121212-1213";
        input.dispatchEvent(new Event("input", { bubbles: true }));
        const older = checks.check("pn");
        text.value = "121212-1212";
        const newer = checks.check("pn");
        const settled = checks.settled();
        answers[1]?.({ normalized: "201212121212", problem: null });
        answers[0]?.({ normalized: null, problem: { key: "id.personnummer_check_digit", params: {} } });
        await Promise.all([older, newer]);
        expect(await settled).toBe(true);
        expect(text.value).toBe("20121212-1212");
        expect(checks.state.pn?.problem).toBeNull();
    });
});
