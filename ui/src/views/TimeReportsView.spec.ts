import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../App.vue";
import { BackendError } from "../backend/errors";
import { FakeBackend, type FakeBackendOptions } from "../backend/fake";
import type { Assistant, Household, Shift } from "../backend/types";
import { addMonths, monthOf } from "../domain/calendar";
import { monthLabel } from "../i18n/dates";
import { axeViolations } from "../test/axe";
import { allByTest, byTest, mountWithApp, settle } from "../test/mount";
import TimeReportsView from "./TimeReportsView.vue";

/* 23 November 2026: October has ended, November has not. */
const TODAY = new Date(2026, 10, 23, 9, 30);
const OCT = "2026-10";

const anna: Assistant = {
    id: 1,
    personnummer: "198112189876",
    idKind: "personnummer",
    firstName: "Anna",
    lastName: "Andersson",
    phone: "070-111 11 11",
    employedByPerson: true,
    collectiveAgreement: false, employer: { kind: "provider" }, calculationPeriods: { start: "2024-01-01", weeks: 4 },
};
const bo: Assistant = { ...anna, id: 2, personnummer: "191212121212", firstName: "Bo", lastName: "Berg", phone: "070-222 22 22" };
const sam: Assistant = { ...anna, id: 3, personnummer: "197010632391", idKind: "samordningsnummer", firstName: "Sam", lastName: "Samordning" };

const household: Household = {
    person: { personnummer: "201605129988", firstName: "Tilde", lastName: "Barn", phone: null },
    signerRole: "vardnadshavare",
    signer: { personnummer: "198403079984", firstName: "Vera", lastName: "Vårdnadshavare", phone: "070-333 33 33" },
    employment: "employer",
    provider: null,
    grantedHoursPerMonth: 300,
    scenario: "E",
};

function shift(id: number, assistantId: number, start: string, end: string): Shift {
    return { id, assistantId, start, end, kind: "aktiv", note: null };
}

const SHIFTS: Shift[] = [
    shift(1, anna.id, "2026-10-05T08:00", "2026-10-05T16:00"),
    shift(2, bo.id, "2026-10-06T08:00", "2026-10-06T12:00"),
    shift(3, sam.id, "2026-10-07T08:00", "2026-10-07T10:00"),
    shift(4, anna.id, "2026-11-02T08:00", "2026-11-02T16:00"),
];

function fake(options: FakeBackendOptions = {}): FakeBackend {
    return new FakeBackend({ today: TODAY, household, assistants: [anna, bo, sam], shifts: SHIFTS, ...options });
}

async function mountReports(backend: FakeBackend, month: string | null = OCT) {
    return mountWithApp(TimeReportsView, { backend, route: month ? `/time-reports?month=${month}` : "/time-reports" });
}

/** Let fake time pass (polling is once a second), then let Vue and FKUI settle. */
async function later(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await settle();
}

/** Let a second pass at a time until `done` holds (at most `seconds`). */
async function until(done: () => boolean, seconds = 8): Promise<void> {
    for (let i = 0; i < seconds && !done(); i++) {
        await later(1000);
    }
    expect(done()).toBe(true);
}

async function press(test: string): Promise<void> {
    const element = byTest(test);
    if (!element) {
        throw new Error(`No [data-test="${test}"]`);
    }
    element.click();
    await settle();
}

function text(test: string): string {
    return byTest(test)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
}

function badge(id: number): string {
    return byTest(`report-status-${id}`)?.getAttribute("data-status") ?? "";
}

function dialogText(): string {
    return document.querySelector('[role="dialog"]')?.textContent?.replace(/\s+/g, " ") ?? "";
}

/** Sign in the dialog with `device` and wait until the order is complete, then close the dialog. */
async function signInDialog(device: "other" | "this"): Promise<void> {
    await press(`signing-device-${device}`);
    await until(() => byTest("signing-status")?.getAttribute("data-state") === "complete");
    await press("signing-close");
}

beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
    vi.useRealTimers();
});

describe("TimeReportsView: the month", () => {
    it("shows the month, its due date, a card per assistant and the employer", async () => {
        await mountReports(fake());
        expect(document.querySelector("h1")?.textContent).toContain("Tidsredovisningar oktober 2026");
        expect(text("reports-due-date")).toBe("Ska vara hos Försäkringskassan senast 5 december 2026");
        expect(Array.from(document.querySelectorAll("article h3")).map((it) => it.textContent)).toEqual([
            "Anna Andersson",
            "Bo Berg",
            "Sam Samordning",
        ]);
        expect([badge(1), badge(2), badge(3)]).toEqual(["open", "open", "open"]);
        expect(text("report-status-1")).toBe("Inte låst");
        expect(byTest("totals-1")?.querySelector('[data-kind="aktiv"]')?.getAttribute("data-minutes")).toBe("480");
        expect(text("employer-name")).toContain("Vera Vårdnadshavare (vårdnadshavare) skriver under som arbetsgivare.");
        expect(byTest("sign-employer")?.getAttribute("aria-disabled")).toBe("true");
        expect(byTest("send-reports")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("history-empty")).toBe("Inga tidsredovisningar har skickats än.");
    });

    it("opens last month by default and moves between months", async () => {
        const { router } = await mountReports(fake(), null);
        const last = addMonths(monthOf(new Date()), -1);
        expect(text("reports-month-label")).toBe(monthLabel(last, "sv"));
        await router.push("/time-reports?month=2026-11");
        await settle();
        expect(text("reports-month-label")).toBe("november 2026");
        await press("reports-prev-month");
        expect(router.currentRoute.value.fullPath).toBe("/time-reports?month=2026-10");
        expect(text("reports-month-label")).toBe("oktober 2026");
        await press("reports-next-month");
        expect(router.currentRoute.value.query.month).toBe("2026-11");
    });

    it("before the month has ended, lock says when it can be done", async () => {
        await mountReports(fake(), "2026-11");
        expect(byTest("lock-1")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("lock-reason-1")).toBe("Du kan låsa tidsredovisningen från och med 1 december 2026, när månaden är slut.");
        expect(text("report-next-2")).toContain("Inga arbetspass i november 2026");
    });

    it("with blocking errors, lock links to the month screen", async () => {
        await mountReports(fake({ shifts: [...SHIFTS, shift(9, anna.id, "2026-10-05T12:00", "2026-10-05T18:00")] }));
        expect(byTest("lock-1")?.getAttribute("aria-disabled")).toBe("true");
        expect(text("lock-reason-1")).toContain("1 fel som måste rättas först");
        expect(byTest("go-month-1")?.getAttribute("href")).toBe("/month/2026-10");
    });

    it("says what to do without assistants", async () => {
        await mountReports(new FakeBackend({ today: TODAY, household }));
        expect(text("reports-no-assistants")).toContain("Du har inte lagt till några assistenter än.");
        expect(byTest("reports-no-assistants")?.querySelector("a")?.getAttribute("href")).toBe("/household");
    });

    it("a failed load says so and can be tried again", async () => {
        const backend = fake();
        backend.failNext("getTimeReports", new BackendError("storage", "Databasen kunde inte läsas. Starta om Timbok."));
        await mountReports(backend);
        expect(text("reports-load-error")).toContain("Databasen kunde inte läsas.");
        await press("retry-reports");
        expect(byTest("report-card-1")).not.toBeNull();
    });
});

describe("TimeReportsView: lock, sign, send", () => {
    it("lock → the assistant signs with a QR code → the employer signs → send → the tx-id", async () => {
        const backend = fake({ reports: { signingPolls: 2 } });
        const reads = vi.spyOn(backend, "getTimeReports");
        await mountReports(backend);

        await press("lock-1");
        expect(badge(1)).toBe("locked");
        expect(text("reports-status")).toBe("Tidsredovisningen för Anna Andersson är låst.");
        expect(text("report-id-1")).toMatch(/^Rapport-id [0-9a-f]{8}$/);
        expect(text("employer-waiting")).toBe("1 tidsredovisning väntar på arbetsgivarens underskrift.");

        await press("sign-1");
        expect(dialogText()).toContain("Anna Andersson skriver under");
        await press("signing-device-other");
        const firstQr = byTest("signing-qr")?.getAttribute("src");
        expect(firstQr).toMatch(/^data:image\/svg\+xml;base64,/);
        await later(1000);
        expect(byTest("signing-qr")?.getAttribute("src")).not.toBe(firstQr);
        await until(() => byTest("signing-status")?.getAttribute("data-state") === "complete");
        expect(badge(1)).toBe("signed_by_assistant");
        await press("signing-close");
        expect(document.querySelector('[role="dialog"]')).toBeNull();
        expect(text("reports-status")).toBe("Underskriften är sparad.");

        await press("sign-employer");
        expect(dialogText()).toContain("Vera Vårdnadshavare skriver under som arbetsgivare");
        await signInDialog("this");
        expect(badge(1)).toBe("signed");
        expect(text("send-ready")).toBe("1 tidsredovisning är klar att skicka.");

        await press("send-reports");
        expect(badge(1)).toBe("queued");
        expect(text("send-progress")).toContain("Skickar tidsredovisningarna: 0 av 1 klara.");
        expect(text("send-progress")).toContain("Du kan stänga Timbok medan tidsredovisningarna skickas.");
        expect(byTest("send-progress")?.querySelector('[role="progressbar"]')?.getAttribute("aria-label")).toBe(
            "Tidsredovisningar som är skickade",
        );

        await until(() => badge(1) === "sent");
        const txId = text("tx-id-1");
        expect(txId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(byTest("send-progress")).toBeNull();
        await settle();
        expect(allByTest("history-row")).toHaveLength(1);
        expect(text("history-tx-id")).toBe(txId);
        expect(byTest("history-row")?.textContent).toContain("Anna Andersson");

        /* Polling stops once nothing is queued or sending. */
        const calls = reads.mock.calls.length;
        await later(5000);
        expect(reads.mock.calls.length).toBe(calls);
    });

    it("while reports are sending the screen asks every second, and stops when it is left", async () => {
        const backend = fake({
            reports: {
                seed: [
                    { month: OCT, assistantId: anna.id, status: "queued" },
                    { month: OCT, assistantId: bo.id, status: "queued" },
                ],
            },
        });
        const reads = vi.spyOn(backend, "getTimeReports");
        const { wrapper } = await mountReports(backend);
        expect(byTest("send-progress")).not.toBeNull();
        const before = reads.mock.calls.length;
        await later(1000);
        expect(reads.mock.calls.length).toBeGreaterThan(before);
        expect(byTest("send-progress")?.getAttribute("data-total")).toBe("2");
        wrapper.unmount();
        const atUnmount = reads.mock.calls.length;
        await later(5000);
        expect(reads.mock.calls.length).toBe(atUnmount);
    });

    it("shows FK's rejection with what to do, and unlocks it after a confirmation", async () => {
        const backend = fake({
            reports: { sendOutcomes: { [anna.id]: "rejected" }, seed: [{ month: OCT, assistantId: anna.id, status: "signed" }] },
        });
        await mountReports(backend);
        await press("send-reports");
        await until(() => badge(1) === "rejected");
        expect(text("report-status-1")).toBe("Avvisad");
        expect(text("report-problem-1")).toContain("Försäkringskassan tog inte emot tidsredovisningen");
        expect(text("report-problem-1")).toContain("uppgifterna om assistenten stämmer inte med ärendet");
        await press("unlock-1");
        expect(dialogText()).toContain("Låsa upp tidsredovisningen?");
        await press("confirm-report-action");
        expect(badge(1)).toBe("open");
        expect(text("reports-status")).toContain("är upplåst");
    });
});

describe("TimeReportsView: confirmations", () => {
    it("unlock asks first; Avbryt keeps the signatures", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: anna.id, status: "signed" }] } });
        await mountReports(backend);
        await press("unlock-1");
        expect(dialogText()).toContain("Om du låser upp tidsredovisningen för Anna Andersson tas båda underskrifterna bort.");
        expect(document.querySelector('[role="dialog"]')?.getAttribute("aria-labelledby")).toBe("confirm-report-action-heading");
        await press("cancel-report-action");
        expect(document.querySelector('[role="dialog"]')).toBeNull();
        expect(badge(1)).toBe("signed");
        await press("unlock-1");
        await press("confirm-report-action");
        expect(badge(1)).toBe("open");
    });

    it("uncertain: FK has received it, after a confirmation; it is then sent without a tx-id", async () => {
        const backend = fake({
            reports: { seed: [{ month: OCT, assistantId: anna.id, status: "uncertain", problem: "Försäkringskassan svarade inte i tid." }] },
        });
        await mountReports(backend);
        expect(text("report-status-1")).toBe("Osäker");
        expect(text("report-problem-1")).toContain("Försäkringskassan svarade inte i tid.");
        await press("mark-received-1");
        expect(dialogText()).toContain("Välj bara detta om du har kontrollerat med Försäkringskassan");
        await press("confirm-report-action");
        expect(badge(1)).toBe("sent");
        expect(text("sent-without-tx-1")).toContain("Markerad som mottagen");
        expect(text("history-tx-id")).toBe("Inget tx-id");
    });

    it("uncertain: Skicka igen warns about sending twice, then sends it again", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: bo.id, status: "uncertain", problem: "Inget svar." }] } });
        await mountReports(backend);
        await press("resend-2");
        expect(dialogText()).toContain("Skickar du den igen kan Försäkringskassan få den två gånger.");
        await press("confirm-report-action");
        expect(["queued", "sending"]).toContain(badge(2));
        await until(() => badge(2) === "sent");
        expect(text("tx-id-2")).not.toBe("");
    });

    it("a sent report is corrected after a confirmation", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: anna.id, status: "sent", txId: "tx-anna" }] } });
        await mountReports(backend);
        expect(text("tx-id-1")).toBe("tx-anna");
        await press("correct-1");
        expect(dialogText()).toContain("Rätta en skickad tidsredovisning?");
        await press("confirm-report-action");
        expect(badge(1)).toBe("open");
    });
});

describe("TimeReportsView: paper", () => {
    it("a samordningsnummer prints FK 3059 instead of BankID", async () => {
        const backend = fake();
        const paper = vi.spyOn(backend, "openPaperReport");
        await mountReports(backend);
        expect(text("report-next-3")).toContain("Sam Samordning har samordningsnummer och kan inte skriva under med BankID.");
        expect(byTest("lock-3")).toBeNull();
        expect(byTest("sign-3")).toBeNull();
        await press("paper-3");
        expect(paper).toHaveBeenCalledWith(OCT, sam.id);
        expect(badge(3)).toBe("paper");
        expect(text("reports-status")).toBe("Blankett 3059 för Sam Samordning är ifylld och öppnades. Skriv ut den där.");
        expect(byTest("blankett-needed")).toBeNull();
        expect(text("paper-3")).toBe("Skriv ut igen");
        expect(byTest("history-row")?.textContent).toContain("Sam Samordning");
        expect(text("history-tx-id")).toBe("Inget tx-id");
    });
});

describe("TimeReportsView: errors", () => {
    it("a missing employer phone links to its field on the household screen; the assistant's is optional", async () => {
        const guardianWithoutPhone: Household = {
            ...household,
            signer: { personnummer: "198403079984", firstName: "Vera", lastName: "Vårdnadshavare", phone: null },
        };
        await mountReports(fake({ household: guardianWithoutPhone }));
        await press("lock-1");
        expect(text("report-error-1")).toContain("Telefonnumret till den som skriver under som arbetsgivare saknas.");
        expect(byTest("report-error-1")?.querySelector('[data-test="go-household"]')?.getAttribute("href")).toBe(
            "/household?field=signer.phone",
        );
        expect(badge(1)).toBe("open");
    });

    it("an assistant without a phone can be locked (optional in FK's schema)", async () => {
        await mountReports(fake({ assistants: [{ ...anna, phone: null }, bo, sam] }));
        await press("lock-1");
        expect(byTest("report-error-1")).toBeNull();
        expect(badge(1)).toBe("locked");
    });

    it("a network failure when sending is shown by the sending part", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: anna.id, status: "signed" }] } });
        backend.failNext("sendReports", new BackendError("network", "Försäkringskassan svarar inte just nu. Inget har gått förlorat; försök igen om en stund."));
        await mountReports(backend);
        await press("send-reports");
        expect(text("reports-action-error")).toContain("Ingen kontakt med Försäkringskassan eller BankID");
        expect(text("reports-action-error")).toContain("Inget har gått förlorat");
        expect(badge(1)).toBe("signed");
    });

    it("a refusal (not_allowed) is shown on the card", async () => {
        const backend = fake();
        backend.failNext("lockReport", new BackendError("not_allowed", "Oktober 2026 är inte slut än."));
        await mountReports(backend);
        await press("lock-2");
        expect(text("report-error-2")).toContain("Det går inte just nu");
        expect(text("report-error-2")).toContain("Oktober 2026 är inte slut än.");
        expect(byTest("report-error-1")).toBeNull();
    });
});

describe("TimeReportsView: accessibility", () => {
    it("the screen with reports in many states has no axe violations", async () => {
        const backend = fake({
            assistants: [anna, bo, sam, { ...anna, id: 4, personnummer: "197811029946", firstName: "Dan", lastName: "Dahl" }],
            shifts: [...SHIFTS, shift(5, 4, "2026-10-08T08:00", "2026-10-08T12:00"), shift(6, 4, "2026-10-08T10:00", "2026-10-08T14:00")],
            reports: {
                seed: [
                    { month: OCT, assistantId: anna.id, status: "sent" },
                    { month: OCT, assistantId: bo.id, status: "uncertain", problem: "Inget svar." },
                    { month: OCT, assistantId: 3, status: "paper" },
                ],
            },
        });
        await mountWithApp(App, { backend, route: `/time-reports?month=${OCT}` });
        expect(byTest("lock-4")?.getAttribute("aria-disabled")).toBe("true");
        await press("resend-2");
        expect(await axeViolations(document.body)).toEqual([]);
        await press("cancel-report-action");
        expect(await axeViolations(document.body)).toEqual([]);
    }, 30_000);

    it("without FK's blankett the screen asks for the file, refuses another and prints with FK's", async () => {
        const backend = fake();
        backend.reports.blankettStored = false;
        const store = vi.spyOn(backend, "storeBlankett3059");
        await mountWithApp(App, { backend, route: `/time-reports?month=${OCT}` });
        await press("paper-3");
        // Not an error on the card: an explanation with where to get the form, and a file input.
        expect(byTest("report-error-3")).toBeNull();
        expect(badge(3)).toBe("open");
        const needed = text("blankett-needed");
        expect(needed).toContain("Timbok behöver Försäkringskassans blankett 3059");
        expect(needed).toContain("forsakringskassan.se");
        expect(needed).toContain("Tidsredovisning assistansersättning 3059");
        const input = byTest("blankett-file") as HTMLInputElement;
        expect(input.type).toBe("file");
        expect(await axeViolations(document.body)).toEqual([]);

        const pick = async (content: string) => {
            const file = new File([content], "blankett.pdf", { type: "application/pdf" });
            Object.defineProperty(input, "files", { value: [file], configurable: true });
            input.dispatchEvent(new Event("change"));
            await settle();
            await later(20);
            await settle();
        };
        await pick("%PDF-1.7 some other form");
        expect(text("blankett-error")).toContain("inte den blankett 3059");
        expect(badge(3)).toBe("open");

        await pick("%PDF-1.7 FK3059 016 F 003");
        expect(store).toHaveBeenLastCalledWith(Array.from(new TextEncoder().encode("%PDF-1.7 FK3059 016 F 003")));
        expect(byTest("blankett-needed")).toBeNull();
        expect(badge(3)).toBe("paper");
        expect(text("reports-status")).toBe("Blankett 3059 för Sam Samordning är ifylld och öppnades. Skriv ut den där.");
    }, 30_000);

    it("the screen while sending, with an error, has no axe violations", async () => {
        const backend = fake({
            reports: { seed: [{ month: OCT, assistantId: anna.id, status: "queued" }, { month: OCT, assistantId: bo.id, status: "rejected", problem: "Fel." }] },
        });
        backend.failNext("openPaperReport", new BackendError("internal", "Något gick fel i Timbok."));
        await mountWithApp(App, { backend, route: `/time-reports?month=${OCT}` });
        await press("paper-3");
        expect(byTest("report-error-3")).not.toBeNull();
        expect(byTest("send-progress")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    }, 30_000);
});
