/** The credentials of the settings screen in three groups, with their input ids. */
import { credentialField } from "../../backend/credentials";
import type { CredentialName, Credentials } from "../../backend/types";

export type GroupKey = "elt" | "erak" | "bankid";

export interface CredentialGroup {
    key: GroupKey;
    /** The .p12 file of the group, if it has one. */
    file: CredentialName | null;
    /** The text: the file's passphrase, or the key. */
    text: CredentialName;
}

export const CREDENTIAL_GROUPS: readonly CredentialGroup[] = [
    { key: "elt", file: "elt_client_p12", text: "elt_p12_passphrase" },
    { key: "erak", file: null, text: "erak_key" },
    { key: "bankid", file: "bankid_rp_p12", text: "bankid_rp_passphrase" },
];

/** "elt_client_p12" → "credential-elt-client-p12": the id of its input. */
export function credentialInputId(name: CredentialName): string {
    return `credential-${name.replace(/_/g, "-")}`;
}

export function isPresent(credentials: Credentials, name: CredentialName): boolean {
    return credentials[credentialField(name)];
}

/** The translation key of a credential's label. */
export function credentialLabelKey(name: CredentialName): string {
    switch (name) {
        case "elt_client_p12":
            return "settings.credentials.elt.p12";
        case "elt_p12_passphrase":
            return "settings.credentials.elt.passphrase";
        case "erak_key":
            return "settings.credentials.erak.key";
        case "bankid_rp_p12":
            return "settings.credentials.bankid.p12";
        case "bankid_rp_passphrase":
            return "settings.credentials.bankid.passphrase";
    }
}
