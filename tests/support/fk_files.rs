//! FK's own files for tests: `../shared/fk/` beside the checkout (never copied into the
//! repository), and `xmllint --schema` as the judge of FK's XML schemas.
//!
//! Included by path (`#[path = ".../tests/support/fk_files.rs"] mod fk_files;`) in every crate
//! whose tests read FK's files, so there is one rule for finding them:
//! - `TIMBOK_FK_DIR` names the folder if set; otherwise `<repository>/../shared/fk`.
//! - When the folder (or xmllint) is missing, [`fk_dir`] / [`xmllint`] return `None` and print
//!   why, so a developer without `shared/` sees the test skipped; with `CI=true` a missing
//!   folder or xmllint panics: CI has both and must never skip FK's checks.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// The repository root: the nearest ancestor of the crate that holds this file.
fn repository_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|p| p.join("tests/support/fk_files.rs").exists())
        .map(Path::to_path_buf)
        .unwrap_or(manifest)
}

fn in_ci() -> bool {
    std::env::var("CI").map(|v| v == "true" || v == "1").unwrap_or(false)
}

fn missing(what: &str) {
    if in_ci() {
        panic!("{what} (CI=true: FK's files are required in CI)");
    }
    eprintln!("SKIPPED: {what}");
}

/// FK's files folder (`../shared/fk`), or `None` (printed) when it is not there.
pub fn fk_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("TIMBOK_FK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repository_root().join("../shared/fk"));
    if dir.join("README.md").exists() {
        Some(dir)
    } else {
        missing(&format!(
            "FK's files are not at {} (set TIMBOK_FK_DIR or place shared/ beside the checkout)",
            dir.display()
        ));
        None
    }
}

/// One of FK's files by its path inside `shared/fk` (e.g. `elt/tidredovisning_extern_v1.xsd`).
pub fn fk_file(relative: &str) -> Option<PathBuf> {
    let path = fk_dir()?.join(relative);
    assert!(path.exists(), "FK's file {} is missing", path.display());
    Some(path)
}

/// The tidredovisning schema (version 1.8).
pub fn tidredovisning_xsd() -> Option<PathBuf> {
    fk_file("elt/tidredovisning_extern_v1.xsd")
}

/// The SOAP request/reply schema of SkickaTidredovisning.
pub fn responder_xsd() -> Option<PathBuf> {
    fk_file("elt/SkickaTidredovisningResponder_1.0.xsd")
}

/// Blankett 3059 (FK 3059 016 F 003).
pub fn blankett_3059() -> Option<PathBuf> {
    fk_file("forms/FK3059_016_F_003.pdf")
}

/// A judge that validates XML against one of FK's schemas with `xmllint --schema`.
pub struct Xmllint {
    schema: PathBuf,
}

/// `xmllint` bound to `schema`, or `None` (printed) when xmllint is not installed.
pub fn xmllint(schema: &Path) -> Option<Xmllint> {
    if Command::new("xmllint").arg("--version").output().is_err() {
        missing("xmllint is not installed (apt-get install libxml2-utils)");
        return None;
    }
    Some(Xmllint { schema: schema.to_path_buf() })
}

impl Xmllint {
    /// `Ok(())` when the document validates; otherwise xmllint's messages.
    pub fn validate(&self, xml: &[u8]) -> Result<(), String> {
        let mut child = Command::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--schema")
            .arg(&self.schema)
            .arg("-")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("xmllint starts");
        child.stdin.take().unwrap().write_all(xml).unwrap();
        let output = child.wait_with_output().unwrap();
        if output.status.success() {
            Ok(())
        } else {
            Err(String::from_utf8_lossy(&output.stderr).into_owned())
        }
    }

    /// Validates many documents in one xmllint process (for property tests): one verdict each.
    pub fn validate_all(&self, documents: &[Vec<u8>]) -> Vec<Result<(), String>> {
        let dir = std::env::temp_dir().join(format!("timbok-xmllint-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let files: Vec<PathBuf> = documents
            .iter()
            .enumerate()
            .map(|(i, doc)| {
                let path = dir.join(format!("doc-{i}.xml"));
                std::fs::write(&path, doc).unwrap();
                path
            })
            .collect();
        let output = Command::new("xmllint")
            .arg("--noout")
            .arg("--nonet")
            .arg("--schema")
            .arg(&self.schema)
            .args(&files)
            .output()
            .expect("xmllint starts");
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        let verdicts = files
            .iter()
            .map(|file| {
                let name = file.display().to_string();
                let lines: Vec<&str> = stderr
                    .lines()
                    .filter(|l| l.starts_with(&name) && !l.ends_with(" validates"))
                    .collect();
                if lines.is_empty() {
                    Ok(())
                } else {
                    Err(lines.join("\n"))
                }
            })
            .collect();
        let _ = std::fs::remove_dir_all(&dir);
        verdicts
    }
}
