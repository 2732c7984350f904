/**
 * Mount a component or view the way the app runs it: FKUI context and validation,
 * Timbok's validators, i18n, a router (in memory) and a backend: the real `TauriBackend` over
 * replies recorded from the real commands (`backend/replay.ts`; the "fresh-demo" scenario by
 * default), at the moment they were recorded at.
 */
import { flushPromises, mount, type ComponentMountingOptions } from "@vue/test-utils";
import type { Component } from "vue";
import { createMemoryHistory, type Router } from "vue-router";
import { timbokPlugin } from "../app";
import { vi } from "vitest";
import { RECORDED_AT, replayBackend, type Replay } from "../backend/replay";
import type { Backend } from "../backend/types";
import type { AppI18n, Locale } from "../i18n";
import { createAppRouter } from "../router";

export interface MountOptions {
    backend?: Backend;
    /** Recorded scenarios to replay (backend/fixtures) when no `backend` is given. */
    scenarios?: string[];
    route?: string;
    props?: Record<string, unknown>;
    locale?: Locale;
}

export async function mountWithApp<T extends Component>(component: T, options: MountOptions = {}) {
    /* The time the scenarios were recorded at (a spec that fakes timers itself keeps them). */
    if (vi.isFakeTimers()) {
        vi.setSystemTime(RECORDED_AT);
    } else {
        vi.useFakeTimers({ toFake: ["Date"], now: RECORDED_AT });
    }
    let replay: Replay | undefined;
    let backend = options.backend;
    if (!backend) {
        ({ backend, replay } = replayBackend(...(options.scenarios ?? ["fresh-demo"])));
    }
    const router: Router = createAppRouter(createMemoryHistory());
    await router.push(options.route ?? "/household");
    await router.isReady();
    const plugin = timbokPlugin({ backend, locale: options.locale });
    const wrapper = mount(component as Component, {
        props: options.props,
        attachTo: document.body,
        global: { plugins: [plugin, router] },
    } as ComponentMountingOptions<Component>);
    await settle();
    return { wrapper, backend, replay: replay as Replay, router, i18n: plugin.i18n as AppI18n };
}

/** Let promises, Vue updates and FKUI's zero-delay timers run. */
export async function settle(): Promise<void> {
    for (let i = 0; i < 3; i++) {
        await flushPromises();
        await new Promise((resolve) => setTimeout(resolve, 0));
    }
}

/**
 * Type into an FKUI text field like a user: input events, then change and blur (FKUI
 * updates the model on change/blur for fields with validation).
 */
export async function typeInto(id: string, value: string): Promise<void> {
    const input = document.getElementById(id);
    if (!(input instanceof HTMLInputElement)) {
        throw new Error(`No <input id="${id}">`);
    }
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.dispatchEvent(new Event("blur"));
    input.dispatchEvent(new FocusEvent("focusout", { bubbles: true }));
    await settle();
}

/** Click a radio button or checkbox by id. */
export async function check(id: string): Promise<void> {
    const input = document.getElementById(id);
    if (!(input instanceof HTMLInputElement)) {
        throw new Error(`No <input id="${id}">`);
    }
    input.click();
    await settle();
}

export async function click(element: Element | null): Promise<void> {
    if (!(element instanceof HTMLElement)) {
        throw new Error("Nothing to click");
    }
    element.click();
    await settle();
}

export function byTest(name: string, root: ParentNode = document): HTMLElement | null {
    return root.querySelector<HTMLElement>(`[data-test="${name}"]`);
}

export function allByTest(name: string, root: ParentNode = document): HTMLElement[] {
    return Array.from(root.querySelectorAll<HTMLElement>(`[data-test="${name}"]`));
}

/** The error text FKUI shows for the field whose input has id `id` ("" when none). */
export function fieldError(id: string): string {
    const input = document.getElementById(id);
    const field = input?.closest(".text-field, .select-field, fieldset");
    const message = field?.querySelector(".label__message--error");
    return message?.textContent?.trim() ?? "";
}

/** The `<select>` with id `id` (throws when there is none). */
export function selectById(id: string): HTMLSelectElement {
    const select = document.getElementById(id);
    if (!(select instanceof HTMLSelectElement)) {
        throw new Error(`No <select id="${id}">`);
    }
    return select;
}
