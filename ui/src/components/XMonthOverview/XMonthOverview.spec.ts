import { describe, expect, it } from "vitest";
import type { AssistantMonth } from "../../backend/types";
import { allByTest, byTest, mountWithApp } from "../../test/mount";
import XMonthOverview from "./XMonthOverview.vue";

function assistant(id: number, firstName: string, aktiv: number, beredskap: number): AssistantMonth {
    return { assistantId: id, firstName, lastName: "Test", totals: { aktiv, vantetid: 0, beredskap }, shifts: [], rows: [], reportStatus: "open", dayTexts: [] };
}

describe("XMonthOverview", () => {
    it("has a row per assistant and the household's sum", async () => {
        await mountWithApp(XMonthOverview, {
            props: {
                month: "2026-10",
                assistants: [assistant(1, "Anna", 480, 0), assistant(2, "Bo", 60, 540)],
                household: { aktiv: 540, vantetid: 0, beredskap: 540 },
            },
        });
        const table = byTest("overview");
        expect(table?.querySelector("caption")?.textContent).toContain("oktober 2026");
        const rows = allByTest("overview-row").map((row) =>
            Array.from(row.querySelectorAll("th, td")).map((cell) => cell.textContent?.trim()),
        );
        expect(rows).toEqual([
            ["Anna Test", "8 tim 0 min", "0 tim 0 min", "0 tim 0 min", "8 tim 0 min"],
            ["Bo Test", "1 tim 0 min", "0 tim 0 min", "9 tim 0 min", "10 tim 0 min"],
        ]);
        expect(byTest("overview-household")?.querySelector('[data-kind="sum"]')?.getAttribute("data-minutes")).toBe("1080");
    });
});
