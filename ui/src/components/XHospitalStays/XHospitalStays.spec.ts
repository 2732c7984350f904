import { describe, expect, it } from "vitest";
import { defineComponent, h, ref } from "vue";
import type { HospitalStayInput } from "../../backend/types";
import { allByTest, byTest, click, fieldError, mountWithApp, typeInto } from "../../test/mount";
import XHospitalStays from "./XHospitalStays.vue";

/** XHospitalStays with its v-model held by a parent, like in the wizard. */
function host(initial: HospitalStayInput[]) {
    const stays = ref<HospitalStayInput[]>(initial);
    const component = defineComponent({
        setup: () => () =>
            h(XHospitalStays, {
                modelValue: stays.value,
                "onUpdate:modelValue": (value: HospitalStayInput[]) => {
                    stays.value = value;
                },
            }),
    });
    return { stays, component };
}

function value(id: string): string {
    return (document.getElementById(id) as HTMLInputElement).value;
}

describe("XHospitalStays", () => {
    it("shows each stay as a date and a time for its start and end", async () => {
        const { component } = host([{ from: "2026-10-03T14:00", to: "2026-10-05T" }]);
        await mountWithApp(component);
        expect(value("invoice-hospital-0-from-date")).toBe("2026-10-03");
        expect(value("invoice-hospital-0-from-time")).toBe("14:00");
        expect(value("invoice-hospital-0-to-date")).toBe("2026-10-05");
        expect(value("invoice-hospital-0-to-time")).toBe("");
        expect(document.querySelector("legend")?.textContent?.trim()).toBe("Vistelse 1 på sjukhus");
        expect(byTest("invoice-remove-hospital-stay")).toBeNull();
    });

    it("stores what is typed as date T time, leaving the reading of it to the core", async () => {
        const { stays, component } = host([{ from: "", to: "" }]);
        await mountWithApp(component);
        await typeInto("invoice-hospital-0-to-time", "9.30");
        expect(stays.value).toEqual([{ from: "", to: "T9.30" }]);
        // "9.30" is a time as Månad reads it: no format error of the UI's own.
        expect(fieldError("invoice-hospital-0-to-time")).toBe("");
        await typeInto("invoice-hospital-0-to-date", "2026-10-05");
        expect(stays.value).toEqual([{ from: "", to: "2026-10-05T9.30" }]);
        await typeInto("invoice-hospital-0-from-date", "2026-13-01");
        // The core says whether a date exists ("finns inte"); the UI has no copy of the rule.
        expect(fieldError("invoice-hospital-0-from-date")).toBe("");
        expect(stays.value).toEqual([{ from: "2026-13-01T", to: "2026-10-05T9.30" }]);
    });

    it("adds and removes stays, moving the focus", async () => {
        const { stays, component } = host([{ from: "2026-10-03T14:00", to: "2026-10-05T10:00" }]);
        await mountWithApp(component);
        await click(byTest("invoice-add-hospital-stay"));
        expect(stays.value).toHaveLength(2);
        expect(document.activeElement?.id).toBe("invoice-hospital-1-from-date");
        await typeInto("invoice-hospital-1-from-date", "2026-10-20");
        await click(allByTest("invoice-remove-hospital-stay")[0] ?? null);
        expect(stays.value).toEqual([{ from: "2026-10-20T", to: "" }]);
        expect(value("invoice-hospital-0-from-date")).toBe("2026-10-20");
        expect(document.activeElement?.id).toBe("invoice-hospital-0-from-date");
    });
});
