/** What a report card asks the screen to do (the screen confirms where needed, then calls the backend). */
export type ReportAction =
    | "lock"
    | "unlock"
    | "correct"
    | "sign"
    | "resend-correction"
    | "mark-received"
    | "resend"
    | "paper"
    | "paper-sent"
    | "paper-undo";
