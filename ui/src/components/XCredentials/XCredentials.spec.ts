import { describe, expect, it } from "vitest";
import type { CredentialName, Credentials } from "../../backend/types";
import { allByTest, byTest, click, mountWithApp, settle, typeInto } from "../../test/mount";
import XCredentials from "./XCredentials.vue";

const none: Credentials = {
    eltClientP12: false,
    eltP12Passphrase: false,
    erakKey: false,
    bankidRpP12: false,
    bankidRpPassphrase: false,
};

async function chooseFile(id: string, file: File): Promise<void> {
    const input = document.getElementById(id) as HTMLInputElement;
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    /* FileReader finishes on a later task. */
    await new Promise((resolve) => setTimeout(resolve, 20));
    await settle();
}

function status(name: CredentialName): HTMLElement | null {
    return document.querySelector(`[data-test="credential-status"][data-credential="${name}"]`);
}

describe("XCredentials", () => {
    it("shows for each credential whether it is saved, never its value", async () => {
        await mountWithApp(XCredentials, {
            scenarios: ["settings"],
            props: { credentials: { ...none, erakKey: true } },
        });
        expect(allByTest("credential-status")).toHaveLength(5);
        expect(status("erak_key")?.dataset.present).toBe("true");
        expect(status("erak_key")?.textContent).toContain("Sparad i datorns nyckelring");
        expect(status("elt_client_p12")?.textContent).toContain("Saknas");
        expect(document.querySelector('[data-test="delete-credential"][data-credential="erak_key"]')).not.toBeNull();
        expect(document.querySelector('[data-test="delete-credential"][data-credential="elt_client_p12"]')).toBeNull();
        expect((document.getElementById("credential-erak-key") as HTMLInputElement).type).toBe("password");
    });

    it("says for each credential what it is and where it comes from", async () => {
        await mountWithApp(XCredentials, { scenarios: ["settings"], props: { credentials: none } });
        expect(byTest("credentials-erak-hint")?.textContent).toContain("Nyckeln ger Timbok rätt att skicka räkningar");
        expect(byTest("credentials-bankid-hint")?.textContent).toContain("RP-certifikatet (certifikat för förlitande part)");
        expect(byTest("credentials-elt-hint")?.textContent).toContain("Certifikatfilen");
    });

    it("saves the E-RÄK key and empties the field", async () => {
        const { wrapper, replay } = await mountWithApp(XCredentials, { scenarios: ["settings"], props: { credentials: none } });
        await typeInto("credential-erak-key", "hemlig-nyckel-123");
        await click(document.getElementById("save-erak-credentials"));
        await settle();
        expect(replay.calls).toEqual([{ cmd: "store_credential", args: { credential: "erak_key", text: "hemlig-nyckel-123", base64: null } }]);
        expect(wrapper.emitted("changed")?.at(-1)?.[0]).toMatchObject({ erakKey: true });
        expect((document.getElementById("credential-erak-key") as HTMLInputElement).value).toBe("");
        expect(byTest("credential-saved")?.textContent).toContain("Nyckel till E-RÄK");
        expect(document.body.innerHTML).not.toContain("hemlig-nyckel-123");
    });

    it("says what is wrong with a file", async () => {
        await mountWithApp(XCredentials, { scenarios: ["settings"], props: { credentials: none } });
        await chooseFile("credential-bankid-rp-p12", new File(["inte ett certifikat"], "fel.txt"));
        await click(document.getElementById("save-bankid-credentials"));
        await settle();
        const error = document.querySelector('[data-group="bankid"] [data-test="credential-error"]');
        expect(error?.textContent).toContain("PKCS#12");
    });

    it("asks for something to save", async () => {
        await mountWithApp(XCredentials, { scenarios: ["settings"], props: { credentials: none } });
        await click(document.getElementById("save-elt-credentials"));
        expect(byTest("credential-error")?.textContent).toContain("Välj en fil");
    });

    it("removes a credential", async () => {
        const { wrapper, replay } = await mountWithApp(XCredentials, {
            scenarios: ["settings"],
            props: { credentials: { ...none, erakKey: true } },
        });
        await click(document.querySelector('[data-test="delete-credential"][data-credential="erak_key"]'));
        expect(replay.commands()).toEqual(["delete_credential"]);
        expect(wrapper.emitted("changed")?.[0]?.[0]).toMatchObject({ erakKey: false });
        expect(byTest("credential-saved")?.textContent).toContain("Borttaget");
    });
});
