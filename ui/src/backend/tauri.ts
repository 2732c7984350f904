/**
 * The Backend over Tauri's IPC (docs/ipc.md). Command names are snake_case, argument names
 * camelCase (Tauri maps them to snake_case in Rust). Every rejection is turned into a
 * BackendError.
 */
import { invoke, type InvokeArgs } from "@tauri-apps/api/core";
import { parseBackendError } from "./errors";
import type { AppInfo, Assistant, AssistantInput, Backend, Household, HouseholdInput } from "./types";

type Invoke = <T>(command: string, args?: InvokeArgs) => Promise<T>;

export class TauriBackend implements Backend {
    private readonly invoke: Invoke;

    /** `invokeFn` is for tests; the app uses Tauri's `invoke`. */
    constructor(invokeFn: Invoke = invoke) {
        this.invoke = invokeFn;
    }

    private async call<T>(command: string, args?: InvokeArgs): Promise<T> {
        try {
            return await this.invoke<T>(command, args);
        } catch (error: unknown) {
            throw parseBackendError(error);
        }
    }

    appInfo(): Promise<AppInfo> {
        return this.call<AppInfo>("app_info");
    }

    getHousehold(): Promise<Household | null> {
        return this.call<Household | null>("get_household");
    }

    saveHousehold(household: HouseholdInput): Promise<Household> {
        return this.call<Household>("save_household", { household });
    }

    listAssistants(): Promise<Assistant[]> {
        return this.call<Assistant[]>("list_assistants");
    }

    saveAssistant(assistant: AssistantInput): Promise<Assistant> {
        return this.call<Assistant>("save_assistant", { assistant });
    }

    deleteAssistant(id: number): Promise<null> {
        return this.call<null>("delete_assistant", { id });
    }
}
