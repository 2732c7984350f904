//! Architecture invariants that a compiler does not check (docs/architecture.md).

use std::collections::{BTreeSet, HashMap};
use std::process::Command;

use serde_json::Value;

/// The names of every package `package` depends on (normal and build dependencies,
/// transitively; dev-dependencies excluded), from `cargo metadata`.
fn dependency_closure(package: &str) -> BTreeSet<String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "metadata",
            "--format-version",
            "1",
            "--offline",
            "--manifest-path",
        ])
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .output()
        .expect("cargo metadata");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
    let names: HashMap<&str, &str> = metadata["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: HashMap<&str, &Value> = metadata["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let root = names
        .iter()
        .find(|(_, name)| **name == package)
        .map(|(id, _)| *id)
        .expect("package in workspace");
    let mut seen = BTreeSet::new();
    let mut stack = vec![root];
    while let Some(id) = stack.pop() {
        for dep in nodes[id]["deps"].as_array().unwrap() {
            let non_dev = dep["dep_kinds"]
                .as_array()
                .unwrap()
                .iter()
                .any(|k| k["kind"].as_str() != Some("dev"));
            let dep_id = dep["pkg"].as_str().unwrap();
            if non_dev && seen.insert(names[dep_id].to_string()) {
                stack.push(dep_id);
            }
        }
    }
    seen
}

fn assert_free_of(package: &str, forbidden: &[&str]) {
    let closure = dependency_closure(package);
    assert!(
        closure.contains("rusqlite") || package != "timbok-core",
        "the closure looks wrong: {closure:?}"
    );
    let found: Vec<_> = closure
        .iter()
        .filter(|name| forbidden.iter().any(|f| name.starts_with(f)))
        .cloned()
        .collect();
    assert!(found.is_empty(), "{package} must not depend on {found:?}");
}

const GUI: &[&str] = &[
    "tauri",
    "wry",
    "tao",
    "webkit2gtk",
    "gtk",
    "gdk",
    "javascriptcore",
    "muda",
    "tray-icon",
];

#[test]
fn core_depends_on_no_gui_library() {
    assert_free_of("timbok-core", GUI);
}

#[test]
fn cli_depends_on_no_gui_library() {
    assert_free_of("timbok-cli", GUI);
}

#[test]
fn simulator_is_independent_of_the_core() {
    assert_free_of(
        "timbok-sim",
        &["timbok-core", "tauri", "wry", "webkit2gtk", "gtk"],
    );
}
