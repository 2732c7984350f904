import { describe, expect, it } from "vitest";
import { readFileAsBase64 } from "./read-file";

describe("readFileAsBase64", () => {
    it("gives the file's bytes as base64", async () => {
        const bytes = new Uint8Array([0x30, 0x82, 0x00, 0xff, 0x10]);
        const file = new File([bytes], "cert.p12", { type: "application/x-pkcs12" });
        expect(await readFileAsBase64(file)).toBe(btoa(String.fromCharCode(...bytes)));
    });

    it("reads an empty file as empty", async () => {
        expect(await readFileAsBase64(new File([], "empty.p12"))).toBe("");
    });
});
