import { describe, expect, it } from "vitest";
import { BackendError } from "../../backend/errors";
import { byTest, mountWithApp } from "../../test/mount";
import XReportError from "./XReportError.vue";

describe("XReportError", () => {
    it.each([
        ["not_allowed", "Det går inte just nu"],
        ["network", "Ingen kontakt med Försäkringskassan eller BankID"],
        ["invalid_input", "Uppgifter saknas"],
        ["storage", "Något gick fel"],
    ] as const)("%s has the heading %s and the backend's message", async (code, heading) => {
        await mountWithApp(XReportError, { props: { error: new BackendError(code, "Gör så här.") } });
        expect(document.querySelector("h4")?.textContent).toBe(heading);
        expect(document.querySelector('[role="alert"]')?.textContent).toContain("Gör så här.");
    });

    it.each(["signer.phone", "person.phone", "provider.phone"])("a missing phone (%s) opens its field on Hushåll", async (field) => {
        await mountWithApp(XReportError, { props: { error: new BackendError("invalid_input", "Telefonnummer saknas.", field) } });
        expect(byTest("go-household")?.getAttribute("href")).toBe(`/household?field=${encodeURIComponent(field)}`);
    });

    it("the assistant's phone is not asked for (optional in FK's schema)", async () => {
        await mountWithApp(XReportError, { props: { error: new BackendError("invalid_input", "Fel.", "assistant.phone") } });
        expect(byTest("go-household")).toBeNull();
    });

    it("no link for other fields, and the heading level can be chosen", async () => {
        await mountWithApp(XReportError, { props: { error: new BackendError("invalid_input", "Fel månad.", "month"), level: 3 } });
        expect(byTest("go-household")).toBeNull();
        expect(document.querySelector("h3")?.textContent).toBe("Uppgifter saknas");
    });
});
