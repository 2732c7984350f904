//! The standalone binary: first line, files, refusal of a non-loopback address.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use serde_json::Value;

use crate::common::*;

struct Child(std::process::Child);

impl Drop for Child {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn prints_its_urls_and_credentials_first_then_serves() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Child(
        Command::new(env!("CARGO_BIN_EXE_timbok-sim"))
            .args(["--listen", "127.0.0.1:0", "--data"])
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn timbok-sim"),
    );
    let stdout = child.0.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        line
    })
    .await
    .unwrap();
    let info: Value = serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{e}: {line}"));
    for key in [
        "erak",
        "elt",
        "bankid",
        "bankid_app",
        "ca_pem",
        "client_p12",
        "client_p12_passphrase",
        "erak_key",
        "erak_key_header",
    ] {
        assert!(
            info[key].as_str().is_some_and(|v| !v.is_empty()),
            "{key} in {info}"
        );
    }
    assert!(info["erak"]
        .as_str()
        .unwrap()
        .starts_with("http://127.0.0.1:"));
    assert!(info["elt"]
        .as_str()
        .unwrap()
        .starts_with("https://127.0.0.1:"));
    assert!(info["bankid"].as_str().unwrap().ends_with("/rp/v6.0"));
    let ca = std::fs::read(info["ca_pem"].as_str().unwrap()).unwrap();
    assert!(String::from_utf8_lossy(&ca).starts_with("-----BEGIN CERTIFICATE-----"));
    let p12 = std::fs::read(info["client_p12"].as_str().unwrap()).unwrap();
    let passphrase = info["client_p12_passphrase"].as_str().unwrap();
    let (chain, _key) = identity_from_p12(&p12, passphrase);
    assert_eq!(chain.len(), 2, "leaf and CA");

    // It serves: E-RÄK without the key is 401.
    let resp = send(
        "GET",
        &format!("{}/public/v1/status/x", info["erak"].as_str().unwrap()),
        &[],
        "",
        None,
    )
    .await
    .unwrap();
    assert_eq!(resp.status, 401);

    // ELT with the printed .p12 and CA.
    let ca_der = rustls_pki_types_from_pem(&ca);
    let tls = tls_config(
        roots_with(&ca_der),
        Some(identity_from_p12(&p12, passphrase)),
    );
    let resp = send("GET", info["elt"].as_str().unwrap(), &[], "", Some(tls))
        .await
        .unwrap();
    assert_eq!(resp.status, 405);
    drop(child);
}

fn rustls_pki_types_from_pem(pem: &[u8]) -> Vec<u8> {
    use rustls::pki_types::pem::PemObject;
    rustls::pki_types::CertificateDer::from_pem_slice(pem)
        .unwrap()
        .to_vec()
}

#[test]
fn the_p12_is_readable_by_openssl() {
    let Ok(version) = Command::new("openssl").arg("version").output() else {
        eprintln!("openssl is not installed; skipped");
        return;
    };
    assert!(version.status.success());
    let rt = tokio::runtime::Runtime::new().unwrap();
    let sim = rt.block_on(start());
    let out = Command::new("openssl")
        .args(["pkcs12", "-in"])
        .arg(sim.client_p12_path())
        .args([
            "-passin",
            &format!("pass:{}", sim.client_p12_passphrase()),
            "-nodes",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("BEGIN PRIVATE KEY") && text.contains("BEGIN CERTIFICATE"),
        "{text}"
    );
    let verify = Command::new("openssl")
        .args(["verify", "-CAfile"])
        .arg(sim.ca_pem_path())
        .arg(sim.client_cert_pem_path())
        .output()
        .unwrap();
    assert!(
        verify.status.success(),
        "{}",
        String::from_utf8_lossy(&verify.stdout)
    );
}

#[test]
fn refuses_a_non_loopback_address_and_explains_itself() {
    let out = Command::new(env!("CARGO_BIN_EXE_timbok-sim"))
        .args(["--listen", "0.0.0.0:0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("loopback"));
    assert!(out.stdout.is_empty());
    let help = Command::new(env!("CARGO_BIN_EXE_timbok-sim"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    assert!(
        text.contains("--listen") && text.contains("FIRST line"),
        "{text}"
    );
}

#[test]
fn the_data_folder_keeps_its_ca_across_starts() {
    let rt = tokio::runtime::Runtime::new().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let first = rt
        .block_on(timbok_sim::Simulator::start(timbok_sim::SimConfig::new(
            dir.path(),
        )))
        .unwrap();
    let ca = first.ca_pem().to_string();
    rt.block_on(first.shutdown());
    let second = rt
        .block_on(timbok_sim::Simulator::start(timbok_sim::SimConfig::new(
            dir.path(),
        )))
        .unwrap();
    assert_eq!(second.ca_pem(), ca);
    rt.block_on(second.shutdown());
}
