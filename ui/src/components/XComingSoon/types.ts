export type ComingSoonScreen = "month" | "timeReports" | "invoice" | "overview" | "settings";
