import type { RouteLocationRaw } from "vue-router";
import type { StartScreen } from "../../backend/types";

/** The route of a screen the start leads to, on `month`. */
export function screenRoute(screen: StartScreen, month: string): RouteLocationRaw {
    switch (screen) {
        case "month":
            return { name: "month", params: { month } };
        case "time_reports":
            return { name: "timeReports", query: { month } };
        case "invoice":
            return { name: "invoice", query: { month } };
    }
}
