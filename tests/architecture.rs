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

/// The core's modules, one source file each, and which files each file imports from, read
/// with `syn` from `lib.rs` down along the `mod` items, leaving out test-only modules
/// (`#[cfg(test)]`). An import is a path that starts with `crate::` or `super::` (in a `use`,
/// a type or an expression), attributed to the deepest module it names; a parent's use of its
/// own children (`pub use child::X`) is the module's face, not counted.
mod imports {
    use std::collections::{BTreeMap, BTreeSet};
    use std::path::{Path, PathBuf};

    use syn::visit::Visit;

    /// Module path (`["store", "cipher"]`) → the file that holds it.
    pub struct Modules {
        pub files: BTreeMap<Vec<String>, PathBuf>,
        /// File → the files it imports from.
        pub edges: BTreeMap<PathBuf, BTreeSet<PathBuf>>,
    }

    fn is_test_only(attrs: &[syn::Attribute]) -> bool {
        attrs.iter().any(|a| {
            a.path().is_ident("cfg")
                && a.parse_args::<syn::Meta>()
                    .is_ok_and(|m| m.path().is_ident("test"))
        })
    }

    fn path_attr(attrs: &[syn::Attribute]) -> Option<String> {
        attrs.iter().find_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) if nv.path.is_ident("path") => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
    }

    /// Reads the crate whose root is `lib` (`src/lib.rs`).
    pub fn read(lib: &Path) -> Modules {
        let mut files = BTreeMap::new();
        let mut parsed = Vec::new();
        load(
            lib,
            lib.parent().unwrap(),
            Vec::new(),
            &mut files,
            &mut parsed,
        );
        let mut edges: BTreeMap<PathBuf, BTreeSet<PathBuf>> = BTreeMap::new();
        for (file, module, ast) in &parsed {
            let mut seen = Seen {
                module: module.clone(),
                paths: Vec::new(),
            };
            seen.visit_file(ast);
            for (from_module, segments) in seen.paths {
                let Some(target) = resolve(&files, &from_module, &segments) else {
                    continue;
                };
                let target_file = &files[&target];
                if target_file != file && !target.starts_with(&from_module) {
                    edges
                        .entry(file.clone())
                        .or_default()
                        .insert(target_file.clone());
                }
            }
        }
        Modules { files, edges }
    }

    /// `dir` is where the children of `module` live.
    fn load(
        file: &Path,
        dir: &Path,
        module: Vec<String>,
        files: &mut BTreeMap<Vec<String>, PathBuf>,
        parsed: &mut Vec<(PathBuf, Vec<String>, syn::File)>,
    ) {
        let text =
            std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        let ast = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        files.insert(module.clone(), file.to_path_buf());
        children(&ast.items, file, dir, &module, files, parsed);
        parsed.push((file.to_path_buf(), module, ast));
    }

    fn children(
        items: &[syn::Item],
        file: &Path,
        dir: &Path,
        module: &[String],
        files: &mut BTreeMap<Vec<String>, PathBuf>,
        parsed: &mut Vec<(PathBuf, Vec<String>, syn::File)>,
    ) {
        for item in items {
            let syn::Item::Mod(m) = item else { continue };
            if is_test_only(&m.attrs) {
                continue;
            }
            let name = m.ident.to_string();
            let mut child = module.to_vec();
            child.push(name.clone());
            match &m.content {
                // An inline module: part of this file.
                Some((_, inner)) => {
                    files.insert(child.clone(), file.to_path_buf());
                    children(inner, file, &dir.join(&name), &child, files, parsed);
                }
                None => {
                    let path = match path_attr(&m.attrs) {
                        Some(p) => file.parent().unwrap().join(p),
                        None if dir.join(format!("{name}.rs")).exists() => {
                            dir.join(format!("{name}.rs"))
                        }
                        None => dir.join(&name).join("mod.rs"),
                    };
                    let child_dir = if path.file_name().is_some_and(|f| f == "mod.rs") {
                        path.parent().unwrap().to_path_buf()
                    } else {
                        dir.join(&name)
                    };
                    load(&path, &child_dir, child, files, parsed);
                }
            }
        }
    }

    /// The deepest module `segments` names, seen from `from`.
    fn resolve(
        files: &BTreeMap<Vec<String>, PathBuf>,
        from: &[String],
        segments: &[String],
    ) -> Option<Vec<String>> {
        let mut rest = segments.iter().peekable();
        let mut at: Vec<String> = match rest.next()?.as_str() {
            "crate" => Vec::new(),
            "super" => {
                let mut up = from.to_vec();
                up.pop()?;
                while rest.peek().is_some_and(|s| *s == "super") {
                    rest.next();
                    up.pop()?;
                }
                up
            }
            _ => return None,
        };
        for segment in rest {
            let mut deeper = at.clone();
            deeper.push(segment.clone());
            if !files.contains_key(&deeper) {
                break;
            }
            at = deeper;
        }
        Some(at)
    }

    /// Every `crate::`/`super::` path of a file, with the module it is written in.
    struct Seen {
        module: Vec<String>,
        paths: Vec<(Vec<String>, Vec<String>)>,
    }

    impl Seen {
        fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
            match tree {
                syn::UseTree::Path(p) => {
                    prefix.push(p.ident.to_string());
                    self.use_tree(prefix, &p.tree);
                    prefix.pop();
                }
                syn::UseTree::Name(n) => {
                    let mut full = prefix.clone();
                    full.push(n.ident.to_string());
                    self.paths.push((self.module.clone(), full));
                }
                syn::UseTree::Rename(r) => {
                    let mut full = prefix.clone();
                    full.push(r.ident.to_string());
                    self.paths.push((self.module.clone(), full));
                }
                syn::UseTree::Glob(_) => self.paths.push((self.module.clone(), prefix.clone())),
                syn::UseTree::Group(g) => {
                    for item in &g.items {
                        self.use_tree(prefix, item);
                    }
                }
            }
        }
    }

    impl<'ast> Visit<'ast> for Seen {
        fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
            if is_test_only(&m.attrs) {
                return;
            }
            if let Some((_, items)) = &m.content {
                self.module.push(m.ident.to_string());
                for item in items {
                    self.visit_item(item);
                }
                self.module.pop();
            }
        }

        fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
            if !is_test_only(&u.attrs) {
                self.use_tree(&mut Vec::new(), &u.tree);
            }
        }

        fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
            if !is_test_only(&f.attrs) {
                syn::visit::visit_item_fn(self, f);
            }
        }

        fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
            if !is_test_only(&i.attrs) {
                syn::visit::visit_item_impl(self, i);
            }
        }

        fn visit_path(&mut self, p: &'ast syn::Path) {
            let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
            if segments
                .first()
                .is_some_and(|s| s == "crate" || s == "super")
            {
                self.paths.push((self.module.clone(), segments));
            }
            syn::visit::visit_path(self, p);
        }
    }

    /// The import circles: each a set of two or more files that import each other, directly
    /// or around (strongly connected components, Tarjan), with the edges inside it.
    pub fn circles(edges: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<BTreeSet<PathBuf>> {
        struct State<'a> {
            edges: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
            index: BTreeMap<&'a PathBuf, usize>,
            low: BTreeMap<&'a PathBuf, usize>,
            stack: Vec<&'a PathBuf>,
            on_stack: BTreeSet<&'a PathBuf>,
            out: Vec<BTreeSet<PathBuf>>,
        }
        fn connect<'a>(s: &mut State<'a>, v: &'a PathBuf) {
            let i = s.index.len();
            s.index.insert(v, i);
            s.low.insert(v, i);
            s.stack.push(v);
            s.on_stack.insert(v);
            let edges = s.edges;
            for w in edges.get(v).into_iter().flatten() {
                if !s.index.contains_key(w) {
                    connect(s, w);
                    let low = s.low[v].min(s.low[w]);
                    s.low.insert(v, low);
                } else if s.on_stack.contains(w) {
                    let low = s.low[v].min(s.index[w]);
                    s.low.insert(v, low);
                }
            }
            if s.low[v] == s.index[v] {
                let mut component = BTreeSet::new();
                while let Some(w) = s.stack.pop() {
                    s.on_stack.remove(w);
                    component.insert(w.clone());
                    if w == v {
                        break;
                    }
                }
                if component.len() > 1 {
                    s.out.push(component);
                }
            }
        }
        let mut s = State {
            edges,
            index: BTreeMap::new(),
            low: BTreeMap::new(),
            stack: Vec::new(),
            on_stack: BTreeSet::new(),
            out: Vec::new(),
        };
        for v in edges.keys() {
            if !s.index.contains_key(v) {
                connect(&mut s, v);
            }
        }
        s.out
    }
}

fn describe_circles(modules: &imports::Modules, root: &std::path::Path) -> Vec<String> {
    imports::circles(&modules.edges)
        .iter()
        .map(|circle| {
            let name =
                |p: &std::path::PathBuf| p.strip_prefix(root).unwrap_or(p).display().to_string();
            let ties: Vec<String> = circle
                .iter()
                .flat_map(|from| {
                    modules.edges[from]
                        .iter()
                        .filter(|to| circle.contains(*to))
                        .map(move |to| format!("{} -> {}", name(from), name(to)))
                })
                .collect();
            ties.join(", ")
        })
        .collect()
}

/// The core's files import each other in one direction only: no file reaches itself through
/// its imports. Small types that two use cases share live in leaf modules
/// (docs/architecture.md, "Leaf modules").
#[test]
fn the_core_has_no_import_circles() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/core/src");
    let modules = imports::read(&root.join("lib.rs"));
    // The reading works: the known structure is there.
    assert!(modules
        .files
        .contains_key(&vec!["store".to_string(), "cipher".to_string()]));
    assert!(modules.edges[&root.join("sheet.rs")].contains(&root.join("store/mod.rs")));
    let circles = describe_circles(&modules, &root);
    assert!(
        circles.is_empty(),
        "import circles in the core:\n{}",
        circles.join("\n")
    );
}

/// The circle check finds a circle, also one through `super::` and a grouped `use`, and
/// ignores test-only modules and a parent's use of its children.
#[test]
fn an_import_circle_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let write = |path: &str, text: &str| {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    write(
        "lib.rs",
        "pub mod a;\npub mod b;\npub mod leaf;\n#[cfg(test)]\nmod tests;\n",
    );
    write(
        "a.rs",
        "use crate::{b::inner::Big, leaf::Small};\npub struct A;\n",
    );
    write("b/mod.rs", "pub mod inner;\npub use inner::Big;\n");
    write("b/inner.rs", "pub struct Big(super::super::a::A);\n");
    write("leaf.rs", "pub struct Small;\n");
    // Test-only code may import anything.
    write("tests.rs", "use crate::a::A;\nuse crate::leaf::Small;\n");
    let modules = imports::read(&dir.path().join("lib.rs"));
    assert_eq!(
        describe_circles(&modules, dir.path()),
        ["a.rs -> b/inner.rs, b/inner.rs -> a.rs"]
    );
    // The shared type moved to the leaf: the circle is gone.
    write("b/inner.rs", "pub struct Big(crate::leaf::Small);\n");
    let modules = imports::read(&dir.path().join("lib.rs"));
    assert!(describe_circles(&modules, dir.path()).is_empty());
    assert!(!modules.files.contains_key(&vec!["tests".to_string()]));
}

/// The constructors of the remote side: only the core (its `session`) wires services.
const SERVICE_CONSTRUCTORS: &[(&str, &str)] = &[
    ("Sender", "new"),
    ("HttpsTransport", "new"),
    ("InvoiceDesk", "new"),
    ("SigningDesk", "new"),
    ("Services", "connect"),
    ("JournalledTransport", "new"),
];

/// The calls (or mentions) of [`SERVICE_CONSTRUCTORS`] in one Rust source, `Type::function`
/// each, in the order of the source.
fn service_constructors_in(source: &str) -> Vec<String> {
    use syn::visit::Visit;
    struct Finder(Vec<String>);
    impl<'ast> Visit<'ast> for Finder {
        fn visit_path(&mut self, path: &'ast syn::Path) {
            let names: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
            if let [.., owner, function] = names.as_slice() {
                if SERVICE_CONSTRUCTORS.contains(&(owner.as_str(), function.as_str())) {
                    self.0.push(format!("{owner}::{function}"));
                }
            }
            syn::visit::visit_path(self, path);
        }
    }
    let file = syn::parse_file(source).expect("Rust source");
    let mut finder = Finder(Vec::new());
    finder.visit_file(&file);
    finder.0
}

/// The app crate's and the CLI's sources: `src-tauri/*.rs`, `src-tauri/ipc/`, `src-tauri/cli/src/`.
fn shell_sources() -> Vec<std::path::PathBuf> {
    fn rust_files(dir: &std::path::Path, deep: bool, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if deep {
                    rust_files(&path, deep, out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri");
    let mut files = Vec::new();
    rust_files(&root, false, &mut files);
    rust_files(&root.join("ipc"), true, &mut files);
    rust_files(&root.join("cli/src"), true, &mut files);
    files.sort();
    files
}

/// The app's commands and the CLI call the core's session; they wire no services
/// (docs/architecture.md, "timbok (src-tauri)").
#[test]
fn the_shells_wire_no_services() {
    let files = shell_sources();
    let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
    assert!(
        names.iter().any(|n| n.ends_with("src-tauri/commands.rs")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("ipc/reports.rs")),
        "{names:?}"
    );
    assert!(
        names.iter().any(|n| n.ends_with("cli/src/demo_send.rs")),
        "{names:?}"
    );
    let found: Vec<String> = files
        .iter()
        .flat_map(|file| {
            let source = std::fs::read_to_string(file).unwrap();
            service_constructors_in(&source)
                .into_iter()
                .map(move |call| format!("{}: {call}", file.display()))
        })
        .collect();
    assert!(
        found.is_empty(),
        "services wired outside the core:\n{}",
        found.join("\n")
    );
}

/// The check finds each constructor, by any path, also inside a closure or a nested call, and
/// not in a comment or a string.
#[test]
fn a_service_wired_in_a_shell_is_found() {
    let source = r#"
        use timbok_core::outbox::Sender;
        // Sender::new(db, elt, clock) in a comment is fine.
        fn wire(db: &Path) {
            let _ = "SigningDesk::new";
            let sender = Sender::new(db, elt, Clock::System);
            let desk = timbok_core::invoice::desk::InvoiceDesk::new(db, setup, surface, clock);
            let run = || Services::connect(&target, &secrets);
            let signing = SigningDesk::new(Arc::new(JournalledTransport::new(t, db, clock)));
            let elt = Arc::new(HttpsTransport::new(url, &trust, &identity));
            let fine = Remote::connect(db, &target, secrets, surface, clock);
        }
    "#;
    assert_eq!(
        service_constructors_in(source),
        [
            "Sender::new",
            "InvoiceDesk::new",
            "Services::connect",
            "SigningDesk::new",
            "JournalledTransport::new",
            "HttpsTransport::new",
        ]
    );
}
