import { describe, expect, it } from "vitest";
import { BackendError, CODES, CODES_COMPLETE, UNKNOWN_ERROR_MESSAGE, isCode, parseBackendError } from "./errors";

describe("Code", () => {
    it("lists Rust's codes once each (the typecheck holds CODES to the generated `Code`)", () => {
        expect(new Set(CODES).size).toBe(CODES.length);
        expect(CODES_COMPLETE).toBe(true);
        expect(isCode("storage")).toBe(true);
        expect(isCode("Storage")).toBe(false);
        expect(isCode(42)).toBe(false);
    });
});

describe("parseBackendError", () => {
    it("reads the contract's shape", () => {
        const error = parseBackendError({
            code: "invalid_input",
            message: "Personnumret 19121212-1213 har fel kontrollsiffra.",
            field: "person.personnummer",
        });
        expect(error).toBeInstanceOf(BackendError);
        expect(error).toBeInstanceOf(Error);
        expect(error.code).toBe("invalid_input");
        expect(error.message).toBe("Personnumret 19121212-1213 har fel kontrollsiffra.");
        expect(error.field).toBe("person.personnummer");
    });

    it.each(CODES)("keeps code %s", (code) => {
        expect(parseBackendError({ code, message: "Text." }).code).toBe(code);
    });

    it("treats a missing or null field as no field", () => {
        expect(parseBackendError({ code: "storage", message: "Disken är full." }).field).toBeNull();
        expect(parseBackendError({ code: "storage", message: "Disken är full.", field: null }).field).toBeNull();
        expect(parseBackendError({ code: "storage", message: "Disken är full.", field: "" }).field).toBeNull();
    });

    it("parses the shape when it arrives as a JSON string", () => {
        const error = parseBackendError('{"code":"not_found","message":"Assistenten finns inte.","field":null}');
        expect(error.code).toBe("not_found");
        expect(error.message).toBe("Assistenten finns inte.");
    });

    it("returns a BackendError as it is", () => {
        const original = new BackendError("database_too_new", "Uppdatera Timbok.");
        expect(parseBackendError(original)).toBe(original);
    });

    it.each([
        ["a Tauri string", "command save_household not found"],
        ["an unknown code", { code: "exploded", message: "Boom." }],
        ["a missing message", { code: "storage" }],
        ["an empty message", { code: "storage", message: "  " }],
        ["a non-string message", { code: "storage", message: 42 }],
        ["an Error", new Error("network down")],
        ["null", null],
        ["undefined", undefined],
        ["a number", 500],
        ["an array", ["invalid_input"]],
        ["broken JSON", '{"code": "storage", '],
    ])("turns %s into internal", (_name, raw) => {
        const error = parseBackendError(raw);
        expect(error.code).toBe("internal");
        expect(error.message).toBe(UNKNOWN_ERROR_MESSAGE);
        expect(error.field).toBeNull();
        expect(error.cause).toBe(raw);
    });

    it("serialises back to the contract's shape", () => {
        const error = new BackendError("invalid_input", "Fyll i förnamnet.", "firstName");
        expect(JSON.parse(JSON.stringify(error))).toEqual({
            code: "invalid_input",
            message: "Fyll i förnamnet.",
            field: "firstName",
        });
    });
});
