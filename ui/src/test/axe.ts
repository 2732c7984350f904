/**
 * Accessibility check with axe-core on a rendered element.
 *
 * - Colour contrast is left out: jsdom does not lay out or paint, so axe cannot measure it.
 * - KNOWN_FKUI_ISSUES lists findings in markup that FKUI itself renders and Timbok cannot
 *   change; each is matched by rule and selector, so anything else still fails the test.
 */
import axe from "axe-core";

interface KnownIssue {
    rule: string;
    selector: string;
    reason: string;
}

export const KNOWN_FKUI_ISSUES: readonly KnownIssue[] = [
    {
        rule: "aria-allowed-role",
        selector: "form > nav[role='group']",
        reason: "FValidationForm (@fkui/vue 6.44) wraps its error list in <nav role=\"group\">.",
    },
];

function isKnown(rule: string, target: axe.NodeResult["target"]): boolean {
    return KNOWN_FKUI_ISSUES.some((issue) => {
        if (issue.rule !== rule) {
            return false;
        }
        const selector = target.at(-1);
        const element = typeof selector === "string" ? document.querySelector(selector) : null;
        return element?.matches(issue.selector) ?? false;
    });
}

export async function axeViolations(element: Element): Promise<string[]> {
    const results = await axe.run(element, {
        rules: {
            "color-contrast": { enabled: false },
        },
    });
    return results.violations
        .map((violation) => ({
            ...violation,
            nodes: violation.nodes.filter((node) => !isKnown(violation.id, node.target)),
        }))
        .filter((violation) => violation.nodes.length > 0)
        .map(
            (violation) =>
                `${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `  ${node.html}`).join("\n")}`,
        );
}
