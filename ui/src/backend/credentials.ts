/** The credential names of docs/ipc.md, "Settings", and how they map to `Credentials`. */
import type { CredentialName, Credentials } from "./types";

export const CREDENTIAL_NAMES: readonly CredentialName[] = [
    "elt_client_p12",
    "elt_p12_passphrase",
    "erak_key",
    "bankid_rp_p12",
    "bankid_rp_passphrase",
];

/** "elt_client_p12" → "eltClientP12": its key in `Credentials`, and the field of its errors. */
export function credentialField(name: CredentialName): keyof Credentials {
    return name.replace(/_([a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase()) as keyof Credentials;
}

/** A .p12 file (sent as base64), not a text. */
export function isFileCredential(name: CredentialName): boolean {
    return name.endsWith("_p12");
}
