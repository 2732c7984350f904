import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { axeViolations } from "../../test/axe";
import { byTest, mountWithApp, settle } from "../../test/mount";
import { svgDataUrl } from "./svg-data-url";
import XSigningDialog from "./XSigningDialog.vue";

const OCT = "2026-10";
/** Johan Lind (assistant 1 of the demo) signs; Ali Haddad (3) has a samordningsnummer. */
const JOHAN = 1;

async function mountDialog(assistantId: number | null = JOHAN, signerName = "Johan Lind") {
    return mountWithApp(XSigningDialog, {
        scenarios: ["signing"],
        props: { month: OCT, assistantId, signerName },
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
        await mountDialog();
        expect(byTest("signing-dialog")?.querySelector('[role="dialog"]')).not.toBeNull();
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.getAttribute("aria-labelledby")).toBe("signing-dialog-heading");
        expect(document.getElementById("signing-dialog-heading")?.textContent).toBe("Johan Lind skriver under");
        expect(byTest("signing-device-other")?.textContent?.trim()).toBe("Mobilt BankID på annan enhet");
        expect(byTest("signing-device-this")?.textContent?.trim()).toBe("BankID på den här datorn");
        expect(state()).toBe("choose");
    });

    it("QR: shows the code as an image while BankID waits, then the result", async () => {
        const { wrapper, replay } = await mountDialog();
        await press("signing-device-other");
        expect(state()).toBe("pending");
        const first = qrSource();
        expect(first).toMatch(/^data:image\/svg\+xml;base64,/);
        expect(atob((first ?? "").split(",")[1] ?? "")).toContain("<svg");
        expect(byTest("signing-qr")?.getAttribute("alt")).toBe("QR-kod för BankID. Skanna den med BankID-appen i mobilen.");
        const live = byTest("signing-status");
        expect(live?.getAttribute("role")).toBe("status");
        expect(live?.getAttribute("aria-live")).toBe("polite");
        expect(live?.textContent).toContain("läs av QR-koden");
        /* The backend's SVG is an image, never markup in the page. */
        expect(document.querySelector("[role=dialog] svg path[d^='M0 0h1']")).toBeNull();

        for (let i = 0; i < 5 && state() === "pending"; i++) {
            await later(1000);
        }
        expect(state()).toBe("complete");
        /* Rust's words for the outcome (the fake had its own). */
        expect(byTest("signing-status")?.textContent).toContain("Underskriften är klar och sparad.");
        expect(byTest("signing-qr")).toBeNull();
        expect(wrapper.emitted("signed")?.[0]).toEqual(["Underskriften är klar och sparad."]);
        const calls = replay.calls.length;
        await later(5000);
        expect(replay.calls.length).toBe(calls);
        await press("signing-close");
        expect(wrapper.emitted("close")).toHaveLength(1);
    });

    it("keeps the focus in the dialog: on Avbryt after the device is chosen, on Stäng when signed", async () => {
        await mountDialog();
        const other = byTest("signing-device-other");
        other?.focus();
        await press("signing-device-other");
        /* The pressed button is gone; the focus is on the one thing to do while BankID waits. */
        expect(document.activeElement).toBe(byTest("signing-cancel"));
        for (let i = 0; i < 5 && state() === "pending"; i++) {
            await later(1000);
        }
        expect(state()).toBe("complete");
        expect(document.activeElement).toBe(byTest("signing-close"));
    });

    it("this computer: no QR code, BankID's hint text", async () => {
        await mountDialog();
        await press("signing-device-this");
        expect(state()).toBe("pending");
        expect(byTest("signing-qr")).toBeNull();
        expect(byTest("signing-status")?.textContent).toContain("Försöker starta BankID-appen");
    });

    it("Avbryt cancels the order and stops polling", async () => {
        const { wrapper, replay } = await mountDialog();
        await press("signing-device-this");
        await later(1000);
        await press("signing-cancel");
        expect(replay.calls.find((c) => c.cmd === "cancel_signing")?.args).toEqual({
            sessionId: "00000000-0000-4000-8000-000000000002",
        });
        expect(wrapper.emitted("close")).toHaveLength(1);
        const calls = replay.calls.length;
        await later(5000);
        expect(replay.calls.length).toBe(calls);
    });

    it("leaving (unmount) cancels a pending order and stops polling", async () => {
        const { wrapper, replay } = await mountDialog();
        await press("signing-device-this");
        wrapper.unmount();
        await settle();
        expect(replay.commands()).toContain("cancel_signing");
        const calls = replay.calls.length;
        await later(5000);
        expect(replay.calls.length).toBe(calls);
    });

    it("a refused start shows the backend's message in an error box", async () => {
        await mountDialog(3, "Ali Haddad");
        await press("signing-device-other");
        expect(state()).toBe("error");
        expect(byTest("signing-error")?.textContent).toContain("samordningsnummer");
        expect(byTest("signing-retry")).not.toBeNull();
    });

    it("the employer's heading", async () => {
        await mountDialog(null, "Maria Demosson");
        expect(document.getElementById("signing-dialog-heading")?.textContent).toBe("Maria Demosson skriver under som arbetsgivare");
    });

    it("has no axe violations with the QR code showing", async () => {
        await mountDialog();
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
