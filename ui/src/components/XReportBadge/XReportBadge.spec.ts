import { describe, expect, it } from "vitest";
import type { ReportStatus } from "../../backend/types";
import { mountWithApp } from "../../test/mount";
import { badgeStatus } from "./badge-status";
import XReportBadge from "./XReportBadge.vue";

describe("XReportBadge", () => {
    it.each<[ReportStatus, string, string]>([
        ["open", "Inte låst", "badge--default"],
        ["signed", "Klar att skicka", "badge--success"],
        ["sent", "Skickad", "badge--success"],
        ["rejected", "Avvisad", "badge--error"],
        ["uncertain", "Osäker", "badge--warning"],
        ["queued", "Väntar på att skickas", "badge--info"],
        ["paper", "Skickad på papper", "badge--success"],
        ["paper_opened", "Ifylld på papper, inte skickad", "badge--info"],
    ])("%s: %s", async (status, label, colour) => {
        const { wrapper } = await mountWithApp(XReportBadge, { props: { status } });
        expect(wrapper.text()).toBe(label);
        expect(wrapper.element.classList.contains(colour)).toBe(true);
        expect(wrapper.element.getAttribute("data-status")).toBe(status);
    });

    it("speaks English when asked", async () => {
        const { wrapper } = await mountWithApp(XReportBadge, { props: { status: "uncertain" }, locale: "en" });
        expect(wrapper.text()).toBe("Uncertain");
    });

    it("colours every in-between step as information", () => {
        expect((["locked", "signed_by_assistant", "signed_by_employer", "sending"] as const).map(badgeStatus)).toEqual([
            "info",
            "info",
            "info",
            "info",
        ]);
    });
});
