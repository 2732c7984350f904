import { describe, expect, it } from "vitest";
import type { Finding } from "../../backend/types";
import { allByTest, byTest, mountWithApp, selectById } from "../../test/mount";
import XDayRow from "./XDayRow.vue";

const overlap: Finding = {
    severity: "error",
    code: "overlap",
    message: "24 okt 12:00–18:00: passet överlappar ett annat pass för samma assistent (24 okt 08:00–13:00).",
    key: "finding.overlap",
    params: {
        shift: { type: "spans", value: ["2026-10-24T12:00/2026-10-24T18:00"] },
        other: { type: "spans", value: ["2026-10-24T08:00/2026-10-24T13:00"] },
    },
    assistantId: 1,
    otherAssistantId: null,
    shiftId: 2,
    date: "2026-10-24",
};

function props(overrides: Record<string, unknown> = {}) {
    return {
        date: "2026-10-24",
        text: "8-16",
        kind: "aktiv",
        exact: true,
        errorText: null,
        unsaved: null,
        parts: [{ text: "08:00–16:00", dst: null }],
        findings: [],
        dstNotes: [],
        last: false,
        ...overrides,
    };
}

function key(input: HTMLElement, init: KeyboardEventInit): KeyboardEvent {
    const event = new KeyboardEvent("keydown", { bubbles: true, cancelable: true, ...init });
    input.dispatchEvent(event);
    return event;
}

describe("XDayRow", () => {
    it("labels its input with the day and marks weekends", async () => {
        await mountWithApp(XDayRow, { props: props() });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        expect(input.value).toBe("8-16");
        expect(input.labels?.[0]?.textContent).toContain("Pass lördag 24 oktober");
        expect(input.labels?.[0]?.querySelector('[aria-hidden="true"]')?.textContent).toBe("lör 24");
        expect(selectById("kind-2026-10-24").value).toBe("aktiv");
        expect(byTest("day-row")?.classList.contains("x-day-row--weekend")).toBe(true);
        expect(byTest("day-rows")?.textContent?.trim()).toBe("08:00–16:00");
        expect(byTest("copy-day")?.textContent).toContain("Kopiera till nästa dag");
    });

    it("sends Tab, Enter and the arrows to the sheet, but leaves Shift+Tab to the browser", async () => {
        const { wrapper } = await mountWithApp(XDayRow, { props: props() });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        expect(key(input, { key: "Tab" }).defaultPrevented).toBe(true);
        expect(key(input, { key: "Tab", shiftKey: true }).defaultPrevented).toBe(false);
        expect(key(input, { key: "Enter" }).defaultPrevented).toBe(true);
        key(input, { key: "ArrowDown" });
        key(input, { key: "ArrowUp" });
        input.dispatchEvent(new Event("blur"));
        const emitted = wrapper.emitted();
        expect(Object.keys(emitted).filter((name) => ["next", "prev", "enter", "commit"].includes(name)).sort()).toEqual([
            "commit",
            "enter",
            "next",
            "prev",
        ]);
        expect(emitted.next).toHaveLength(2);
    });

    it("lets Tab leave the sheet on the last day", async () => {
        const { wrapper } = await mountWithApp(XDayRow, { props: props({ date: "2026-10-31", last: true }) });
        const event = key(document.getElementById("day-2026-10-31") as HTMLElement, { key: "Tab" });
        expect(event.defaultPrevented).toBe(false);
        expect(wrapper.emitted("next")).toBeUndefined();
    });

    it("reports typing and the kind of time", async () => {
        const { wrapper } = await mountWithApp(XDayRow, { props: props() });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        input.value = "8-17";
        input.dispatchEvent(new Event("input"));
        const select = selectById("kind-2026-10-24");
        select.value = "beredskap";
        select.dispatchEvent(new Event("change"));
        expect(wrapper.emitted("update:text")).toEqual([["8-17"]]);
        expect(wrapper.emitted("update:kind")).toEqual([["beredskap"]]);
    });

    it("describes the input by its error and the unsaved mark", async () => {
        await mountWithApp(XDayRow, { props: props({ text: "8-25", errorText: "Fel tid.", unsaved: "invalid" }) });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        expect(input.getAttribute("aria-invalid")).toBe("true");
        expect(input.getAttribute("aria-describedby")).toBe("day-2026-10-24-error day-2026-10-24-unsaved");
        expect(document.getElementById("day-2026-10-24-error")?.textContent?.trim()).toBe("Fel tid.");
        expect(document.getElementById("day-2026-10-24-unsaved")?.textContent?.trim()).toBe("Inte sparat – rätta tiden");
        expect(input.closest(".text-field")?.classList.contains("text-field--error")).toBe(true);
    });

    it("shows findings and daylight-saving notes under the row", async () => {
        await mountWithApp(XDayRow, {
            props: props({
                findings: [overlap, { ...overlap, severity: "warning", code: "double_assistance" }],
                dstNotes: [
                    {
                        key: "dst.ambiguous_within",
                        params: {
                            row: { type: "spans", value: ["2026-10-25T02:15/2026-10-25T02:45"] },
                            times: { type: "text", value: "02:15–02:45" },
                            actual: { type: "minutes", value: 30 },
                            wall: { type: "minutes", value: 30 },
                        },
                    },
                ],
                parts: [{ text: "00:00–04:00", dst: "5 tim 0 min arbetad tid (4 tim 0 min enligt klockan)" }],
            }),
        });
        const findings = allByTest("finding");
        expect(findings.map((f) => [f.dataset.code, f.dataset.severity])).toEqual([
            ["overlap", "error"],
            ["double_assistance", "warning"],
        ]);
        expect(findings[0]?.textContent).toContain("passet överlappar");
        expect(byTest("dst-note")?.textContent).toContain("fanns två gånger");
        expect(byTest("dst-diff")?.textContent).toContain("5 tim 0 min arbetad tid");
    });

    it("is read-only, with a way to clear the day, when a shift cannot be written as text", async () => {
        const { wrapper } = await mountWithApp(XDayRow, { props: props({ exact: false, text: "2026-10-24 08:00–2026-10-26 08:00" }) });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        expect(input.readOnly).toBe(true);
        expect(input.getAttribute("aria-describedby")).toBe("day-2026-10-24-cannot-show");
        byTest("clear-day")?.click();
        expect(wrapper.emitted("clear-day")).toHaveLength(1);
    });
});

describe("XDayRow: values set without input events", () => {
    it("takes the field's value on change and on blur (a WebDriver clear() fires no input event)", async () => {
        const { wrapper } = await mountWithApp(XDayRow, { props: props() });
        const input = document.getElementById("day-2026-10-24") as HTMLInputElement;
        input.value = "";
        input.dispatchEvent(new Event("blur"));
        expect(wrapper.emitted("update:text")).toEqual([[""]]);
        expect(wrapper.emitted("commit")).toHaveLength(1);
    });
});
