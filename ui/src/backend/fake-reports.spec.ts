import { describe, expect, it } from "vitest";
import { BackendError } from "./errors";
import { FakeBackend, type FakeBackendOptions } from "./fake";
import { fakeQrSvg } from "./fake-reports";
import type { Assistant, Household, ReportStatus, Shift, SigningStatus, TimeReport, TimeReportsMonth } from "./types";

/* 23 November 2026: October has ended, November has not. */
const TODAY = new Date(2026, 10, 23, 14, 5);
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
const sam: Assistant = {
    ...anna,
    id: 3,
    personnummer: "197010632391",
    idKind: "samordningsnummer",
    firstName: "Sam",
    lastName: "Samordning",
};

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
    shift(2, anna.id, "2026-10-06T08:00", "2026-10-06T12:30"),
    shift(3, bo.id, "2026-10-07T22:00", "2026-10-08T07:00"),
    shift(4, sam.id, "2026-10-09T08:00", "2026-10-09T10:00"),
    shift(5, anna.id, "2026-11-02T08:00", "2026-11-02T16:00"),
];

function fake(options: FakeBackendOptions = {}): FakeBackend {
    return new FakeBackend({ today: TODAY, household, assistants: [anna, bo, sam], shifts: SHIFTS, ...options });
}

async function rejection(promise: Promise<unknown>): Promise<BackendError> {
    const error: unknown = await promise.then(
        () => undefined,
        (e: unknown) => e,
    );
    if (!(error instanceof BackendError)) {
        throw new Error(`expected a BackendError, got ${String(error)}`);
    }
    return error;
}

function report(month: TimeReportsMonth, assistantId: number): TimeReport {
    const found = month.reports.find((it) => it.assistantId === assistantId);
    if (!found) {
        throw new Error(`no report for ${assistantId}`);
    }
    return found;
}

async function statusOf(backend: FakeBackend, assistantId: number, month = OCT): Promise<ReportStatus> {
    return report(await backend.getTimeReports(month), assistantId).status;
}

/** Start a signing and poll until it is no longer pending; returns every status seen. */
async function sign(backend: FakeBackend, assistantId: number | null, device: "other" | "this" = "other"): Promise<SigningStatus[]> {
    const { sessionId } = await backend.startSigning(OCT, assistantId, device);
    const seen: SigningStatus[] = [];
    for (let i = 0; i < 10; i++) {
        const status = await backend.signingStatus(sessionId);
        seen.push(status);
        if (status.state !== "pending") {
            break;
        }
    }
    return seen;
}

async function lockAndSignBoth(backend: FakeBackend, ...ids: number[]): Promise<void> {
    for (const id of ids) {
        await backend.lockReport(OCT, id);
        await sign(backend, id);
    }
    await sign(backend, null);
}

describe("fake reports: the month", () => {
    it("has one open report per assistant, with the month sheet's totals and rows", async () => {
        const month = await fake().getTimeReports(OCT);
        expect(month.month).toBe(OCT);
        expect(month.monthEnded).toBe(true);
        expect(month.employerName).toBe("Vera Vårdnadshavare");
        expect(month.employerRole).toBe("vardnadshavare");
        expect(month.sending).toBe(false);
        expect(month.reports.map((it) => [it.assistantName, it.idKind, it.status])).toEqual([
            ["Anna Andersson", "personnummer", "open"],
            ["Bo Berg", "personnummer", "open"],
            ["Sam Samordning", "samordningsnummer", "open"],
        ]);
        const a = report(month, anna.id);
        expect(a.totals).toEqual({ aktiv: 750, vantetid: 0, beredskap: 0 });
        expect(a.rowCount).toBe(2);
        expect(a.reportId).toBeNull();
        expect(report(month, bo.id).rowCount).toBe(2);
        expect((await fake().getTimeReports("2026-11")).monthEnded).toBe(false);
    });

    it("names the person as employer when they sign themselves", async () => {
        const self: Household = { ...household, signerRole: "self", signer: null, scenario: "D" };
        const month = await fake({ household: self }).getTimeReports(OCT);
        expect(month.employerName).toBe("Tilde Barn");
        expect(month.employerRole).toBe("self");
    });

    it("refuses a month that is not YYYY-MM", async () => {
        const error = await rejection(fake().getTimeReports("2026-13"));
        expect(error.code).toBe("invalid_input");
        expect(error.field).toBe("month");
    });
});

describe("fake reports: lock and unlock", () => {
    it("locks a finished month: a reportId, a hash, the lock time; the month sheet sees it", async () => {
        const backend = fake();
        const month = await backend.lockReport(OCT, anna.id);
        const a = report(month, anna.id);
        expect(a.status).toBe("locked");
        expect(a.reportId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
        expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
        expect(a.lockedAt).toBe("2026-11-23T14:05");
        const sheet = await backend.getMonth(OCT);
        expect(sheet.assistants.map((it) => it.reportStatus)).toEqual(["locked", "open", "open"]);
        expect((await rejection(backend.lockReport(OCT, anna.id))).message).toContain("redan låst");
    });

    it("refuses before the month has ended, with blocking errors, without rows, for a samordningsnummer", async () => {
        const notEnded = await rejection(fake().lockReport("2026-11", anna.id));
        expect(notEnded.code).toBe("not_allowed");
        expect(notEnded.message).toBe("November 2026 är inte slut än. Du kan låsa tidsredovisningen från och med 1 december 2026.");

        const overlapping = fake({ shifts: [...SHIFTS, shift(9, anna.id, "2026-10-05T12:00", "2026-10-05T18:00")] });
        const blocking = await rejection(overlapping.lockReport(OCT, anna.id));
        expect(blocking.code).toBe("not_allowed");
        expect(blocking.message).toContain("har 1 fel");
        expect(report(await overlapping.getTimeReports(OCT), anna.id).blockingErrors).toBe(1);

        const empty = await rejection(fake({ shifts: [] }).lockReport(OCT, anna.id));
        expect(empty.code).toBe("not_allowed");
        expect(empty.message).toContain("inga arbetspass");

        const paper = await rejection(fake().lockReport(OCT, sam.id));
        expect(paper.code).toBe("not_allowed");
        expect(paper.message).toContain("samordningsnummer");

        expect((await rejection(fake().lockReport(OCT, 99))).code).toBe("not_found");
    });

    it("needs the employer's phone on its household field, not the assistant's", async () => {
        // FK's schema: telefonnummerAssistent is optional, telefonnummerAnordnare required.
        const noPhone = fake({ assistants: [{ ...anna, phone: null }, bo] });
        await noPhone.lockReport(OCT, anna.id);
        expect(await statusOf(noPhone, anna.id)).toBe("locked");

        const noEmployerPhone = fake({ household: { ...household, signer: { ...household.signer!, phone: null } } });
        const employerError = await rejection(noEmployerPhone.lockReport(OCT, anna.id));
        expect([employerError.code, employerError.field]).toEqual(["invalid_input", "signer.phone"]);
        expect(employerError.message).toContain("Fyll i det under Hushåll");
    });

    it("unlocks and discards both signatures; an open report cannot be unlocked", async () => {
        const backend = fake();
        await lockAndSignBoth(backend, anna.id);
        expect(await statusOf(backend, anna.id)).toBe("signed");
        const a = report(await backend.unlockReport(OCT, anna.id), anna.id);
        expect([a.status, a.reportId, a.assistantSignedAt, a.employerSignedAt]).toEqual(["open", null, null, null]);
        expect((await rejection(backend.unlockReport(OCT, anna.id))).code).toBe("not_allowed");
        const relocked = report(await backend.lockReport(OCT, anna.id), anna.id);
        expect(relocked.status).toBe("locked");
    });
});

describe("fake reports: signing", () => {
    it("the assistant signs: pending with a new QR code on every poll, then complete", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        const started = await backend.startSigning(OCT, anna.id, "other");
        expect(started.reportIds).toEqual([report(await backend.getTimeReports(OCT), anna.id).reportId]);
        const first = await backend.signingStatus(started.sessionId);
        const second = await backend.signingStatus(started.sessionId);
        expect(first.state).toBe("pending");
        expect(first.message).toContain("QR-kod");
        expect(first.qrSvg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
        expect(second.qrSvg).not.toBe(first.qrSvg);
        const done = await backend.signingStatus(started.sessionId);
        expect(done).toEqual({ state: "complete", message: "Anna Andersson har skrivit under tidsredovisningen för oktober 2026.", qrSvg: null });
        const a = report(await backend.getTimeReports(OCT), anna.id);
        expect(a.status).toBe("signed_by_assistant");
        expect(a.assistantSignedAt).toBe("2026-11-23T14:05");
        expect((await rejection(backend.startSigning(OCT, anna.id, "other"))).message).toContain("redan skrivit under");
    });

    it("on this computer there is no QR code", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        const seen = await sign(backend, anna.id, "this");
        expect(seen.map((it) => it.state)).toEqual(["pending", "pending", "complete"]);
        expect(seen.every((it) => it.qrSvg === null)).toBe(true);
    });

    it("the employer signs every locked report without an employer signature at once", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        await backend.lockReport(OCT, bo.id);
        await sign(backend, anna.id);
        const { reportIds } = await backend.startSigning(OCT, null, "other");
        expect(reportIds).toHaveLength(2);
        const seen = await sign(backend, null);
        expect(seen.at(-1)?.message).toBe("Vera Vårdnadshavare har skrivit under 2 tidsredovisningar som arbetsgivare.");
        const month = await backend.getTimeReports(OCT);
        expect(report(month, anna.id).status).toBe("signed");
        expect(report(month, bo.id).status).toBe("signed_by_employer");
        expect(report(month, sam.id).status).toBe("open");
        expect((await rejection(backend.startSigning(OCT, null, "this"))).code).toBe("not_allowed");
        await sign(backend, bo.id);
        expect(await statusOf(backend, bo.id)).toBe("signed");
    });

    it("refuses to sign what is not locked, and a samordningsnummer", async () => {
        const backend = fake();
        expect((await rejection(backend.startSigning(OCT, anna.id, "other"))).code).toBe("not_allowed");
        expect((await rejection(backend.startSigning(OCT, null, "other"))).message).toContain("Ingen låst tidsredovisning");
        expect((await rejection(backend.startSigning(OCT, sam.id, "other"))).message).toContain("samordningsnummer");
    });

    it("a cancelled session stores nothing and stays cancelled", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        const { sessionId } = await backend.startSigning(OCT, anna.id, "other");
        await backend.signingStatus(sessionId);
        expect(await backend.cancelSigning(sessionId)).toBeNull();
        for (let i = 0; i < 4; i++) {
            const status = await backend.signingStatus(sessionId);
            expect([status.state, status.qrSvg]).toEqual(["cancelled", null]);
        }
        expect(await statusOf(backend, anna.id)).toBe("locked");
        expect((await rejection(backend.signingStatus("nope"))).code).toBe("not_found");
    });

    it("fails when told to, and when the report changed while it was signed", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        backend.reports.failNextSigning("Det var fel person som skrev under.");
        expect((await sign(backend, anna.id)).at(-1)).toEqual({ state: "failed", message: "Det var fel person som skrev under.", qrSvg: null });
        expect(await statusOf(backend, anna.id)).toBe("locked");

        const { sessionId } = await backend.startSigning(OCT, anna.id, "other");
        await backend.unlockReport(OCT, anna.id);
        await backend.lockReport(OCT, anna.id);
        let status = await backend.signingStatus(sessionId);
        while (status.state === "pending") {
            status = await backend.signingStatus(sessionId);
        }
        expect(status.state).toBe("failed");
        expect(status.message).toContain("ändrades medan den skrevs under");
        expect(await statusOf(backend, anna.id)).toBe("locked");
    });
});

describe("fake reports: sending", () => {
    it("queues signed reports; each later look sends one, with a tx-id and a history entry", async () => {
        const backend = fake();
        await lockAndSignBoth(backend, anna.id, bo.id);
        expect((await rejection(fake().sendReports(OCT))).message).toContain("klar att skicka");
        const queued = await backend.sendReports(OCT);
        expect(queued.reports.map((it) => it.status)).toEqual(["queued", "queued", "open"]);
        expect(queued.sending).toBe(true);

        const first = await backend.getTimeReports(OCT);
        expect([report(first, anna.id).status, report(first, anna.id).attempts, report(first, bo.id).status]).toEqual([
            "sending",
            1,
            "queued",
        ]);
        const second = await backend.getTimeReports(OCT);
        const a = report(second, anna.id);
        expect(a.status).toBe("sent");
        expect(a.txId).toMatch(/^[0-9a-f-]{36}$/);
        expect(a.sentAt).toBe("2026-11-23T14:05");
        expect(report(second, bo.id).status).toBe("sending");
        const third = await backend.getTimeReports(OCT);
        expect(report(third, bo.id).status).toBe("sent");
        expect(report(third, bo.id).txId).not.toBe(a.txId);
        expect(third.sending).toBe(false);

        const history = await backend.reportHistory();
        expect(history.map((it) => [it.assistantName, it.status, it.month])).toEqual([
            ["Bo Berg", "sent", OCT],
            ["Anna Andersson", "sent", OCT],
        ]);
        expect(history[1]?.txId).toBe(a.txId);
        expect(history[1]?.reportId).toBe(a.reportId);
    });

    it("a rejection keeps FK's text; unlocking lets it be corrected and sent again", async () => {
        const backend = fake({ reports: { sendOutcomes: { [anna.id]: "rejected" } } });
        await lockAndSignBoth(backend, anna.id);
        await backend.sendReports(OCT);
        await backend.getTimeReports(OCT);
        const rejected = report(await backend.getTimeReports(OCT), anna.id);
        expect(rejected.status).toBe("rejected");
        expect(rejected.problem).toContain("tog inte emot");
        expect(rejected.txId).toBeNull();
        expect((await backend.reportHistory())[0]?.status).toBe("rejected");
        expect((await rejection(backend.resendReport(OCT, anna.id))).code).toBe("not_allowed");

        backend.reports.setSendOutcome(anna.id, "sent");
        expect(report(await backend.unlockReport(OCT, anna.id), anna.id).problem).toBeNull();
        await lockAndSignBoth(backend, anna.id);
        await backend.sendReports(OCT);
        await backend.getTimeReports(OCT);
        expect(await statusOf(backend, anna.id)).toBe("sent");
    });

    it("uncertain: marked as received (no tx-id) or sent again", async () => {
        const backend = fake({ reports: { sendOutcomes: { [anna.id]: "uncertain", [bo.id]: "uncertain" } } });
        await lockAndSignBoth(backend, anna.id, bo.id);
        await backend.sendReports(OCT);
        for (let i = 0; i < 3; i++) {
            await backend.getTimeReports(OCT);
        }
        const month = await backend.getTimeReports(OCT);
        expect(month.reports.slice(0, 2).map((it) => it.status)).toEqual(["uncertain", "uncertain"]);
        expect(report(month, anna.id).problem).toContain("två gånger");
        expect((await rejection(backend.unlockReport(OCT, anna.id))).code).toBe("not_allowed");

        const received = report(await backend.markReportReceived(OCT, anna.id), anna.id);
        expect([received.status, received.txId, received.problem]).toEqual(["sent", null, null]);
        expect((await rejection(backend.markReportReceived(OCT, anna.id))).code).toBe("not_allowed");

        backend.reports.setSendOutcome(bo.id, "sent");
        expect(report(await backend.resendReport(OCT, bo.id), bo.id).status).toBe("queued");
        await backend.getTimeReports(OCT);
        const resent = report(await backend.getTimeReports(OCT), bo.id);
        expect([resent.status, resent.attempts]).toEqual(["sent", 2]);
        const history = await backend.reportHistory();
        expect(history).toHaveLength(2);
        expect(history.find((it) => it.assistantName === "Anna Andersson")).toMatchObject({ status: "sent", txId: null });
        expect(history.find((it) => it.assistantName === "Bo Berg")?.txId).toBe(resent.txId);
    });

    it("a sent report is corrected by unlocking it, and sent again only with resendReport", async () => {
        const backend = fake();
        await lockAndSignBoth(backend, anna.id);
        await backend.sendReports(OCT);
        await backend.getTimeReports(OCT);
        const sent = report(await backend.getTimeReports(OCT), anna.id);
        const opened = report(await backend.unlockReport(OCT, anna.id), anna.id);
        expect([opened.status, opened.txId]).toEqual(["open", sent.txId]);
        await lockAndSignBoth(backend, anna.id);
        expect((await rejection(backend.sendReports(OCT))).code).toBe("not_allowed");
        await backend.resendReport(OCT, anna.id);
        await backend.getTimeReports(OCT);
        const again = report(await backend.getTimeReports(OCT), anna.id);
        expect(again.status).toBe("sent");
        expect(again.txId).not.toBe(sent.txId);
        expect(again.reportId).not.toBe(sent.reportId);
        expect((await backend.reportHistory()).map((it) => it.txId)).toEqual([again.txId, sent.txId]);
    });

    it("seeded reports start in their state", async () => {
        const backend = fake({
            reports: {
                seed: [
                    { month: OCT, assistantId: anna.id, status: "sent", txId: "tx-anna" },
                    { month: OCT, assistantId: bo.id, status: "uncertain", problem: "Inget svar." },
                    { month: OCT, assistantId: sam.id, status: "paper" },
                ],
            },
        });
        const month = await backend.getTimeReports(OCT);
        expect(month.reports.map((it) => [it.status, it.txId, it.problem])).toEqual([
            ["sent", "tx-anna", null],
            ["uncertain", null, "Inget svar."],
            ["paper", null, null],
        ]);
        expect(await backend.reportHistory()).toHaveLength(3);
    });
});

describe("fake reports: paper", () => {
    it("prints a samordningsnummer's report: it becomes paper and is in the history", async () => {
        const backend = fake();
        expect(await backend.openPaperReport(OCT, sam.id)).toBeNull();
        const s = report(await backend.getTimeReports(OCT), sam.id);
        expect(s.status).toBe("paper");
        expect(s.reportId).not.toBeNull();
        expect((await backend.reportHistory())[0]).toMatchObject({ assistantName: "Sam Samordning", status: "paper", txId: null });
        await backend.openPaperReport(OCT, sam.id);
        expect(await backend.reportHistory()).toHaveLength(1);
        expect((await rejection(backend.openPaperReport(OCT, anna.id))).code).toBe("not_allowed");
        expect((await rejection(backend.openPaperReport("2026-11", sam.id))).code).toBe("not_allowed");
    });
});

describe("fake reports: editing hours", () => {
    it("editing a locked report's hours unlocks it and discards the signatures; other reports stay", async () => {
        const backend = fake();
        await lockAndSignBoth(backend, anna.id, bo.id);
        await backend.saveShift({ id: 1, assistantId: anna.id, start: "2026-10-05T08:00", end: "2026-10-05T17:00", kind: "aktiv", note: null });
        const month = await backend.getTimeReports(OCT);
        expect(report(month, anna.id)).toMatchObject({ status: "open", employerSignedAt: null, assistantSignedAt: null });
        expect(report(month, anna.id).totals.aktiv).toBe(810);
        expect(report(month, bo.id).status).toBe("signed");
        expect((await backend.getMonth(OCT)).assistants.map((it) => it.reportStatus)).toEqual(["open", "signed", "open"]);
    });

    it("deleting, restoring and copying into a locked month unlock it too", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        await backend.deleteShift(2);
        expect(await statusOf(backend, anna.id)).toBe("open");
        await backend.lockReport(OCT, anna.id);
        await backend.undoDeleteShift(2);
        expect(await statusOf(backend, anna.id)).toBe("open");
        await backend.lockReport(OCT, anna.id);
        await backend.copyShifts({ kind: "day", from: "2026-10-05", to: "2026-10-12" }, anna.id);
        expect(await statusOf(backend, anna.id)).toBe("open");
    });

    it("a night shift into the next month touches both months", async () => {
        const backend = fake();
        await backend.lockReport(OCT, anna.id);
        await backend.saveShift({ id: null, assistantId: anna.id, start: "2026-09-30T22:00", end: "2026-10-01T06:00", kind: "aktiv", note: null });
        expect(await statusOf(backend, anna.id)).toBe("open");
    });

    it("refuses to change the hours of a report that is sent or on its way", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: anna.id, status: "sent" }, { month: OCT, assistantId: bo.id, status: "uncertain" }] } });
        const edit = await rejection(
            backend.saveShift({ id: 1, assistantId: anna.id, start: "2026-10-05T08:00", end: "2026-10-05T17:00", kind: "aktiv", note: null }),
        );
        expect(edit.code).toBe("not_allowed");
        expect(edit.message).toContain("Anna Andersson i oktober 2026 är skickad");
        expect(backend.allShifts().find((it) => it.id === 1)?.end).toBe("2026-10-05T16:00");
        expect((await rejection(backend.deleteShift(1))).code).toBe("not_allowed");
        expect((await rejection(backend.deleteShift(3))).message).toContain("osäkert");
        expect((await rejection(backend.copyShifts({ kind: "day", from: "2026-10-05", to: "2026-10-12" }, anna.id))).code).toBe("not_allowed");
        expect(await statusOf(backend, anna.id)).toBe("sent");
        /* November is another report. */
        await backend.saveShift({ id: 5, assistantId: anna.id, start: "2026-11-02T08:00", end: "2026-11-02T15:00", kind: "aktiv", note: null });
    });

    it("resetting the demo starts the reports over", async () => {
        const backend = fake({ reports: { seed: [{ month: OCT, assistantId: anna.id, status: "locked" }] } });
        await backend.unlockReport(OCT, anna.id);
        await backend.resetDemo();
        expect(await statusOf(backend, anna.id)).toBe("locked");
    });
});

describe("fakeQrSvg", () => {
    it("is an SVG with QR finder squares and differs per seed", () => {
        const a = fakeQrSvg("a");
        expect(a.startsWith("<svg")).toBe(true);
        expect(a).toContain("M0 0h1v1h-1z");
        expect(fakeQrSvg("b")).not.toBe(a);
        expect(fakeQrSvg("a")).toBe(a);
    });
});
