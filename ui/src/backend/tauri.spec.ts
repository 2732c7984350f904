import { describe, expect, it, vi } from "vitest";
import { BackendError } from "./errors";
import { TauriBackend } from "./tauri";
import type { AssistantInput, HouseholdInput } from "./types";

const household: HouseholdInput = {
    person: { personnummer: "19121212-1212", firstName: "Tolvan", lastName: "Tolvansson", phone: null },
    signerRole: "self",
    signer: null,
    employment: "employer",
    provider: null,
    grantedHoursPerMonth: 160,
};

const assistant: AssistantInput = {
    id: null,
    personnummer: "19811218-9876",
    firstName: "Anna",
    lastName: "Andersson",
    phone: null,
    employedByPerson: true,
    collectiveAgreement: false,
};

describe("TauriBackend", () => {
    it("calls the commands of docs/ipc.md with camelCase arguments", async () => {
        const invoke = vi.fn().mockResolvedValue(null);
        const backend = new TauriBackend(invoke);
        await backend.appInfo();
        await backend.getHousehold();
        await backend.saveHousehold(household);
        await backend.listAssistants();
        await backend.saveAssistant(assistant);
        await backend.deleteAssistant(7);
        expect(invoke.mock.calls).toEqual([
            ["app_info", undefined],
            ["get_household", undefined],
            ["save_household", { household }],
            ["list_assistants", undefined],
            ["save_assistant", { assistant }],
            ["delete_assistant", { id: 7 }],
        ]);
    });

    it("calls the settings commands of docs/ipc.md", async () => {
        const invoke = vi.fn().mockResolvedValue(null);
        const backend = new TauriBackend(invoke);
        const endpoints = {
            erakBaseUrl: "https://erak.example.se",
            erakSigningOrigin: "https://signera.example.se",
            erakKeyHeader: "",
            eltUrl: "https://elt.example.se/elt",
            bankidBaseUrl: "https://bankid.example.se/rp/v6.0",
            supplierName: "Leverantören",
            supplierId: "L-1",
        };
        await backend.setEnvironment("fk_test");
        await backend.resetDemo();
        await backend.getSettings();
        await backend.saveEndpoints(endpoints);
        await backend.checkField("eltUrl", "https://elt.example.se/elt");
        await backend.storeCredential("erak_key", { text: "k" });
        await backend.storeCredential("elt_client_p12", { base64: "MDAw" });
        await backend.deleteCredential("erak_key");
        await backend.testConnection();
        expect(invoke.mock.calls).toEqual([
            ["set_environment", { environment: "fk_test" }],
            ["reset_demo", undefined],
            ["get_settings", undefined],
            ["save_endpoints", { endpoints }],
            ["check_field", { field: "eltUrl", text: "https://elt.example.se/elt" }],
            ["store_credential", { credential: "erak_key", text: "k", base64: null }],
            ["store_credential", { credential: "elt_client_p12", text: null, base64: "MDAw" }],
            ["delete_credential", { credential: "erak_key" }],
            ["test_connection", undefined],
        ]);
    });

    it("calls the month commands of docs/ipc.md with camelCase arguments", async () => {
        const invoke = vi.fn().mockResolvedValue(null);
        const backend = new TauriBackend(invoke);
        const shift = { id: null, assistantId: 3, start: "2026-10-24T22:00", end: "2026-10-25T07:00", kind: "aktiv" as const, note: null };
        const days = [{ weekday: 0, text: "8-16 v" }];
        await backend.getMonth("2026-10");
        await backend.saveShift(shift);
        await backend.deleteShift(5);
        await backend.undoDeleteShift(5);
        await backend.copyShifts({ kind: "day", from: "2026-10-24", to: "2026-10-25" }, 3);
        await backend.copyShifts({ kind: "previousMonth", month: "2026-10" }, null);
        await backend.getSchedule(3);
        await backend.saveSchedule(3, days);
        await backend.prefillMonth("2026-10", null);
        expect(invoke.mock.calls).toEqual([
            ["get_month", { month: "2026-10" }],
            ["save_shift", { shift }],
            ["delete_shift", { id: 5 }],
            ["undo_delete_shift", { id: 5 }],
            ["copy_shifts", { source: { kind: "day", from: "2026-10-24", to: "2026-10-25" }, assistantId: 3 }],
            ["copy_shifts", { source: { kind: "previousMonth", month: "2026-10" }, assistantId: null }],
            ["get_schedule", { assistantId: 3 }],
            ["save_schedule", { assistantId: 3, days }],
            ["prefill_month", { month: "2026-10", assistantId: null }],
        ]);
    });

    it("rejects with a BackendError built from the command's error", async () => {
        const invoke = vi.fn().mockRejectedValue({
            code: "invalid_input",
            message: "Fyll i förnamnet.",
            field: "person.firstName",
        });
        const backend = new TauriBackend(invoke);
        const error: unknown = await backend.saveHousehold(household).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BackendError);
        expect(error).toMatchObject({ code: "invalid_input", field: "person.firstName" });
    });

    it("rejects with code internal when Tauri rejects with a plain string", async () => {
        const invoke = vi.fn().mockRejectedValue("command list_assistants not found");
        const backend = new TauriBackend(invoke);
        await expect(backend.listAssistants()).rejects.toMatchObject({ code: "internal" });
    });
});
