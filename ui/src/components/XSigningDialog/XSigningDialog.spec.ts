import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import App from "../../App.vue";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { Assistant, Household } from "../../backend/types";
import { axeViolations } from "../../test/axe";
import { byTest, mountWithApp, settle } from "../../test/mount";
import { svgDataUrl } from "./svg-data-url";
import XSigningDialog from "./XSigningDialog.vue";

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

const household: Household = {
    person: { personnummer: "201605129988", firstName: "Tilde", lastName: "Barn", phone: null },
    signerRole: "vardnadshavare",
    signer: { personnummer: "198403079984", firstName: "Vera", lastName: "Vårdnadshavare", phone: "070-333 33 33" },
    employment: "employer",
    provider: null,
    grantedHoursPerMonth: null,
    scenario: "E",
};

function fake(signingPolls = 3): FakeBackend {
    return new FakeBackend({
        today: TODAY,
        household,
        assistants: [anna],
        shifts: [{ id: 1, assistantId: 1, start: "2026-10-05T08:00", end: "2026-10-05T16:00", kind: "aktiv", note: null }],
        reports: { signingPolls, seed: [{ month: OCT, assistantId: 1, status: "locked" }] },
    });
}

async function mountDialog(backend: FakeBackend, assistantId: number | null = 1) {
    return mountWithApp(XSigningDialog, {
        backend,
        props: { month: OCT, assistantId, signerName: assistantId === null ? "Vera Vårdnadshavare" : "Anna Andersson" },
    });
}

/** Let fake time pass (the dialog polls once a second), then let Vue and FKUI settle. */
async function later(ms: number): Promise<void> {
    await vi.advanceTimersByTimeAsync(ms);
    await settle();
}

async function press(test: string): Promise<void> {
    const element = byTest(test);
    if (!element) {
        throw new Error(`No [data-test="${test}"]`);
    }
    element.click();
    await settle();
}

function state(): string | null {
    return byTest("signing-status")?.getAttribute("data-state") ?? null;
}

function qrSource(): string | null {
    return byTest("signing-qr")?.getAttribute("src") ?? null;
}

beforeEach(() => {
    vi.useFakeTimers({ shouldAdvanceTime: true });
});

afterEach(() => {
    vi.useRealTimers();
});

describe("XSigningDialog", () => {
    it("offers both devices, named by the signer", async () => {
        await mountDialog(fake());
        expect(byTest("signing-dialog")?.querySelector('[role="dialog"]')).not.toBeNull();
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.getAttribute("aria-labelledby")).toBe("signing-dialog-heading");
        expect(document.getElementById("signing-dialog-heading")?.textContent).toBe("Anna Andersson skriver under");
        expect(byTest("signing-device-other")?.textContent?.trim()).toBe("Mobilt BankID på annan enhet");
        expect(byTest("signing-device-this")?.textContent?.trim()).toBe("BankID på den här datorn");
        expect(state()).toBe("choose");
    });

    it("QR: shows the code as an image, a new one each second, then the result", async () => {
        const backend = fake();
        const status = vi.spyOn(backend, "signingStatus");
        const { wrapper } = await mountDialog(backend);
        await press("signing-device-other");
        expect(state()).toBe("pending");
        const first = qrSource();
        expect(first).toMatch(/^data:image\/svg\+xml;base64,/);
        expect(atob((first ?? "").split(",")[1] ?? "")).toContain("<svg");
        expect(byTest("signing-qr")?.getAttribute("alt")).toBe("QR-kod för BankID. Skanna den med BankID-appen i mobilen.");
        const live = byTest("signing-status");
        expect(live?.getAttribute("role")).toBe("status");
        expect(live?.getAttribute("aria-live")).toBe("polite");
        expect(live?.textContent).toContain("Skanna QR-kod");
        /* The backend's SVG is an image, never markup in the page. */
        expect(document.querySelector("[role=dialog] svg path[d^='M0 0h1']")).toBeNull();

        await later(1000);
        expect(qrSource()).not.toBe(first);
        expect(qrSource()).toMatch(/^data:image\/svg\+xml;base64,/);

        for (let i = 0; i < 5 && state() === "pending"; i++) {
            await later(1000);
        }
        expect(state()).toBe("complete");
        expect(byTest("signing-status")?.textContent).toContain("Anna Andersson har skrivit under tidsredovisningen för oktober 2026.");
        expect(byTest("signing-qr")).toBeNull();
        expect(wrapper.emitted("signed")?.[0]).toEqual(["Anna Andersson har skrivit under tidsredovisningen för oktober 2026."]);
        const calls = status.mock.calls.length;
        await later(5000);
        expect(status.mock.calls.length).toBe(calls);
        await press("signing-close");
        expect(wrapper.emitted("close")).toHaveLength(1);
        const reports = await backend.getTimeReports(OCT);
        expect(reports.reports[0]?.status).toBe("signed_by_assistant");
    });

    it("this computer: no QR code, BankID's hint text", async () => {
        const backend = fake();
        await mountDialog(backend);
        await press("signing-device-this");
        expect(state()).toBe("pending");
        expect(byTest("signing-qr")).toBeNull();
        expect(byTest("signing-status")?.textContent).toContain("Starta BankID-appen på den här datorn");
    });

    it("Avbryt cancels the order and stops polling", async () => {
        const backend = fake(10);
        const status = vi.spyOn(backend, "signingStatus");
        const cancel = vi.spyOn(backend, "cancelSigning");
        const { wrapper } = await mountDialog(backend);
        await press("signing-device-other");
        await later(1000);
        const sessionId = status.mock.calls[0]?.[0] ?? "";
        await press("signing-cancel");
        expect(cancel).toHaveBeenCalledWith(sessionId);
        expect(backend.reports.sessionState(sessionId)).toBe("cancelled");
        expect(wrapper.emitted("close")).toHaveLength(1);
        const calls = status.mock.calls.length;
        await later(5000);
        expect(status.mock.calls.length).toBe(calls);
        expect((await backend.getTimeReports(OCT)).reports[0]?.status).toBe("locked");
    });

    it("leaving (unmount) cancels a pending order and stops polling", async () => {
        const backend = fake(10);
        const status = vi.spyOn(backend, "signingStatus");
        const { wrapper } = await mountDialog(backend);
        await press("signing-device-other");
        const sessionId = status.mock.calls[0]?.[0] ?? "";
        wrapper.unmount();
        await settle();
        expect(backend.reports.sessionState(sessionId)).toBe("cancelled");
        const calls = status.mock.calls.length;
        await later(5000);
        expect(status.mock.calls.length).toBe(calls);
    });

    it("a failed order shows BankID's message; Försök igen starts a new one", async () => {
        const backend = fake(1);
        backend.reports.failNextSigning("Det var inte Anna Andersson som skrev under. Ingen underskrift sparades.");
        const start = vi.spyOn(backend, "startSigning");
        const { wrapper } = await mountDialog(backend);
        await press("signing-device-other");
        for (let i = 0; i < 4 && state() === "pending"; i++) {
            await later(1000);
        }
        expect(state()).toBe("failed");
        expect(byTest("signing-status")?.textContent).toContain("Det var inte Anna Andersson som skrev under.");
        expect(wrapper.emitted("signed")).toBeUndefined();
        await press("signing-retry");
        expect(start).toHaveBeenCalledTimes(2);
        expect(start.mock.calls[1]).toEqual([OCT, 1, "other"]);
        for (let i = 0; i < 4 && state() === "pending"; i++) {
            await later(1000);
        }
        expect(state()).toBe("complete");
        expect(wrapper.emitted("signed")).toHaveLength(1);
    });

    it("a refused start shows the backend's message in an error box", async () => {
        const backend = fake();
        backend.failNext("startSigning", new BackendError("network", "BankID svarar inte just nu. Försök igen om en stund."));
        await mountDialog(backend);
        await press("signing-device-this");
        expect(state()).toBe("error");
        expect(byTest("signing-error")?.textContent).toContain("BankID svarar inte just nu.");
        expect(byTest("signing-retry")).not.toBeNull();
        await press("signing-retry");
        expect(state()).toBe("pending");
    });

    it("the employer's heading", async () => {
        await mountDialog(fake(), null);
        expect(document.getElementById("signing-dialog-heading")?.textContent).toBe("Vera Vårdnadshavare skriver under som arbetsgivare");
    });

    it("has no axe violations with the QR code showing", async () => {
        const backend = fake(10);
        await mountWithApp(App, { backend, route: `/time-reports?month=${OCT}` });
        await press("sign-1");
        await press("signing-device-other");
        expect(byTest("signing-qr")).not.toBeNull();
        expect(await axeViolations(document.body)).toEqual([]);
    });
});

describe("svgDataUrl", () => {
    it("encodes the SVG text (UTF-8) as base64", () => {
        const url = svgDataUrl('<svg xmlns="http://www.w3.org/2000/svg"><title>å</title></svg>');
        expect(url.startsWith("data:image/svg+xml;base64,")).toBe(true);
        const bytes = Uint8Array.from(atob(url.slice("data:image/svg+xml;base64,".length)), (c) => c.charCodeAt(0));
        expect(new TextDecoder().decode(bytes)).toBe('<svg xmlns="http://www.w3.org/2000/svg"><title>å</title></svg>');
    });
});
