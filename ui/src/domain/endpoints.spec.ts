import { describe, expect, it } from "vitest";
import { isHeaderName, isHttpsUrl, isOriginOnly } from "./endpoints";

describe("endpoint rules (comfort copies of the Rust ones)", () => {
    it.each([
        ["", true],
        ["https://elt.test.example.se/elt", true],
        ["https://elt.example.se:8443/a/b/", true],
        ["http://elt.example.se/elt", false],
        ["elt.example.se", false],
        ["https://user:pw@elt.example.se", false],
        ["https://elt.example.se/?x=1", false],
        ["https://elt.example.se/#a", false],
        ["ftp://elt.example.se", false],
    ])("isHttpsUrl(%s) is %s", (value, ok) => {
        expect(isHttpsUrl(value)).toBe(ok);
    });

    it("an origin has nothing after the host name", () => {
        expect(isOriginOnly("https://www.forsakringskassan.se")).toBe(true);
        expect(isOriginOnly("https://www.forsakringskassan.se/")).toBe(true);
        expect(isOriginOnly("https://www.forsakringskassan.se/sign")).toBe(false);
        expect(isOriginOnly("")).toBe(true);
    });

    it("header names are tokens", () => {
        expect(isHeaderName("X-Erak-Key")).toBe(true);
        expect(isHeaderName("")).toBe(true);
        expect(isHeaderName("X Erak")).toBe(false);
        expect(isHeaderName("X-Erak-Key:")).toBe(false);
    });
});
