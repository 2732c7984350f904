import { afterEach, describe, expect, it } from "vitest";
import { focusLost, focusNextAction } from "./focus";

afterEach(() => {
    document.body.innerHTML = "";
});

describe("focusNextAction", () => {
    it("puts a lost focus on the first enabled button of the part that changed", () => {
        document.body.innerHTML =
            '<article id="card"><p>Låst</p><button disabled>Lås</button><button id="sign">Skriv under</button></article>';
        expect(focusLost()).toBe(true);
        expect(focusNextAction(document.getElementById("card"))).toBe(true);
        expect(document.activeElement?.id).toBe("sign");
    });

    it("puts it on the part itself when it has no action", () => {
        document.body.innerHTML = '<section id="done"><p>Skickad</p></section>';
        const section = document.getElementById("done");
        focusNextAction(section);
        expect(document.activeElement).toBe(section);
        expect(section?.getAttribute("tabindex")).toBe("-1");
    });

    it("leaves a focus the user has alone", () => {
        document.body.innerHTML = '<input id="field"><article id="card"><button>Skriv under</button></article>';
        document.getElementById("field")?.focus();
        expect(focusNextAction(document.getElementById("card"))).toBe(false);
        expect(document.activeElement?.id).toBe("field");
    });
});
