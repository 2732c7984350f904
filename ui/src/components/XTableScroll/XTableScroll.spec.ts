import { describe, expect, it } from "vitest";
import { mountWithApp } from "../../test/mount";
import XTableScroll from "./XTableScroll.vue";

describe("XTableScroll", () => {
    it("is a named region a keyboard user can reach, that scrolls sideways", async () => {
        const { wrapper } = await mountWithApp(XTableScroll, { props: { label: "Samtal" } });
        const region = wrapper.element as HTMLElement;
        expect(region.getAttribute("role")).toBe("region");
        expect(region.getAttribute("aria-label")).toBe("Samtal");
        expect(region.tabIndex).toBe(0);
        expect(region.classList).toContain("table__scroll--horizontal");
        region.focus();
        expect(document.activeElement).toBe(region);
        wrapper.unmount();
    });
});
