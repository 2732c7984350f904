/**
 * Vitest setup (jsdom): what the browser has and jsdom lacks, and a clean slate per test.
 */
import { ValidationService } from "@fkui/logic";
import { enableAutoUnmount } from "@vue/test-utils";
import { afterEach, vi } from "vitest";
import { failOnUnexpected } from "../backend/replay";

class ResizeObserverStub implements ResizeObserver {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
}

if (!("ResizeObserver" in globalThis)) {
    globalThis.ResizeObserver = ResizeObserverStub;
}

/* jsdom has no layout: scrolling is a no-op. */
Element.prototype.scrollTo = () => {};
window.scrollTo = () => {};
Element.prototype.scrollIntoView = () => {};

enableAutoUnmount(afterEach);

afterEach(() => {
    /* FKUI keeps validation state per element id in a singleton. */
    ValidationService.clearAllStates();
    document.body.innerHTML = "";
    document.title = "";
    vi.useRealTimers();
    /* A call no recorded scenario has fails the test, even when the view caught it. */
    failOnUnexpected();
});
