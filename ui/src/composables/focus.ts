/**
 * Where the keyboard focus goes when an action removed the element that had it (a button
 * replaced by the next step's, a dialog closed whose opener is gone): to the next thing to do
 * in the part of the screen that changed, never to the page's <body> (WCAG 2.4.3).
 */

/** The focus is nowhere a user can see: on <body> or on an element no longer in the page. */
export function focusLost(): boolean {
    const focused = document.activeElement;
    return !focused || focused === document.body || !focused.isConnected;
}

/**
 * If the focus was lost, puts it on the first enabled button or link in `root` (the next
 * action), else on `root` itself (made focusable from script only). Answers whether it moved.
 */
export function focusNextAction(root: HTMLElement | null | undefined): boolean {
    if (!root || !focusLost()) {
        return false;
    }
    const action = root.querySelector<HTMLElement>("button:not([disabled]), a[href]");
    if (action) {
        action.focus();
    } else {
        if (!root.hasAttribute("tabindex")) {
            root.setAttribute("tabindex", "-1");
        }
        root.focus();
    }
    return document.activeElement !== document.body;
}
