/**
 * The English UI shows no Swedish backend message (issue 14): every message in every recorded
 * IPC reply (`src/backend/fixtures/*.json`: errors, findings, notes, checks — anything with a
 * `key` and `params`) is worded in English with the real renderer. A message fails when its key
 * has no English text, or when the English text holds å, ä or ö outside a `text` parameter
 * (FK's own words, a value as typed) and outside FK's terms that English keeps as they are.
 */
import { describe, expect, it } from "vitest";
import { isBackendMessage, renderBackendMessage, type BackendMessage } from "./backend-messages";

const fixtures = import.meta.glob<unknown>("../backend/fixtures/*.json", { eager: true, import: "default" });

/** FK's names and terms, the same in an English text (Försäkringskassan's own words). */
const FK_TERMS = ["Försäkringskassan", "E-RÄK", "assistansersättning", "vårdnadshavare", "förvaltare"];

function messagesIn(value: unknown, found: BackendMessage[] = []): BackendMessage[] {
    if (Array.isArray(value)) {
        value.forEach((item) => messagesIn(item, found));
    } else if (typeof value === "object" && value !== null) {
        if (isBackendMessage(value)) {
            found.push(value);
        }
        Object.values(value).forEach((item) => messagesIn(item, found));
    }
    return found;
}

/** The English text with every `text` parameter left out. */
function englishWithoutText(message: BackendMessage): string | null {
    const params = Object.fromEntries(
        Object.entries(message.params).map(([name, param]) => [
            name,
            param.type === "text" ? { type: "text" as const, value: "_" } : param,
        ]),
    );
    return renderBackendMessage({ key: message.key, params }, "en");
}

function swedishLeft(text: string): string[] {
    const withoutTerms = FK_TERMS.reduce((rest, term) => rest.split(term).join(""), text);
    return withoutTerms.match(/\S*[åäöÅÄÖ]\S*/g) ?? [];
}

describe("the English UI", () => {
    const names = Object.keys(fixtures).sort();

    it("finds the recorded fixtures and their messages", () => {
        expect(names.length).toBeGreaterThan(10);
        const total = names.reduce((n, name) => n + messagesIn(fixtures[name]).length, 0);
        expect(total).toBeGreaterThan(50);
    });

    it.each(names)("words every backend message of %s in English", (name) => {
        const failures: string[] = [];
        for (const message of messagesIn(fixtures[name])) {
            const text = englishWithoutText(message);
            if (text === null) {
                failures.push(`${message.key}: no English text`);
                continue;
            }
            const swedish = swedishLeft(text);
            if (swedish.length > 0) {
                failures.push(`${message.key}: Swedish in English (${swedish.join(" ")})`);
            }
        }
        expect(failures, name).toEqual([]);
    });

    it("fails on a key without English text and on Swedish outside a text parameter", () => {
        expect(englishWithoutText({ key: "no.such_key", params: {} })).toBeNull();
        const fkWords = { key: "text.verbatim", params: { text: { type: "text" as const, value: "Fyll i år" } } };
        expect(swedishLeft(englishWithoutText(fkWords) ?? "")).toEqual([]);
        expect(swedishLeft("Check the år")).toEqual(["år"]);
        expect(swedishLeft("Ask Försäkringskassan")).toEqual([]);
    });
});
