import { describe, expect, it } from "vitest";
import { h } from "vue";
import { byTest, click, mountWithApp } from "../../test/mount";
import XConfirmDialog from "./XConfirmDialog.vue";

const props = {
    id: "ask",
    open: true,
    heading: "Låsa upp?",
    text: "Underskrifterna tas bort.",
    confirmLabel: "Lås upp",
    cancelLabel: "Avbryt",
    test: "unlock",
};

describe("XConfirmDialog", () => {
    it("asks with a named dialog and the action's own words", async () => {
        await mountWithApp(XConfirmDialog, { props });
        const dialog = document.querySelector('[role="dialog"]');
        expect(dialog?.getAttribute("aria-labelledby")).toBe("ask-heading");
        expect(document.getElementById("ask-heading")?.textContent).toBe("Låsa upp?");
        expect(dialog?.textContent).toContain("Underskrifterna tas bort.");
        expect(byTest("confirm-unlock")?.textContent?.trim()).toBe("Lås upp");
        expect(byTest("cancel-unlock")?.textContent?.trim()).toBe("Avbryt");
    });

    it("shows more paragraphs after the text when given", async () => {
        const withMore = { render: () => h(XConfirmDialog, props, { default: () => h("p", "Räkningen är redan meddelad.") }) };
        await mountWithApp(withMore);
        const paragraphs = Array.from(document.querySelectorAll('[role="dialog"] p')).map((p) => p.textContent);
        expect(paragraphs).toEqual(["Underskrifterna tas bort.", "Räkningen är redan meddelad."]);
    });

    it("emits confirm or cancel", async () => {
        const { wrapper } = await mountWithApp(XConfirmDialog, { props });
        await click(byTest("confirm-unlock"));
        await click(byTest("cancel-unlock"));
        expect(wrapper.emitted("confirm")).toHaveLength(1);
        expect(wrapper.emitted("cancel")).toHaveLength(1);
    });

    it("does not confirm twice while busy, and shows nothing when closed", async () => {
        const { wrapper } = await mountWithApp(XConfirmDialog, { props: { ...props, busy: true } });
        await click(byTest("confirm-unlock"));
        expect(wrapper.emitted("confirm")).toBeUndefined();
        await wrapper.setProps({ open: false });
        expect(document.querySelector('[role="dialog"]')).toBeNull();
    });

    it("names the modal <test>-dialog, or dialogTest when given", async () => {
        const { wrapper } = await mountWithApp(XConfirmDialog, { props });
        expect(document.getElementById("ask")?.dataset.test).toBe("unlock-dialog");
        await wrapper.setProps({ dialogTest: "confirm-unlock-dialog" });
        expect(document.getElementById("ask")?.dataset.test).toBe("confirm-unlock-dialog");
        expect(byTest("confirm-unlock")).not.toBeNull();
    });

    it("leaves the confirm button enabled without busy", async () => {
        await mountWithApp(XConfirmDialog, { props });
        expect(byTest("confirm-unlock")?.hasAttribute("disabled")).toBe(false);
    });
});
