/**
 * The six screens of product.md. Hash history (`#/household`) works under Tauri's custom
 * protocol as well as on Vite's dev server.
 */
import type { Component } from "vue";
import { createRouter, createWebHashHistory, type RouterHistory, type RouteRecordRaw } from "vue-router";
import type { Messages } from "../i18n/sv";
import HouseholdView from "../views/HouseholdView.vue";

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

/* Only the first screen (household) is in the start bundle; every other screen is its own chunk,
 * loaded on first use, so that the web view parses and compiles less before the first paint
 * (issue 16, docs/performance.md). */
const components: Record<ScreenName, Component | (() => Promise<Component>)> = {
    household: HouseholdView,
    month: () => import("../views/MonthView.vue"),
    timeReports: () => import("../views/TimeReportsView.vue"),
    invoice: () => import("../views/InvoiceView.vue"),
    overview: () => import("../views/OverviewView.vue"),
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

export function createAppRouter(history: RouterHistory = createWebHashHistory()) {
    return createRouter({ history, routes });
}

export function isScreenName(value: unknown): value is ScreenName {
    return NAV_ITEMS.some((item) => item.name === value);
}
