/** The credential names of docs/ipc.md, "Settings", and how they map to `Credentials`. */
import type { CredentialName, Credentials } from "./types";

/** "elt_client_p12" → "eltClientP12": its key in `Credentials`, and the field of its errors. */
export function credentialField(name: CredentialName): keyof Credentials {
    return name.replace(/_([a-z0-9])/g, (_whole, letter: string) => letter.toUpperCase()) as keyof Credentials;
}

