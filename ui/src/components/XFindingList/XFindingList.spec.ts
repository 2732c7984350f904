import { describe, expect, it } from "vitest";
import { scenario } from "../../backend/replay";
import type { Finding, MonthSheet } from "../../backend/types";
import { backendText } from "../../i18n/backend-messages";
import { allByTest, byTest, mountWithApp } from "../../test/mount";
import XFindingList from "./XFindingList.vue";

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
const granted: Finding = {
    severity: "warning",
    code: "above_granted_hours",
    message: "Oktober 2026 har 161 tim assistans …",
    key: "finding.above_granted_hours",
    params: {
        month: { type: "month", value: "2026-10" },
        total: { type: "minutes", value: 9660 },
        granted: { type: "number", value: 160 },
    },
    assistantId: null,
    otherAssistantId: null,
    shiftId: null,
    date: null,
};

describe("XFindingList", () => {
    it("says when there is nothing to check", async () => {
        await mountWithApp(XFindingList, { props: { month: "2026-10", findings: [], names: {} } });
        expect(byTest("findings-none")?.textContent?.trim()).toBe("Inga fel eller varningar i oktober 2026.");
    });

    it("lists errors and warnings, names the assistant, and goes to the row", async () => {
        const { wrapper } = await mountWithApp(XFindingList, {
            props: { month: "2026-10", findings: [overlap, granted], names: { 1: "Anna Andersson" } },
        });
        expect(byTest("findings-summary")?.textContent).toContain("Fel: 1. Varningar: 1.");
        const items = allByTest("finding-item");
        expect(items.map((item) => item.dataset.code)).toEqual(["overlap", "above_granted_hours"]);
        expect(items[0]?.textContent).toContain("Anna Andersson: 24 okt 12:00–18:00");
        expect(items[0]?.querySelector(".message-box--error-short")).not.toBeNull();
        expect(items[1]?.querySelector(".message-box--warning-short")).not.toBeNull();
        const link = byTest("finding-link", items[0]);
        expect(link?.textContent?.trim()).toBe("Gå till lördag 24 oktober");
        link?.click();
        expect(wrapper.emitted("go")).toEqual([[overlap]]);
        expect(byTest("finding-link", items[1])).toBeNull();
    });

    it("words the findings in the window's language", async () => {
        await mountWithApp(XFindingList, {
            locale: "en",
            props: { month: "2026-10", findings: [overlap, granted], names: { 1: "Anna Andersson" } },
        });
        const items = allByTest("finding-item");
        expect(items[0]?.textContent).toContain(
            "Anna Andersson: 24 Oct 12:00–18:00: the shift overlaps another shift of the same assistant (24 Oct 08:00–13:00).",
        );
        expect(items[1]?.textContent).toContain("October 2026 has 161 h of assistance");
        expect(items.map((item) => item.textContent ?? "").join(" ")).not.toMatch(/[åäöÅÄÖ]/);
    });

    describe("a recorded month (the invoice answered Ja to LSS activity)", () => {
        const sheet = scenario("lss-activity").find((call) => call.cmd === "get_month")?.ok as MonthSheet;

        it("shows the LSS activity once, for the whole month, beside the other findings", async () => {
            await mountWithApp(XFindingList, { props: { month: sheet.month, findings: sheet.findings, names: {} } });
            const items = allByTest("finding-item");
            const lss = items.filter((item) => item.dataset.code === "lss_activity");
            expect(lss).toHaveLength(1);
            expect(lss[0]?.textContent).toContain("timmar under verksamheten får inte räknas med");
            expect(lss[0]?.textContent).toContain("Gäller hela månaden");
            expect(lss[0]?.querySelector(".message-box--warning-short")).not.toBeNull();
            expect(items.map((item) => item.dataset.code)).toContain("during_hospital_stay");
        });

        it("words every finding and daylight-saving note in English without Swedish text", async () => {
            await mountWithApp(XFindingList, { locale: "en", props: { month: sheet.month, findings: sheet.findings, names: {} } });
            const shown = allByTest("finding-item").map((item) => item.textContent ?? "");
            expect(shown).toHaveLength(sheet.findings.length);
            expect(shown.join(" ")).toContain("hours during the activity must not be counted");
            expect(shown.join(" ")).toContain("24 Oct 22:00–07:00");
            const notes = sheet.assistants.flatMap((a) => a.rows.flatMap((row) => (row.dstNote ? [backendText(row.dstNote, "en")] : [])));
            expect(notes).toHaveLength(1);
            expect(notes[0]).toContain("25 Oct 02:30–05:00: the time 02:30 happened twice");
            for (const text of [...shown, ...notes]) {
                expect(text).not.toMatch(/[åäöÅÄÖ]/);
            }
        });
    });
});
