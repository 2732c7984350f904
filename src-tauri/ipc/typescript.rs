//! The IPC's TypeScript types, generated from the wire types of this module with `ts-rs`
//! (honouring their serde attributes) into ONE checked-in file, `ui/src/backend/ipc.gen.ts`,
//! which `ui/src/backend/types.ts` re-exports. `tests/typescript.rs` fails when that file
//! differs from `typescript()`; `TIMBOK_WRITE_IPC_TYPES=1 cargo test -p timbok --test
//! integration typescript::` rewrites it.
//!
//! Fields carrying one of a closed set of strings are `&'static str` here (the core's enums'
//! `as_str()`); they name their union with `#[ts(type = "…")]`, and the unions are still
//! declared in types.ts (imported below), as is `AssistantEmployer`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use ts_rs::{Config, TypeVisitor, TS};

use super::*;

/// The string unions the generated types name, declared in `ui/src/backend/types.ts`; and
/// `AssistantEmployer`, which the UI declares as the tagged union the core means (the wire
/// struct here has `kind` as a string with optional `name` and `organisationsnummer`); and
/// `BackendMessage`/`BackendParams`, a message's `{key, params}` (`ui/src/i18n/backend-messages.ts`).
const UNIONS: &[&str] = &[
    "AssistantEmployer",
    "AutomaticBackupKind",
    "BackendMessage",
    "BackendParams",
    "Employment",
    "Environment",
    "IdKind",
    "InvoiceStatus",
    "Kind",
    "LssKind",
    "QuestionId",
    "Repayment",
    "ReportStatus",
    "ReportedOutcome",
    "Scenario",
    "SendState",
    "ServiceName",
    "Severity",
    "SignerRole",
    "SigningState",
    "StartScreen",
];

/// Every declaration reachable from the visited types, by TypeScript name.
struct Declarations {
    config: Config,
    seen: HashSet<TypeId>,
    found: BTreeMap<String, String>,
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        if !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // Only our derived types have a file of their own; built-ins (Vec, Option) are inlined.
        if T::output_path().is_some() {
            let mut text = T::docs().unwrap_or_default();
            text.push_str("export ");
            text.push_str(&T::decl(&self.config));
            self.found.insert(T::ident(&self.config), text);
        }
        T::visit_dependencies(self);
        T::visit_generics(self);
    }
}

/// The text of `ui/src/backend/ipc.gen.ts`.
pub fn typescript() -> String {
    let mut declarations = Declarations {
        // Ids, counts and durations are JSON numbers, well inside 2^53.
        config: Config::new().with_large_int("number"),
        seen: HashSet::new(),
        found: BTreeMap::new(),
    };
    // Every argument and reply type of the commands (docs/ipc.md); what they contain follows.
    let visit = &mut declarations;
    visit.visit::<AppInfo>();
    visit.visit::<Household>();
    visit.visit::<HouseholdInput>();
    visit.visit::<Assistant>();
    visit.visit::<AssistantInput>();
    visit.visit::<MonthSheet>();
    visit.visit::<ShiftInput>();
    visit.visit::<DayInput>();
    visit.visit::<BatchResult>();
    visit.visit::<CopyInput>();
    visit.visit::<ScheduleDayWire>();
    visit.visit::<Settings>();
    visit.visit::<EndpointsWire>();
    visit.visit::<ConnectionCheck>();
    visit.visit::<FieldCheck>();
    visit.visit::<TimeReportsMonth>();
    visit.visit::<SigningStarted>();
    visit.visit::<SigningStatus>();
    visit.visit::<SentReport>();
    visit.visit::<InvoiceAnswers>();
    visit.visit::<InvoiceState>();
    visit.visit::<OverviewMonth>();
    visit.visit::<CallEntry>();
    visit.visit::<BackupSaved>();
    visit.visit::<RestoreDone>();
    visit.visit::<AutomaticBackup>();
    visit.visit::<DraftWire>();
    visit.visit::<Start>();
    visit.visit::<Code>();

    let mut out = String::from(
        "// Generated from the Rust wire types (src-tauri/ipc/) by src-tauri/ipc/typescript.rs.\n\
         // Do not edit: `TIMBOK_WRITE_IPC_TYPES=1 cargo test -p timbok --test integration typescript::`\n\
         // rewrites this file. Import these types through ./types.\n\n",
    );
    out.push_str(&format!(
        "import type {{ {} }} from \"./types\";\n",
        UNIONS.join(", ")
    ));
    for declaration in declarations.found.values() {
        out.push('\n');
        out.push_str(declaration);
        out.push('\n');
    }
    out.push_str(&rule_tables());
    out
}

/// What a form shows before anything is saved, as data taken from the core's rules (so the UI
/// has no copy of them): the scenario of every employment and signer role
/// (`Scenario::of`), and the longest texts the household's checks accept.
fn rule_tables() -> String {
    use timbok_core::household::{
        Employment, Scenario, SignerRole, MAX_NAME_CHARS, MAX_PHONE_CHARS, MAX_PROVIDER_NAME_CHARS,
    };
    let rows: Vec<String> = Employment::ALL
        .iter()
        .map(|&employment| {
            let roles: Vec<String> = SignerRole::ALL
                .iter()
                .map(|&role| {
                    format!(
                        "{:?}: {:?}",
                        role.as_str(),
                        Scenario::of(employment, role).as_str()
                    )
                })
                .collect();
            format!(
                "    {:?}: {{ {} }},\n",
                employment.as_str(),
                roles.join(", ")
            )
        })
        .collect();
    format!(
        "\n/** The scenario of each employment and signer role (the core's `Scenario::of`). */\n\
         export const SCENARIO_OF: Readonly<Record<Employment, Readonly<Record<SignerRole, Scenario>>>> = {{\n{}}};\n\
         \n/** The longest texts the household's checks accept, in characters. */\n\
         export const TEXT_LIMITS = {{ name: {MAX_NAME_CHARS}, providerName: {MAX_PROVIDER_NAME_CHARS}, phone: {MAX_PHONE_CHARS} }} as const;\n",
        rows.concat()
    )
}
