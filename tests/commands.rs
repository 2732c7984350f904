//! The command list is kept once (`src-tauri/command_list.rs`, `timbok_app::COMMANDS`);
//! `invoke_handler()` and the app manifest are generated from it. What cannot be generated is
//! checked here: the capability, docs/ipc.md and the UI's `tauri.ts` name the same commands.

use std::collections::BTreeSet;
use std::path::Path;

fn read(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn the_list() -> BTreeSet<String> {
    let list: BTreeSet<String> = timbok_app::COMMANDS.iter().map(|c| c.to_string()).collect();
    assert_eq!(
        list.len(),
        timbok_app::COMMANDS.len(),
        "a command listed twice"
    );
    list
}

/// Fails naming every command that is in one list and not the other.
fn assert_same(what: &str, found: BTreeSet<String>) {
    let list = the_list();
    let missing: Vec<_> = list.difference(&found).collect();
    let extra: Vec<_> = found.difference(&list).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what} differs from src-tauri/command_list.rs: missing {missing:?}, not a command {extra:?}"
    );
}

/// `allow-get-month` → `get_month`; the capability's other permissions are not commands.
fn capability_commands(json: &str) -> BTreeSet<String> {
    let capability: serde_json::Value = serde_json::from_str(json).unwrap();
    capability["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| {
            let p = p.as_str().expect("a permission by name");
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("the capability grants more than a command: {p}"))
                .replace('-', "_")
        })
        .collect()
}

/// The first column of every table whose header starts with `| command |`.
fn documented_commands(markdown: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let mut in_table = false;
    for line in markdown.lines() {
        if line.starts_with("| command |") {
            in_table = true;
            continue;
        }
        if !line.starts_with('|') {
            in_table = false;
            continue;
        }
        if in_table && !line.starts_with("|--") {
            let cell = line.split('|').nth(1).unwrap_or("").trim();
            found.insert(cell.trim_matches('`').to_string());
        }
    }
    found
}

/// The command names `TauriBackend` calls: `this.call<…>("name", …)`.
fn ui_commands(source: &str) -> BTreeSet<String> {
    source
        .split("this.call<")
        .skip(1)
        .map(|rest| {
            let start = rest.find("(\"").expect("a command name") + 2;
            let end = start + rest[start..].find('"').unwrap();
            rest[start..end].to_string()
        })
        .collect()
}

#[test]
fn the_capability_grants_exactly_the_commands() {
    assert_same(
        "src-tauri/capabilities/main.json",
        capability_commands(&read("src-tauri/capabilities/main.json")),
    );
}

#[test]
fn docs_ipc_documents_exactly_the_commands() {
    assert_same("docs/ipc.md", documented_commands(&read("docs/ipc.md")));
}

#[test]
fn the_ui_calls_exactly_the_commands() {
    assert_same(
        "ui/src/backend/tauri.ts",
        ui_commands(&read("ui/src/backend/tauri.ts")),
    );
}

#[test]
fn the_checks_name_a_command_that_is_missing_or_extra() {
    // Each reader finds what it should, so the comparisons above can fail.
    let capability = r#"{"permissions": ["allow-get-month", "allow-save-shift"]}"#;
    assert_eq!(
        capability_commands(capability),
        BTreeSet::from(["get_month".into(), "save_shift".into()])
    );
    let docs = "| command | args | returns |\n|---|---|---|\n| `get_month` | `{ month }` | x |\n\n| a | b |\n| `other` | c |\n";
    assert_eq!(
        documented_commands(docs),
        BTreeSet::from(["get_month".into()])
    );
    let ui = r#"return this.call<Household | null>("get_household"); this.call<null>("remove_draft", { month });"#;
    assert_eq!(
        ui_commands(ui),
        BTreeSet::from(["get_household".into(), "remove_draft".into()])
    );
    let result = std::panic::catch_unwind(|| {
        let mut found = the_list();
        found.remove("get_month");
        found.insert("get_months".into());
        assert_same("a list", found);
    });
    let message = *result.unwrap_err().downcast::<String>().unwrap();
    assert!(message.contains("missing [\"get_month\"]"), "{message}");
    assert!(
        message.contains("not a command [\"get_months\"]"),
        "{message}"
    );
}
