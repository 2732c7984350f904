//! Architecture invariants that a compiler does not check (docs/architecture.md).
//!
//! The dependency closure of a crate is computed from two sources that need no network and no
//! downloaded package, so the check works on a fresh machine and offline:
//! - `cargo metadata --no-deps` for the workspace's own crates: which of their dependencies are
//!   dev-dependencies (left out: tests may use anything);
//! - `Cargo.lock` for everything else: every package's dependencies for **every platform**
//!   (a Windows- or macOS-only GUI crate is caught on Linux too).
//!
//! The closure is a superset of what any one build links, which is the safe side for a
//! "must not depend on" rule.

use std::collections::{BTreeMap, BTreeSet};
use std::process::Command;

use serde_json::Value;

/// One package of the lock file: its name and the lock's dependency entries
/// (`"name"` or `"name version"` when the lock holds several versions of that name).
struct LockPackage {
    name: String,
    version: String,
    dependencies: Vec<String>,
}

/// What the dependency check knows about a workspace: the lock's packages and, per workspace
/// crate, the names of its dependencies that are dev-only.
struct Graph {
    packages: Vec<LockPackage>,
    dev_only: BTreeMap<String, BTreeSet<String>>,
}

impl Graph {
    /// The graph of this repository: `Cargo.lock` and `cargo metadata --no-deps --offline`.
    fn of_workspace() -> Graph {
        let root = env!("CARGO_MANIFEST_DIR");
        let lock = std::fs::read_to_string(format!("{root}/Cargo.lock")).expect("Cargo.lock");
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let output = Command::new(cargo)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--no-deps",
                "--offline",
            ])
            .arg("--manifest-path")
            .arg(format!("{root}/Cargo.toml"))
            .output()
            .expect("cargo metadata");
        assert!(
            output.status.success(),
            "cargo metadata --no-deps: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let metadata: Value = serde_json::from_slice(&output.stdout).unwrap();
        Graph::from_parts(&lock, &metadata)
    }

    fn from_parts(lock: &str, metadata: &Value) -> Graph {
        let lock: toml::Table = toml::from_str(lock).expect("Cargo.lock is TOML");
        let packages = lock["package"]
            .as_array()
            .expect("[[package]] entries")
            .iter()
            .map(|p| LockPackage {
                name: p["name"].as_str().unwrap().to_string(),
                version: p["version"].as_str().unwrap().to_string(),
                dependencies: p
                    .get("dependencies")
                    .and_then(|d| d.as_array())
                    .map(|d| d.iter().map(|e| e.as_str().unwrap().to_string()).collect())
                    .unwrap_or_default(),
            })
            .collect();
        let mut dev_only = BTreeMap::new();
        for package in metadata["packages"].as_array().unwrap() {
            let mut kinds: BTreeMap<String, bool> = BTreeMap::new();
            for dep in package["dependencies"].as_array().unwrap() {
                let is_dev = dep["kind"].as_str() == Some("dev");
                let entry = kinds.entry(dep["name"].as_str().unwrap().to_string());
                let dev = entry.or_insert(true);
                *dev &= is_dev;
            }
            dev_only.insert(
                package["name"].as_str().unwrap().to_string(),
                kinds
                    .into_iter()
                    .filter(|(_, dev)| *dev)
                    .map(|(n, _)| n)
                    .collect(),
            );
        }
        Graph { packages, dev_only }
    }

    /// The index of the lock package a dependency entry names.
    fn resolve(&self, entry: &str) -> usize {
        let mut parts = entry.split(' ');
        let name = parts.next().unwrap();
        let version = parts.next();
        let matches: Vec<usize> = (0..self.packages.len())
            .filter(|&i| {
                self.packages[i].name == name
                    && version.is_none_or(|v| self.packages[i].version == v)
            })
            .collect();
        assert_eq!(matches.len(), 1, "lock entry {entry:?} names one package");
        matches[0]
    }

    /// The names of every package `package` depends on (normal and build dependencies,
    /// transitively, every platform; a workspace crate's dev-dependencies excluded).
    fn closure(&self, package: &str) -> BTreeSet<String> {
        let root = self.resolve(package);
        let mut seen = BTreeSet::new();
        let mut visited = BTreeSet::from([root]);
        let mut stack = vec![root];
        while let Some(index) = stack.pop() {
            let current = &self.packages[index];
            let dev_only = self.dev_only.get(&current.name);
            for entry in &current.dependencies {
                let dep = self.resolve(entry);
                let name = &self.packages[dep].name;
                if dev_only.is_some_and(|d| d.contains(name)) {
                    continue;
                }
                seen.insert(name.clone());
                if visited.insert(dep) {
                    stack.push(dep);
                }
            }
        }
        seen
    }

    /// The packages of `package`'s closure whose names start with one of `forbidden`.
    fn forbidden_in(&self, package: &str, forbidden: &[&str]) -> Vec<String> {
        self.closure(package)
            .into_iter()
            .filter(|name| forbidden.iter().any(|f| name.starts_with(f)))
            .collect()
    }
}

fn assert_free_of(package: &str, forbidden: &[&str]) {
    let graph = Graph::of_workspace();
    let found = graph.forbidden_in(package, forbidden);
    assert!(found.is_empty(), "{package} must not depend on {found:?}");
}

const GUI: &[&str] = &[
    "tauri",
    "wry",
    "tao",
    "webkit2gtk",
    "webview2",
    "gtk",
    "gdk",
    "javascriptcore",
    "muda",
    "tray-icon",
    "objc2-web-kit",
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

/// The check can fail: on this repository's real graph, the app crate reaches tauri and wry
/// and the core reaches what it really uses, so a closure that lost its edges would show here.
#[test]
fn the_check_sees_real_dependencies() {
    let graph = Graph::of_workspace();
    let app = graph.forbidden_in("timbok", GUI);
    assert!(app.iter().any(|n| n == "tauri"), "{app:?}");
    assert!(app.iter().any(|n| n == "wry"), "{app:?}");
    // WebView2 is a Windows-only dependency: found from the lock on every platform.
    assert!(app.iter().any(|n| n.starts_with("webview2")), "{app:?}");
    let core = graph.closure("timbok-core");
    for used in ["rusqlite", "reqwest", "rustls", "libsqlite3-sys"] {
        assert!(core.contains(used), "timbok-core's closure lacks {used}");
    }
    // Dev-dependencies are left out: the core's tests use timbok-sim and proptest.
    assert!(!core.contains("timbok-sim") && !core.contains("proptest"));
}

/// The check fails when a GUI crate creeps in, directly or through another crate, also when
/// only one platform pulls it and also when a crate is both a normal and a dev dependency.
#[test]
fn a_gui_crate_creeping_into_the_core_is_found() {
    let lock = r#"
version = 4
[[package]]
name = "core"
version = "0.1.0"
dependencies = ["helper 1.0.0", "testonly", "both"]
[[package]]
name = "helper"
version = "1.0.0"
dependencies = ["windows-only-shim"]
[[package]]
name = "helper"
version = "2.0.0"
[[package]]
name = "windows-only-shim"
version = "0.3.0"
dependencies = ["webview2-com"]
[[package]]
name = "webview2-com"
version = "0.38.0"
[[package]]
name = "testonly"
version = "1.0.0"
dependencies = ["tauri"]
[[package]]
name = "both"
version = "1.0.0"
dependencies = ["gtk"]
[[package]]
name = "tauri"
version = "2.0.0"
[[package]]
name = "gtk"
version = "0.18.0"
"#;
    let metadata = serde_json::json!({"packages": [{"name": "core", "dependencies": [
        {"name": "helper", "kind": null},
        {"name": "testonly", "kind": "dev"},
        {"name": "both", "kind": "dev"},
        {"name": "both", "kind": null},
    ]}]});
    let graph = Graph::from_parts(lock, &metadata);
    assert_eq!(
        graph.forbidden_in("core", GUI),
        vec!["gtk".to_string(), "webview2-com".to_string()]
    );
    let clean_metadata = serde_json::json!({"packages": [{"name": "core", "dependencies": [
        {"name": "helper", "kind": null},
        {"name": "testonly", "kind": "dev"},
        {"name": "both", "kind": "dev"},
    ]}]});
    let clean_lock = lock.replace("dependencies = [\"windows-only-shim\"]", "");
    let graph = Graph::from_parts(&clean_lock, &clean_metadata);
    assert!(graph.forbidden_in("core", GUI).is_empty());
}

/// The features of `tauri` as `timbok` resolves them for a build (no dev-dependencies), with
/// `extra` cargo arguments.
fn tauri_features_of_app(extra: &[&str]) -> String {
    let root = env!("CARGO_MANIFEST_DIR");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "tree",
            "-p",
            "timbok",
            "-e",
            "features,no-dev",
            "-i",
            "tauri",
        ])
        // Not --offline: on a fresh machine the registry may not hold every package yet.
        .args(extra)
        .arg("--manifest-path")
        .arg(format!("{root}/Cargo.toml"))
        .output()
        .expect("cargo tree");
    assert!(
        output.status.success(),
        "cargo tree: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

#[test]
fn the_development_bridge_is_never_in_a_release_build() {
    // A build without the feature (`cargo build`, `tauri build`) has no mock runtime in it.
    let release = tauri_features_of_app(&[]);
    assert!(!release.contains("feature \"test\""), "{release}");
    assert!(!release.contains("dev-bridge"), "{release}");
    // The check sees the bridge when it is asked for.
    let bridge = tauri_features_of_app(&["--features", "dev-bridge"]);
    assert!(bridge.contains("tauri feature \"test\""), "{bridge}");
    assert!(bridge.contains("timbok feature \"dev-bridge\""), "{bridge}");

    // The bridge's binary needs the feature; nothing turns it on by default or at bundling.
    let manifest: toml::Table =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
            .unwrap()
            .parse()
            .unwrap();
    let bridge_bin = manifest["bin"]
        .as_array()
        .unwrap()
        .iter()
        .find(|bin| bin["name"].as_str() == Some("timbok-dev-bridge"))
        .expect("the bridge's [[bin]]");
    assert_eq!(
        bridge_bin["required-features"].as_array().unwrap(),
        &vec![toml::Value::from("dev-bridge")]
    );
    let features = manifest["features"].as_table().unwrap();
    let default = features
        .get("default")
        .and_then(|d| d.as_array())
        .cloned()
        .unwrap_or_default();
    assert!(
        !default.contains(&toml::Value::from("dev-bridge")),
        "{default:?}"
    );
    let conf =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tauri.conf.json")).unwrap();
    assert!(
        !conf.contains("dev-bridge") && !conf.contains("npm run dev\""),
        "{conf}"
    );
}
