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

    it.each(["assistant.phone", "employer.phone"])("a missing phone (%s) links to Hushåll", async (field) => {
        await mountWithApp(XReportError, { props: { error: new BackendError("invalid_input", "Telefonnummer saknas.", field) } });
        expect(byTest("go-household")?.getAttribute("href")).toBe("/household");
    });

    it("no link for other fields, and the heading level can be chosen", async () => {
        await mountWithApp(XReportError, { props: { error: new BackendError("invalid_input", "Fel månad.", "month"), level: 3 } });
        expect(byTest("go-household")).toBeNull();
        expect(document.querySelector("h3")?.textContent).toBe("Uppgifter saknas");
    });
});
