import type { ReportStatus } from "../../backend/types";

export type BadgeStatus = "default" | "warning" | "error" | "success" | "info";

/** The FKUI badge colour of a report status: done is green, a problem red, uncertain yellow. */
export function badgeStatus(status: ReportStatus): BadgeStatus {
    switch (status) {
        case "signed":
        case "sent":
        case "paper":
            return "success";
        case "rejected":
            return "error";
        case "uncertain":
            return "warning";
        case "locked":
        case "signed_by_assistant":
        case "signed_by_employer":
        case "queued":
        case "sending":
        case "paper_opened":
            return "info";
        default:
            return "default";
    }
}
