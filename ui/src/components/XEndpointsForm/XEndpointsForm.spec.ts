import { describe, expect, it } from "vitest";
import type { Endpoints } from "../../backend/types";
import { byTest, click, fieldError, mountWithApp, settle, typeInto } from "../../test/mount";
import { ENDPOINT_FIELD_IDS } from "./endpoints-form";
import XEndpointsForm from "./XEndpointsForm.vue";

const endpoints: Endpoints = {
    erakBaseUrl: "https://erak.test.example.se/api",
    erakSigningOrigin: "https://signera.test.example.se",
    erakKeyHeader: "X-Erak-Key",
    eltUrl: "https://elt.test.example.se/elt",
    bankidBaseUrl: "https://appapi2.test.bankid.com/rp/v6.0",
    supplierName: "Exempelleverantören AB",
    supplierId: "LEV-1",
};

async function fill(values: Endpoints): Promise<void> {
    for (const [field, id] of Object.entries(ENDPOINT_FIELD_IDS)) {
        await typeInto(id, values[field as keyof Endpoints]);
    }
}

describe("XEndpointsForm", () => {
    it("saves the addresses and shows what was stored", async () => {
        const { wrapper } = await mountWithApp(XEndpointsForm, { scenarios: ["settings", "check-field-forms"], props: { endpoints: null } });
        await fill({ ...endpoints, erakBaseUrl: "https://erak.test.example.se/api/", erakKeyHeader: "" });
        await click(document.getElementById("save-endpoints"));
        await settle();
        expect(byTest("endpoints-saved")?.textContent).toContain("sparade");
        expect(wrapper.emitted("saved")?.[0]?.[0]).toEqual(endpoints);
        expect((document.getElementById("endpoint-erak-key-header") as HTMLInputElement).value).toBe("X-Erak-Key");
    });

    it("shows what is saved", async () => {
        await mountWithApp(XEndpointsForm, { props: { endpoints } });
        expect((document.getElementById("endpoint-elt-url") as HTMLInputElement).value).toBe(endpoints.eltUrl);
    });

    it("asks for https before anything is sent", async () => {
        const { replay } = await mountWithApp(XEndpointsForm, { scenarios: ["settings", "check-field-forms"], props: { endpoints: null } });
        await fill({ ...endpoints, eltUrl: "http://elt.test.example.se/elt", erakSigningOrigin: "https://a.se/sign" });
        await click(document.getElementById("save-endpoints"));
        await settle();
        expect(fieldError("endpoint-elt-url")).toContain("https://");
        expect(fieldError("endpoint-erak-signing-origin")).toContain("början av adressen");
        expect(replay.commands().filter((c) => c !== "check_field")).toEqual([]);
    });

    it("refuses a user name and password in an address and keeps what was typed", async () => {
        const { replay } = await mountWithApp(XEndpointsForm, { scenarios: ["settings", "check-field-forms"], props: { endpoints: null } });
        await fill({
            ...endpoints,
            erakBaseUrl: "https://erak.test.example.se/api/",
            erakKeyHeader: "",
            bankidBaseUrl: "https://user:pw@appapi2.test.bankid.com/rp/v6.0",
        });
        await click(document.getElementById("save-endpoints"));
        await settle();
        expect(fieldError("endpoint-bankid-base-url")).toContain("användarnamn eller lösenord");
        expect(replay.commands().filter((c) => c !== "check_field")).toEqual([]);
        expect((document.getElementById("endpoint-supplier-name") as HTMLInputElement).value).toBe(endpoints.supplierName);
    });
});
