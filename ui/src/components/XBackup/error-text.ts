import type { BackendError } from "../../backend";

type Translate = (key: string) => string;

/** The text of a backup error in the chosen language (by its code); other errors keep the backend's text. */
export function backupErrorText(t: Translate, error: BackendError): string {
    return error.code.startsWith("backup_") ? t(`safekeeping.errors.${error.code}`) : error.message;
}
