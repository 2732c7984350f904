/**
 * How identity numbers are shown. The rules (format, date, Luhn, samordningsnummer) are the
 * core's (`check_field`, docs/ipc.md); the core stores a personnummer as 12 digits and an
 * organisationsnummer as 10, and the forms show them with their dash.
 */

/** "YYYYMMDDNNNN" → "YYYYMMDD-NNNN". Anything else is returned unchanged. */
export function formatIdentityNumber(normalized: string): string {
    return /^\d{12}$/.test(normalized) ? `${normalized.slice(0, 8)}-${normalized.slice(8)}` : normalized;
}

/** "NNNNNNNNNN" → "NNNNNN-NNNN". Anything else is returned unchanged. */
export function formatOrganisationsnummer(normalized: string): string {
    return /^\d{10}$/.test(normalized) ? `${normalized.slice(0, 6)}-${normalized.slice(6)}` : normalized;
}
