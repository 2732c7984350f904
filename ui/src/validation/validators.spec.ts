import { ValidationService } from "@fkui/logic";
import { describe, expect, it } from "vitest";
import { registerValidators, setValidatorMessages, validators, VALIDATOR_MESSAGES } from "./validators";
import { createAppI18n } from "../i18n";

function validate(name: string, value: string): boolean {
    const validator = validators.find((it) => it.name === name);
    if (!validator) {
        throw new Error(`no validator ${name}`);
    }
    return validator.validation(value, document.createElement("input"), {});
}

describe("Timbok validators", () => {
    it("accept empty values (required decides)", () => {
        for (const validator of validators) {
            expect(validate(validator.name, ""), validator.name).toBe(true);
        }
    });

    it.each([
        ["identityFormat", "19121212-1212", true],
        ["identityFormat", "19121212121", false],
        ["identityFormat", "19121212-1213", true], // a checksum error, not a format error
        ["identityDate", "19120230-1212", false],
        ["identityDate", "19121212-1213", true],
        ["identityChecksum", "19121212-1213", false],
        ["identityChecksum", "19121212-1212", true],
        ["identityNotSamordningsnummer", "701063-2391", false],
        ["identityNotSamordningsnummer", "19121212-1212", true],
        ["identityNotSamordningsnummer", "garbage", true], // other validators report it
        ["organisationsnummerFormat", "2021005", false],
        ["organisationsnummerType", "121212-1212", false],
        ["organisationsnummerChecksum", "202100-5522", false],
        ["organisationsnummerChecksum", "202100-5521", true],
        ["phone", "070-123 45 67", true],
        ["phone", "070 abc", false],
        ["grantedHours", "744", true],
        ["grantedHours", "745", false],
    ])("%s(%j) is %s", (name, value, expected) => {
        expect(validate(name, value)).toBe(expected);
    });

    it("are registered with FKUI's ValidationService", () => {
        registerValidators();
        for (const name of Object.keys(VALIDATOR_MESSAGES)) {
            expect(ValidationService.getValidatorByName(name).name).toBe(name);
        }
    });

    it("get their messages from the translations", () => {
        const i18n = createAppI18n("sv");
        const seen: string[] = [];
        setValidatorMessages((key) => {
            seen.push(key);
            return i18n.global.t(key);
        });
        expect(seen).toEqual(Object.values(VALIDATOR_MESSAGES));
        for (const key of seen) {
            expect(i18n.global.te(key), key).toBe(true);
        }
    });
});
