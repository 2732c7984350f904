/**
 * The single error shape of every failing command (docs/ipc.md, "Errors"), mirrored from
 * src-tauri/ipc/error.rs:
 *
 *     {"code": "invalid_input", "message": "…", "field": "person.personnummer",
 *      "key": "id.personnummer_check_digit", "params": {}}
 *
 * The UI decides by `code` and shows the text under `field` when there is one; it never
 * matches on message text. The text is `key` + `params` worded from the core's catalogue in
 * the window's language when the error arrives (`message`, the Swedish rendering, only when the
 * catalogue lacks the key).
 */
import type { Code as GeneratedCode } from "./ipc.gen";
import { backendLocale, isBackendMessage, renderBackendMessage, type BackendMessage } from "../i18n/backend-messages";

export const CODES = [
    "invalid_input",
    "not_found",
    "database_corrupt",
    "database_too_new",
    "database_key_missing",
    "database_key_wrong",
    "storage",
    "keyring",
    "network",
    "not_allowed",
    "blankett_missing",
    "blankett_unknown",
    "backup_passphrase_too_short",
    "backup_passphrases_differ",
    "backup_wrong_passphrase",
    "backup_damaged",
    "backup_too_new",
    "backup_key_missing",
    "backup_other_environment",
    "backup_nothing_to_back_up",
    "internal",
] as const;

/** Rust's `Code` (src-tauri/ipc/error.rs), generated: the one source of the codes. */
export type Code = GeneratedCode;

/** Fails the typecheck when `CODES` misses a code Rust has, or names one it has not. */
type Missing = Exclude<GeneratedCode, (typeof CODES)[number]>;
type Unknown = Exclude<(typeof CODES)[number], GeneratedCode>;
export const CODES_COMPLETE: [Missing, Unknown] extends [never, never] ? true : never = true;

/** Shown when the rejection is not in the contract's shape (a bug somewhere). */
export const UNKNOWN_ERROR_MESSAGE =
    "Något gick fel i Timbok. Dina uppgifter finns kvar i formuläret. Försök igen, och kontakta supporten om felet kommer tillbaka.";

export class BackendError extends Error {
    readonly code: Code;
    /** Dotted path of the input field the error is about, e.g. "person.personnummer". */
    readonly field: string | null;
    /** The message as the backend sent it (key and parameters), when it did. */
    readonly text: BackendMessage | null;

    constructor(
        code: Code,
        message: string,
        field: string | null = null,
        options?: { cause?: unknown; text?: BackendMessage | null },
    ) {
        super(message, options);
        this.name = "BackendError";
        this.code = code;
        this.field = field;
        this.text = options?.text ?? null;
    }

    /** The plain JSON shape of the contract. */
    toJSON(): { code: Code; message: string; field: string | null } {
        return { code: this.code, message: this.message, field: this.field };
    }
}

export function isCode(value: unknown): value is Code {
    return typeof value === "string" && (CODES as readonly string[]).includes(value);
}

function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function fromRecord(raw: Record<string, unknown>, original: unknown): BackendError {
    const { code, message, field } = raw;
    const hasMessage = typeof message === "string" && message.trim() !== "";
    if (!isCode(code) || !hasMessage) {
        return new BackendError("internal", UNKNOWN_ERROR_MESSAGE, null, { cause: original });
    }
    const fieldPath = typeof field === "string" && field.trim() !== "" ? field : null;
    const text = isBackendMessage(raw) ? { key: raw.key, params: raw.params } : null;
    const worded = text === null ? null : renderBackendMessage(text, backendLocale());
    return new BackendError(code, worded ?? message, fieldPath, { cause: original, text });
}

/**
 * Turn whatever `invoke` rejected with into a BackendError.
 *
 * - a BackendError is returned as it is;
 * - an object `{code, message, field?}` with a known code becomes that error;
 * - a string holding such JSON is parsed first;
 * - anything else (a Tauri "command not found" string, a thrown Error, an unknown code,
 *   null, …) becomes code "internal" with a message that says what to do.
 */
export function parseBackendError(raw: unknown): BackendError {
    if (raw instanceof BackendError) {
        return raw;
    }
    if (isRecord(raw) && !(raw instanceof Error)) {
        return fromRecord(raw, raw);
    }
    if (typeof raw === "string") {
        const text = raw.trim();
        if (text.startsWith("{")) {
            try {
                const parsed: unknown = JSON.parse(text);
                if (isRecord(parsed)) {
                    return fromRecord(parsed, raw);
                }
            } catch {
                /* not JSON: fall through */
            }
        }
    }
    return new BackendError("internal", UNKNOWN_ERROR_MESSAGE, null, { cause: raw });
}
