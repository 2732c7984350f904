import { describe, expect, it, vi } from "vitest";
import { BackendError } from "../../backend/errors";
import { FakeBackend } from "../../backend/fake";
import type { CredentialName, Credentials } from "../../backend/types";
import { allByTest, byTest, click, fieldError, mountWithApp, settle, typeInto } from "../../test/mount";
import XCredentials from "./XCredentials.vue";

const none: Credentials = {
    eltClientP12: false,
    eltP12Passphrase: false,
    erakKey: false,
    bankidRpP12: false,
    bankidRpPassphrase: false,
};

/** A file that looks like PKCS#12 (a DER SEQUENCE) to the fake. */
function p12File(name = "leverantor.p12"): File {
    return new File([new Uint8Array([0x30, 0x82, ...Array<number>(30).fill(1)])], name);
}

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
            backend: new FakeBackend({ environment: "fk_test" }),
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

    it("saves the E-RÄK key and empties the field", async () => {
        const backend = new FakeBackend({ environment: "fk_test" });
        const { wrapper } = await mountWithApp(XCredentials, { backend, props: { credentials: none } });
        await typeInto("credential-erak-key", "hemlig-nyckel-123");
        await click(document.getElementById("save-erak-credentials"));
        await settle();
        expect((await backend.getSettings()).credentials.erakKey).toBe(true);
        expect(wrapper.emitted("changed")?.at(-1)?.[0]).toMatchObject({ erakKey: true });
        expect((document.getElementById("credential-erak-key") as HTMLInputElement).value).toBe("");
        expect(byTest("credential-saved")?.textContent).toContain("Nyckel till E-RÄK");
        expect(document.body.innerHTML).not.toContain("hemlig-nyckel-123");
    });

    it("saves a new .p12 with its passphrase as a pair", async () => {
        const backend = new FakeBackend({ environment: "fk_test", credentials: { fk_test: ["elt_client_p12", "elt_p12_passphrase"] } });
        const store = vi.spyOn(backend, "storeCredential");
        const remove = vi.spyOn(backend, "deleteCredential");
        await mountWithApp(XCredentials, {
            backend,
            props: { credentials: { ...none, eltClientP12: true, eltP12Passphrase: true } },
        });
        await chooseFile("credential-elt-client-p12", p12File());
        expect(byTest("chosen-file")?.textContent).toContain("leverantor.p12");
        await typeInto("credential-elt-p12-passphrase", "nytt-lösen");
        await click(document.getElementById("save-elt-credentials"));
        await settle();
        expect(remove.mock.calls).toEqual([["elt_p12_passphrase"]]);
        expect(store.mock.calls.map((call) => call[0])).toEqual(["elt_client_p12", "elt_p12_passphrase"]);
        expect(store.mock.calls[0]?.[1]).toEqual({ base64: expect.any(String) as string });
        expect(store.mock.calls[1]?.[1]).toEqual({ text: "nytt-lösen" });
        expect(byTest("chosen-file")?.textContent).toContain("Ingen fil vald");
    });

    it("puts a wrong passphrase on its field and keeps what was typed", async () => {
        const backend = new FakeBackend({ environment: "fk_test", credentials: { fk_test: ["elt_client_p12"] } });
        backend.failNext(
            "storeCredential",
            new BackendError("invalid_input", "Lösenordet öppnar inte certifikatfilen. Kontrollera lösenordet.", "eltP12Passphrase"),
        );
        await mountWithApp(XCredentials, { backend, props: { credentials: { ...none, eltClientP12: true } } });
        await typeInto("credential-elt-p12-passphrase", "fel");
        await click(document.getElementById("save-elt-credentials"));
        await settle();
        expect(fieldError("credential-elt-p12-passphrase")).toContain("öppnar inte");
        expect((document.getElementById("credential-elt-p12-passphrase") as HTMLInputElement).value).toBe("fel");
    });

    it("says what is wrong with a file", async () => {
        const backend = new FakeBackend({ environment: "fk_test" });
        await mountWithApp(XCredentials, { backend, props: { credentials: none } });
        await chooseFile("credential-bankid-rp-p12", new File(["inte ett certifikat"], "fel.txt"));
        await click(document.getElementById("save-bankid-credentials"));
        await settle();
        const error = document.querySelector('[data-group="bankid"] [data-test="credential-error"]');
        expect(error?.textContent).toContain("PKCS#12");
    });

    it("asks for something to save", async () => {
        await mountWithApp(XCredentials, { backend: new FakeBackend({ environment: "fk_test" }), props: { credentials: none } });
        await click(document.getElementById("save-elt-credentials"));
        expect(byTest("credential-error")?.textContent).toContain("Välj en fil");
    });

    it("removes a credential", async () => {
        const backend = new FakeBackend({ environment: "production", credentials: { production: ["erak_key"] } });
        const { wrapper } = await mountWithApp(XCredentials, { backend, props: { credentials: { ...none, erakKey: true } } });
        await click(document.querySelector('[data-test="delete-credential"][data-credential="erak_key"]'));
        expect((await backend.getSettings()).credentials.erakKey).toBe(false);
        expect(wrapper.emitted("changed")?.[0]?.[0]).toMatchObject({ erakKey: false });
        expect(byTest("credential-saved")?.textContent).toContain("Borttaget");
    });
});
