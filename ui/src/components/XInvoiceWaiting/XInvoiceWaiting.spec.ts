import { afterEach, describe, expect, it } from "vitest";
import { TauriBackend } from "../../backend";
import { scenario } from "../../backend/replay";
import type { InvoiceState } from "../../backend/types";
import { byTest, mountWithApp } from "../../test/mount";
import { invoiceTiming } from "../XInvoiceWizard/invoice-form";
import XInvoiceWaiting from "./XInvoiceWaiting.vue";

const draft = scenario("invoice-view").find((call) => call.cmd === "get_invoice")?.ok as InvoiceState;
const waiting: InvoiceState = { ...draft, status: "waiting", fingerprint: "abc123" };
const defaultTiming = { ...invoiceTiming };

afterEach(() => {
    Object.assign(invoiceTiming, defaultTiming);
});

describe("XInvoiceWaiting", () => {
    it("says the invoice is created and waits for the signature, not that it was sent", async () => {
        /* FK's status is not recorded in a waiting state: a stub answers every poll with the same state. */
        invoiceTiming.pollMs = 60_000;
        const backend = new TauriBackend(async <T>(): Promise<T> => waiting as T);
        await mountWithApp(XInvoiceWaiting, { backend, props: { state: waiting } });
        const text = byTest("invoice-waiting-state")?.textContent ?? "";
        expect(text).toContain("Räkningen är skapad hos Försäkringskassan och väntar på din underskrift.");
        expect(text).toContain("inte inskickad");
        expect(text).not.toMatch(/är skickad/);
    });

    it("says the same in English", async () => {
        invoiceTiming.pollMs = 60_000;
        const backend = new TauriBackend(async <T>(): Promise<T> => waiting as T);
        await mountWithApp(XInvoiceWaiting, { backend, locale: "en", props: { state: waiting } });
        expect(byTest("invoice-waiting-state")?.textContent).toContain("is waiting for your signature");
    });
});
