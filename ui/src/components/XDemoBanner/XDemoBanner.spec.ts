import { describe, expect, it } from "vitest";
import { byTest, mountWithApp } from "../../test/mount";
import XDemoBanner from "./XDemoBanner.vue";

describe("XDemoBanner", () => {
    it("says that nothing is sent", async () => {
        await mountWithApp(XDemoBanner);
        const banner = byTest("demo-banner");
        expect(banner?.className).toContain("message-box--info-short");
        expect(banner?.textContent).toContain("Demoläge – inget skickas till Försäkringskassan");
    });
});
