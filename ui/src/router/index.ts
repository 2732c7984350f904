/**
 * The six screens of product.md. Hash history (`#/household`) works under Tauri's custom
 * protocol as well as on Vite's dev server.
 */
import type { Component } from "vue";
import { createRouter, createWebHashHistory, type RouterHistory, type RouteRecordRaw } from "vue-router";
import type { Messages } from "../i18n/sv";
import HouseholdView from "../views/HouseholdView.vue";
import InvoiceView from "../views/InvoiceView.vue";
import MonthView from "../views/MonthView.vue";
import OverviewView from "../views/OverviewView.vue";
import SettingsView from "../views/SettingsView.vue";
import TimeReportsView from "../views/TimeReportsView.vue";

export type ScreenName = keyof Messages["nav"];

export interface NavItem {
    name: ScreenName;
    path: string;
    /** `data-test` of the menu link (end-to-end tests). */
    testId: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
    { name: "household", path: "/household", testId: "nav-household" },
    { name: "month", path: "/month", testId: "nav-month" },
    { name: "timeReports", path: "/time-reports", testId: "nav-time-reports" },
    { name: "invoice", path: "/invoice", testId: "nav-invoice" },
    { name: "overview", path: "/overview", testId: "nav-overview" },
    { name: "settings", path: "/settings", testId: "nav-settings" },
];

const components: Record<ScreenName, Component> = {
    household: HouseholdView,
    month: MonthView,
    timeReports: TimeReportsView,
    invoice: InvoiceView,
    overview: OverviewView,
    settings: SettingsView,
};

export const routes: RouteRecordRaw[] = [
    { path: "/", redirect: "/household" },
    ...NAV_ITEMS.map(
        (item): RouteRecordRaw => ({
            path: item.path,
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
