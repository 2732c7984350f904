/** The outcome of an action (copy, fill from the schedule), shown next to the button used. */
export interface ActionResult {
    /** Where the action was started: `previousMonth`, `schedule`, `week:<monday>`, `day:<date>`. */
    place: string;
    kind: "info" | "error";
    text: string;
}
