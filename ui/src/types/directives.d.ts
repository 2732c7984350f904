import type { Directive } from "vue";

/** Config per validator, e.g. `{ required: { errorMessage: "…" }, maxLength: { length: 100 } }`. */
export type ValidationConfigs = Record<string, Record<string, unknown> | undefined>;

declare module "vue" {
    interface GlobalDirectives {
        /** FKUI's validation directive, installed by `ValidationPlugin` (src/app.ts). */
        vValidation: Directive<HTMLElement, ValidationConfigs | undefined>;
    }
}
