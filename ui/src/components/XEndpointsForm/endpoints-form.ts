/** The endpoints form's fields, their input ids and the backend's field paths. */
import type { Endpoints } from "../../backend/types";

export type EndpointField = keyof Endpoints;

export const ENDPOINT_FIELDS: readonly EndpointField[] = [
    "erakBaseUrl",
    "erakSigningOrigin",
    "erakKeyHeader",
    "eltUrl",
    "bankidBaseUrl",
    "supplierName",
    "supplierId",
];

/** Backend field path (docs/ipc.md, `save_endpoints`) → input id. */
export const ENDPOINT_FIELD_IDS: Readonly<Record<EndpointField, string>> = {
    erakBaseUrl: "endpoint-erak-base-url",
    erakSigningOrigin: "endpoint-erak-signing-origin",
    erakKeyHeader: "endpoint-erak-key-header",
    eltUrl: "endpoint-elt-url",
    bankidBaseUrl: "endpoint-bankid-base-url",
    supplierName: "endpoint-supplier-name",
    supplierId: "endpoint-supplier-id",
};

export function emptyEndpoints(): Endpoints {
    return {
        erakBaseUrl: "",
        erakSigningOrigin: "",
        erakKeyHeader: "",
        eltUrl: "",
        bankidBaseUrl: "",
        supplierName: "",
        supplierId: "",
    };
}
