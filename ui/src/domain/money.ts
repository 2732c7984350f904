/**
 * Kronor as people type them ("1 234,50", "1234.5", "800 kr") and as Timbok shows them
 * ("1 234,50 kr"). Money is integer öre: the text is read digit by digit, never through a
 * floating-point number.
 *
 * Accepted: digits, spaces (also non-breaking) between groups of digits, one decimal comma or
 * point with one or two decimals, and an optional "kr"/"kronor" after. Not accepted: a sign,
 * more than two decimals, letters, more than 12 digits of kronor.
 */

const AMOUNT = /^(\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[,.](\d{1,2}))?(?:\s*(?:kr|kronor)\.?)?$/i;
const MAX_KRONOR_DIGITS = 12;

/** "1 234,50" → 123450 (öre), or null when it is not an amount. */
export function parseKronor(text: string): number | null {
    const match = AMOUNT.exec(text.trim());
    if (!match) {
        return null;
    }
    const kronor = (match[1] ?? "").replace(/[ \u00a0\u202f]/g, "").replace(/^0+(?=\d)/, "");
    if (kronor.length > MAX_KRONOR_DIGITS) {
        return null;
    }
    const ore = (match[2] ?? "").padEnd(2, "0");
    return Number(kronor) * 100 + Number(ore);
}

/** 123450 → "1 234,50 kr" (space between thousands, decimal comma, always two decimals). */
export function formatOre(ore: number): string {
    const negative = ore < 0;
    const abs = Math.abs(Math.trunc(ore));
    const kronor = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, " ");
    const rest = String(abs % 100).padStart(2, "0");
    return `${negative ? "-" : ""}${kronor},${rest} kr`;
}

/** A typed amount shown the way Timbok writes amounts, or the text as typed when it cannot be read. */
export function formatTypedKronor(text: string): string {
    const ore = parseKronor(text);
    return ore === null ? text.trim() : formatOre(ore);
}
