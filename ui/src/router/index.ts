/**
 * The six screens of product.md. Hash history (`#/household`) works under Tauri's custom
 * protocol as well as on Vite's dev server.
 */
import type { Component } from "vue";
import { createRouter, createWebHashHistory, type RouteLocationNormalized, type RouteLocationRaw, type RouterHistory, type RouteRecordRaw } from "vue-router";
import type { Backend } from "../backend/types";
import type { Messages } from "../i18n/sv";
import OverviewView from "../views/OverviewView.vue";

export type ScreenName = keyof Messages["nav"];

export interface NavItem {
    name: ScreenName;
    path: string;
    /** `data-test` of the menu link (end-to-end tests). */
    testId: string;
    /** The route's path pattern when it takes parameters (else `path`). */
    pattern?: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
    { name: "household", path: "/household", testId: "nav-household" },
    /* `/month/2026-10`; `/month` is the current month. */
    { name: "month", path: "/month", testId: "nav-month", pattern: "/month/:month?" },
    { name: "timeReports", path: "/time-reports", testId: "nav-time-reports" },
    { name: "invoice", path: "/invoice", testId: "nav-invoice" },
    { name: "overview", path: "/overview", testId: "nav-overview" },
    { name: "settings", path: "/settings", testId: "nav-settings" },
];

/* Only the first screen (Översikt, where the app opens once there is a household) is in the start bundle; every other screen is its own chunk,
 * loaded on first use, so that the web view parses and compiles less before the first paint
 * (issue 16, docs/performance.md). */
const components: Record<ScreenName, Component | (() => Promise<Component>)> = {
    household: () => import("../views/HouseholdView.vue"),
    month: () => import("../views/MonthView.vue"),
    timeReports: () => import("../views/TimeReportsView.vue"),
    invoice: () => import("../views/InvoiceView.vue"),
    overview: OverviewView,
    settings: () => import("../views/SettingsView.vue"),
};

export const routes: RouteRecordRaw[] = [
    { path: "/", redirect: "/household" },
    ...NAV_ITEMS.map(
        (item): RouteRecordRaw => ({
            path: item.pattern ?? item.path,
            name: item.name,
            component: components[item.name],
        }),
    ),
    { path: "/:pathMatch(.*)*", redirect: "/household" },
];

/** What the router asks Rust about where to start (docs/ipc.md "Start"). */
export type StartSource = Pick<Backend, "getStart" | "rememberMonth">;

/** The month a screen shows: `/month/:month` or `?month=` of the time-report and invoice screens. */
export function routeMonth(route: RouteLocationNormalized): string | null {
    const value = route.name === "month" ? route.params.month : route.query.month;
    const month = Array.isArray(value) ? value[0] : value;
    return typeof month === "string" && /^\d{4}-\d{2}$/.test(month) ? month : null;
}

/**
 * With a start source: `/` opens Översikt (what to do; demo's guide), or Hushåll with the reason
 * when there is no household yet; Månad, Tidsredovisningar and Räkning without a month open on
 * the work month Rust chooses; the month a screen shows is remembered. Without Rust's answer
 * the screens keep their own default (the current month).
 */
async function startRoute(start: StartSource, to: RouteLocationNormalized): Promise<RouteLocationRaw | true> {
    const wantsStart = to.path === "/";
    const monthScreen = to.name === "month" || to.name === "timeReports" || to.name === "invoice";
    if (!wantsStart && (!monthScreen || routeMonth(to) !== null)) {
        return true;
    }
    let answer;
    try {
        answer = await start.getStart();
    } catch {
        return wantsStart ? { name: "household" } : true;
    }
    if (wantsStart) {
        return answer.hasHousehold ? { name: "overview" } : { name: "household", query: { start: "new" } };
    }
    if (to.name === "month") {
        return { name: "month", params: { month: answer.workMonth }, query: to.query, replace: true };
    }
    return { name: to.name ?? undefined, query: { ...to.query, month: answer.workMonth }, replace: true } as RouteLocationRaw;
}

export function createAppRouter(history: RouterHistory = createWebHashHistory(), start?: StartSource) {
    /* `/` is a redirect record by default; with a start source the guard decides (a redirect
     * record never reaches the guards). */
    const startRoutes = start ? [{ path: "/", component: components.overview } as RouteRecordRaw, ...routes.slice(1)] : routes;
    const router = createRouter({ history, routes: startRoutes });
    if (start) {
        let remembered: string | null = null;
        router.beforeEach((to) => startRoute(start, to));
        router.afterEach((to, _from, failure) => {
            const month = failure ? null : routeMonth(to);
            if (month !== null && month !== remembered) {
                remembered = month;
                start.rememberMonth(month).catch(() => {
                    /* Only a convenience: the next start chooses without it. */
                });
            }
        });
    }
    return router;
}

export function isScreenName(value: unknown): value is ScreenName {
    return NAV_ITEMS.some((item) => item.name === value);
}
