import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import type { ReportStatus, TimeReport } from "../../backend/types";
import { verbatimMessage } from "../../i18n/backend-messages";
import { byTest, click, mountWithApp, settle } from "../../test/mount";
import { dateTime, shortReportId } from "./format";
import XTimeReportCard from "./XTimeReportCard.vue";

const REPORT_ID = "3f2a9c1e-1111-4222-8333-444455556666";

function report(overrides: Partial<TimeReport> = {}): TimeReport {
    return {
        assistantId: 7,
        assistantName: "Anna Andersson",
        idKind: "personnummer",
        status: "open",
        reportId: null,
        sha256: null,
        totals: { aktiv: 750, vantetid: 90, beredskap: 0 },
        rowCount: 3,
        blockingErrors: 0,
        lockedAt: null,
        assistantSignedAt: null,
        employerSignedAt: null,
        txId: null,
        sentAt: null,
        attempts: 0,
        problem: null,
        ...overrides,
    };
}

function locked(status: ReportStatus, overrides: Partial<TimeReport> = {}): TimeReport {
    return report({
        status,
        reportId: REPORT_ID,
        sha256: "ab".repeat(32),
        lockedAt: "2026-11-02T09:15",
        assistantSignedAt: "2026-11-02T10:00",
        employerSignedAt: "2026-11-03T18:30",
        ...overrides,
    });
}

async function mountCard(value: TimeReport, extra: { monthEnded?: boolean; busy?: boolean; error?: BackendError | null } = {}) {
    return mountWithApp(XTimeReportCard, {
        props: { report: value, month: "2026-10", monthEnded: extra.monthEnded ?? true, busy: extra.busy ?? false, error: extra.error ?? null },
        route: "/time-reports?month=2026-10",
    });
}

/** The data-test names of the buttons shown, without the assistant id. */
function buttons(): string[] {
    return Array.from(document.querySelectorAll<HTMLElement>("button[data-test]")).map((it) =>
        (it.getAttribute("data-test") ?? "").replace(/-7$/, ""),
    );
}

function text(test: string): string {
    return byTest(test)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

describe("XTimeReportCard: every status", () => {
    it.each<[ReportStatus, Partial<TimeReport>, string, string, string[]]>([
        ["open", {}, "Inte låst", "Kontrollera passen under Månad.", ["lock"]],
        ["locked", {}, "Låst", "Låst 2 nov 09:15. Nu skriver Anna Andersson under med BankID.", ["sign", "unlock"]],
        ["signed_by_assistant", {}, "Assistenten har skrivit under", "Anna Andersson skrev under 2 nov 10:00.", ["unlock"]],
        ["signed_by_employer", {}, "Arbetsgivaren har skrivit under", "Arbetsgivaren skrev under 3 nov 18:30.", ["sign", "unlock"]],
        ["signed", {}, "Klar att skicka", "Båda har skrivit under.", ["unlock"]],
        ["queued", {}, "Väntar på att skickas", "Väntar på att skickas till Försäkringskassan.", []],
        ["sending", {}, "Skickas", "Skickas till Försäkringskassan nu.", []],
        ["sent", { txId: "tx-123", sentAt: "2026-11-04T08:00" }, "Skickad", "Skickad 4 nov 08:00, transaktionsnummer tx-123", ["correct"]],
        ["rejected", { problem: verbatimMessage("Fel personnummer.") }, "Avvisad", "Fel personnummer.", ["unlock"]],
        ["uncertain", { problem: verbatimMessage("Inget svar i tid.") }, "Osäker", "Inget svar i tid.", ["mark-received", "resend"]],
        [
            "paper_opened",
            { idKind: "samordningsnummer", sentAt: null },
            "Ifylld på papper, inte skickad",
            "Blanketten är ifylld och öppnad 2 nov 09:15 – skriv ut den, skriv under",
            ["paper-sent", "paper"],
        ],
        ["paper", { idKind: "samordningsnummer", sentAt: "2026-11-05T12:00" }, "Skickad på papper", "Skickad på papper 5 nov 12:00.", ["paper", "paper-undo"]],
    ])("%s: badge, next step and buttons", async (status, overrides, badge, next, expected) => {
        const value = status === "open" ? report(overrides) : locked(status, overrides);
        await mountCard(value);
        const statusBadge = byTest("report-status-7");
        expect(statusBadge?.textContent?.trim()).toBe(badge);
        expect(statusBadge?.getAttribute("data-status")).toBe(status);
        expect(statusBadge?.classList.contains("badge")).toBe(true);
        expect(document.querySelector("article")?.textContent?.replace(/\s+/g, " ")).toContain(next);
        expect(buttons()).toEqual(expected);
    });

    it("shows the name, the totals per kind and the short report id", async () => {
        await mountCard(locked("locked"));
        expect(document.querySelector("h3")?.textContent).toBe("Anna Andersson");
        const totals = byTest("totals-7");
        expect(Array.from(totals?.querySelectorAll("dd") ?? []).map((it) => [it.dataset.kind, it.dataset.minutes, it.textContent])).toEqual([
            ["aktiv", "750", "12 tim 30 min"],
            ["vantetid", "90", "1 tim 30 min"],
            ["beredskap", "0", "0 tim 0 min"],
        ]);
        expect(text("report-id-7")).toBe("Tidsredovisningens nummer i Timbok: 3f2a9c1e");
        expect(byTest("report-id-7")?.getAttribute("data-report-id")).toBe(REPORT_ID);
    });

    it("sent: the tx-id on its own, and a report marked received without one", async () => {
        await mountCard(locked("sent", { txId: "9b7c-tx", sentAt: "2026-11-04T08:00" }));
        expect(text("tx-id-7")).toBe("9b7c-tx");
        document.body.innerHTML = "";
        await mountCard(locked("sent", { txId: null, sentAt: "2026-11-04T08:00" }));
        expect(byTest("tx-id-7")).toBeNull();
        expect(text("sent-without-tx-7")).toContain("Markerad som mottagen 4 nov 08:00");
    });

    it("rejected: FK's text and what to do, in an error box", async () => {
        await mountCard(locked("rejected", { problem: verbatimMessage("Personnumret finns inte i ärendet.") }));
        const problem = byTest("report-problem-7");
        expect(problem?.classList.contains("message-box--error")).toBe(true);
        expect(problem?.textContent).toContain("Försäkringskassan tog inte emot tidsredovisningen");
        expect(problem?.textContent).toContain("Personnumret finns inte i ärendet.");
        expect(problem?.textContent).toContain("Lås sedan upp tidsredovisningen");
    });

    it("words ELT's outcome in English without Swedish letters, FK's explanation as it is", async () => {
        const problem = { key: "elt_outcome.uncertain", params: { reason: { type: "key" as const, value: "elt_reason.timeout" } } };
        await mountWithApp(XTimeReportCard, {
            props: { report: locked("uncertain", { problem }), month: "2026-10", monthEnded: true, busy: false, error: null },
            route: "/time-reports?month=2026-10",
            locale: "en",
        });
        const shown = byTest("report-problem-7")?.textContent ?? "";
        expect(shown).toContain("Försäkringskassan did not answer in time after the report was sent.");
        expect(shown.replace(/Försäkringskassan/g, "")).not.toMatch(/[åäöÅÄÖ]/);
    });

    it("uncertain: the explanation and both ways on, in a warning box", async () => {
        await mountCard(locked("uncertain", { problem: verbatimMessage("Försäkringskassan svarade inte i tid.") }));
        const problem = byTest("report-problem-7");
        expect(problem?.classList.contains("message-box--warning")).toBe(true);
        expect(problem?.textContent).toContain("Osäkert om den kom fram");
        expect(problem?.textContent).toContain("Kontrollera med Försäkringskassan");
        expect(text("mark-received-7")).toBe("Försäkringskassan har tagit emot den");
        expect(text("resend-7")).toBe("Skicka igen");
    });

    it("a signed correction of a sent report is sent with its own button", async () => {
        const { wrapper } = await mountCard(locked("signed", { txId: "old-tx" }));
        expect(text("report-next-7")).toContain("rättelse av en tidsredovisning som redan är skickad (transaktionsnummer old-tx)");
        await click(byTest("resend-correction-7"));
        expect(wrapper.emitted("resend-correction")).toHaveLength(1);
    });
});

describe("XTimeReportCard: lock", () => {
    it("emits lock when the month has ended and nothing blocks", async () => {
        const { wrapper } = await mountCard(report());
        expect(byTest("lock-7")?.getAttribute("aria-disabled")).toBe("false");
        expect(byTest("lock-reason-7")).toBeNull();
        await click(byTest("lock-7"));
        expect(wrapper.emitted("lock")).toHaveLength(1);
    });

    it("is disabled with the reason before the month has ended", async () => {
        const { wrapper } = await mountCard(report(), { monthEnded: false });
        const lock = byTest("lock-7");
        expect(lock?.getAttribute("aria-disabled")).toBe("true");
        expect(lock?.getAttribute("aria-describedby")).toBe("lock-reason-7");
        expect(text("lock-reason-7")).toBe("Du kan låsa tidsredovisningen från och med 1 november 2026, när månaden är slut.");
        await click(lock);
        expect(wrapper.emitted("lock")).toBeUndefined();
    });

    it("is disabled with blocking errors, with a link to the month screen", async () => {
        await mountCard(report({ blockingErrors: 2 }));
        expect(byTest("lock-7")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("lock-reason-7")).toContain("Tidsredovisningen har 2 fel som måste rättas först.");
        const link = byTest("go-month-7");
        expect(link?.getAttribute("href")).toBe("/month/2026-10");
        expect(link?.textContent?.trim()).toBe("Rätta passen under Månad");
    });

    it("waits while another action runs", async () => {
        const { wrapper } = await mountCard(locked("locked"), { busy: true });
        expect(byTest("sign-7")?.getAttribute("aria-disabled")).toBe("true");
        await click(byTest("sign-7"));
        expect(wrapper.emitted("sign")).toBeUndefined();
    });

    it("without shifts there is nothing to lock", async () => {
        await mountCard(report({ rowCount: 0, totals: { aktiv: 0, vantetid: 0, beredskap: 0 } }));
        expect(text("report-next-7")).toBe("Inga arbetspass i oktober 2026. Det behövs ingen tidsredovisning för Anna Andersson.");
        expect(buttons()).toEqual([]);
    });
});

describe("XTimeReportCard: samordningsnummer", () => {
    it("paper: opened is not sent until the user confirms, and the confirmation can be undone", async () => {
        const { wrapper } = await mountCard(locked("paper_opened", { idKind: "samordningsnummer", sentAt: null }));
        expect(text("report-next-7")).not.toContain("Skickad");
        expect(text("paper-sent-7")).toBe("Jag har skrivit ut och skickat den");
        expect(text("paper-7")).toBe("Skriv ut igen");
        await click(byTest("paper-sent-7"));
        expect(wrapper.emitted("paper-sent")).toHaveLength(1);
        expect(wrapper.emitted("paper")).toBeUndefined();
        await wrapper.setProps({ report: locked("paper", { idKind: "samordningsnummer", sentAt: "2026-11-05T12:00" }) });
        await settle();
        expect(byTest("paper-sent-7")).toBeNull();
        expect(text("report-next-7")).toBe("Skickad på papper 5 nov 12:00.");
        await click(byTest("paper-undo-7"));
        expect(wrapper.emitted("paper-undo")).toHaveLength(1);
    });

    it("explains the paper path and prints instead of locking", async () => {
        const { wrapper } = await mountCard(report({ idKind: "samordningsnummer", assistantName: "Sam Samordning" }));
        expect(text("report-next-7")).toContain("Sam Samordning har samordningsnummer och kan inte skriva under med BankID.");
        expect(text("report-next-7")).toContain("blankett 3059");
        expect(buttons()).toEqual(["paper"]);
        expect(text("paper-7")).toBe("Skriv ut för pappersinlämning (FK 3059)");
        await click(byTest("paper-7"));
        expect(wrapper.emitted("paper")).toHaveLength(1);
    });

    it("cannot print before the month has ended", async () => {
        await mountCard(report({ idKind: "samordningsnummer" }), { monthEnded: false });
        expect(byTest("paper-7")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("lock-reason-7")).toContain("Du kan skriva ut tidsredovisningen från och med 1 november 2026");
    });
});

describe("XTimeReportCard: errors", () => {
    it("shows a refusal with its message, by code", async () => {
        await mountCard(report(), { error: new BackendError("not_allowed", "Månaden är inte slut än.") });
        const error = byTest("report-error-7");
        expect(error?.getAttribute("role")).toBe("alert");
        expect(error?.textContent).toContain("Det går inte just nu");
        expect(error?.textContent).toContain("Månaden är inte slut än.");
        expect(byTest("go-household")).toBeNull();
    });

    it("links to the employer's phone on the household screen when it is missing", async () => {
        await mountCard(report(), { error: new BackendError("invalid_input", "Telefonnumret till vårdnadshavaren saknas.", "signer.phone") });
        expect(byTest("report-error-7")?.textContent).toContain("Uppgifter saknas");
        expect(byTest("go-household")?.getAttribute("href")).toBe("/household?field=signer.phone");
    });
});

describe("format", () => {
    it("writes date and time, and the first group of a report id", () => {
        expect(dateTime("2026-11-02T09:15", "sv")).toBe("2 nov 09:15");
        expect(dateTime("2026-11-02T09:15", "sv", true)).toBe("2 november 2026 09:15");
        expect(dateTime("2026-11-02T09:15", "en")).toBe("2 Nov 09:15");
        expect(shortReportId(REPORT_ID)).toBe("3f2a9c1e");
    });
});

describe("XTimeReportCard: focus after an action", () => {
    it("Lås: when the report is locked the focus goes to Skriv under, not to <body>", async () => {
        const { wrapper } = await mountCard(report());
        const lock = byTest("lock-7");
        lock?.focus();
        await click(lock);
        expect(wrapper.emitted("lock")).toHaveLength(1);
        /* The screen is busy (buttons disabled), then the card shows the locked report. */
        await wrapper.setProps({ busy: true });
        lock?.blur();
        await wrapper.setProps({ busy: false, report: locked("locked") });
        await settle();
        expect(document.activeElement).toBe(byTest("sign-7"));
        wrapper.unmount();
    });

    it("leaves the focus alone when another card acted", async () => {
        const { wrapper } = await mountCard(report());
        await wrapper.setProps({ busy: true });
        await wrapper.setProps({ busy: false, report: locked("locked") });
        await settle();
        expect(document.activeElement).toBe(document.body);
        wrapper.unmount();
    });
});
