use std::sync::Arc;

use super::*;
use crate::connection::{self, Service, Target, Trust};
use crate::credentials::{check, MemoryKeyring};
use crate::endpoints::EndpointsDraft;
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, PrivatePkcs8KeyDer};

const ENV: Environment = Environment::FkTest;

fn store() -> (
    tempfile::TempDir,
    Arc<MemoryKeyring>,
    SealedSecrets<Arc<MemoryKeyring>>,
) {
    let dir = tempfile::tempdir().unwrap();
    let keyring = Arc::new(MemoryKeyring::default());
    let secrets = SealedSecrets::new(keyring.clone(), dir.path());
    (dir, keyring, secrets)
}

/// Self-signed certificates with many names: padding for a chain as big as a real one.
fn filler_certificates(count: usize) -> Vec<Vec<u8>> {
    (0..count)
        .map(|i| {
            let key = rcgen::KeyPair::generate().unwrap();
            let names = (0..12)
                .map(|n| format!("mellanliggande-{i}-{n}.utfardare.example.se"))
                .collect::<Vec<_>>();
            rcgen::CertificateParams::new(names)
                .unwrap()
                .self_signed(&key)
                .unwrap()
                .der()
                .to_vec()
        })
        .collect()
}

/// A .p12 of about 6 KB: `leaf` and its key with a chain of filler certificates.
fn big_p12(leaf: &[u8], key: &[u8], passphrase: &str) -> Vec<u8> {
    let fillers = filler_certificates(6);
    let more: Vec<&[u8]> = fillers.iter().map(Vec::as_slice).collect();
    let p12 = crate::pkcs12::tests::p12_of(leaf, key, &more, passphrase);
    assert!(
        (5_500..9_000).contains(&p12.len()),
        "the test file should be about 6 KB, is {} bytes",
        p12.len()
    );
    p12
}

fn assert_small_entries(keyring: &MemoryKeyring) {
    let sizes = keyring.sizes();
    assert!(!sizes.is_empty());
    for (name, size) in sizes {
        assert!(
            size < MAX_KEYRING_ENTRY_BYTES,
            "keyring entry {name} is {size} bytes"
        );
    }
}

#[test]
fn every_entry_timbok_writes_is_small_and_the_p12_comes_back() {
    let (dir, keyring, secrets) = store();
    let key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["leverantor.example.se".into()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let p12 = big_p12(leaf.der(), &key.serialize_der(), "lösen-123");
    // Every credential, for every environment, through the SecretStore trait and its checks.
    for environment in [Environment::FkTest, Environment::Production] {
        for (credential, value) in [
            (Credential::EltClientP12, p12.clone()),
            (Credential::EltP12Passphrase, b"l\xc3\xb6sen-123".to_vec()),
            (Credential::ErakKey, b"erak-nyckel-abc".to_vec()),
            (Credential::BankidRpP12, p12.clone()),
            (Credential::BankidRpPassphrase, b"l\xc3\xb6sen-123".to_vec()),
        ] {
            let checked = check(
                &secrets,
                environment,
                credential,
                SecretBytes::new(value.clone()),
            )
            .unwrap();
            secrets.set(environment, credential, &checked).unwrap();
            assert_eq!(
                secrets
                    .get(environment, credential)
                    .unwrap()
                    .unwrap()
                    .expose(),
                value.as_slice()
            );
        }
        assert!(secrets.presence(environment).unwrap().values().all(|p| *p));
    }
    // The other entries Timbok writes: a database's key, the automatic backups' key.
    let db = dir.path().join("timbok.sqlite3");
    drop(crate::Store::open_with(&db, &crate::store::DatabaseKeys::new(keyring.clone())).unwrap());
    let backed_up = dir.path().join("backed-up.sqlite3");
    drop(crate::Store::open(&backed_up).unwrap());
    crate::backup::AutoBackups::new(dir.path(), ENV, keyring.as_ref())
        .daily(
            &backed_up,
            chrono::NaiveDate::from_ymd_opt(2026, 12, 7)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        )
        .unwrap()
        .unwrap();
    let names = keyring.sizes();
    assert!(
        names
            .keys()
            .any(|n| n.starts_with(crate::store::KEY_ENTRY_PREFIX)),
        "{names:?}"
    );
    assert!(
        names.keys().any(|n| n.ends_with("/backup_key")),
        "{names:?}"
    );
    assert_small_entries(&keyring);
    // The file on disk is not the .p12: no certificate bytes readable in it.
    let sealed = fs::read(secrets.file_path(ENV, Credential::EltClientP12)).unwrap();
    assert!(sealed.starts_with(MAGIC));
    assert!(!sealed
        .windows(20)
        .any(|w| p12.windows(20).next() == Some(w)));
    assert!(!sealed
        .windows(b"leverantor".len())
        .any(|w| w == b"leverantor"));
    // The keyring entries are the passphrases, the key and the E-RÄK key; no .p12.
    assert!(keyring.sizes().keys().all(|name| !name.ends_with("_p12")));
    // Delete removes the file and nothing else.
    secrets.delete(ENV, Credential::EltClientP12).unwrap();
    assert!(!secrets.file_path(ENV, Credential::EltClientP12).exists());
    assert!(!secrets.presence(ENV).unwrap()[&Credential::EltClientP12]);
    assert!(secrets.presence(ENV).unwrap()[&Credential::BankidRpP12]);
    drop(dir);
}

#[test]
fn a_big_p12_cannot_be_a_keyring_entry_on_windows() {
    // What the sealed file is for: the keyring (here with Windows' limit) refuses the file.
    let keyring = MemoryKeyring::default();
    let key = rcgen::KeyPair::generate().unwrap();
    let leaf = rcgen::CertificateParams::new(vec!["x.example.se".into()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let p12 = big_p12(leaf.der(), &key.serialize_der(), "p");
    assert!(keyring
        .write("fk_test/elt_client_p12", &SecretBytes::new(p12))
        .is_err());
}

#[test]
fn a_p12_left_in_the_keyring_is_moved_into_its_file_on_first_use() {
    let (_dir, keyring, secrets) = store();
    let p12 = crate::pkcs12::tests::self_signed_p12("hemligt");
    // As an older Timbok stored it.
    keyring
        .write("fk_test/elt_client_p12", &SecretBytes::new(p12.clone()))
        .unwrap();
    assert!(secrets.presence(ENV).unwrap()[&Credential::EltClientP12]);
    assert!(!secrets.file_path(ENV, Credential::EltClientP12).exists());
    let read = secrets.get(ENV, Credential::EltClientP12).unwrap().unwrap();
    assert_eq!(read.expose(), p12.as_slice());
    assert!(secrets.file_path(ENV, Credential::EltClientP12).exists());
    assert_eq!(keyring.read("fk_test/elt_client_p12").unwrap(), None);
    // And it reads back from the file from now on.
    assert_eq!(
        secrets.get(ENV, Credential::EltClientP12).unwrap().unwrap(),
        read
    );
    assert_small_entries(&keyring);
}

#[test]
fn a_missing_or_wrong_key_or_a_changed_file_is_named_and_nothing_is_deleted() {
    let (_dir, keyring, secrets) = store();
    let p12 = crate::pkcs12::tests::self_signed_p12("hemligt");
    secrets
        .set(
            ENV,
            Credential::EltClientP12,
            &SecretBytes::new(p12.clone()),
        )
        .unwrap();
    let path = secrets.file_path(ENV, Credential::EltClientP12);
    let original = fs::read(&path).unwrap();

    // A changed byte anywhere after the header.
    let mut tampered = original.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    fs::write(&path, &tampered).unwrap();
    let error = secrets.get(ENV, Credential::EltClientP12).unwrap_err();
    assert!(
        matches!(
            error,
            Error::Sealed(SealedProblem::Unreadable {
                credential: Credential::EltClientP12
            })
        ),
        "{error:?}"
    );
    assert_eq!(
        SealedProblem::Unreadable {
            credential: Credential::EltClientP12
        }
        .code(),
        "credential_file_unreadable"
    );
    assert_eq!(error.field(), Some("eltClientP12"));
    assert!(
        error.to_string().contains("Filen har inte ändrats"),
        "{error}"
    );
    assert_eq!(fs::read(&path).unwrap(), tampered, "left as it was");

    // The file of the other environment's name (associated data) does not open here either.
    fs::write(&path, &original).unwrap();
    let other = secrets.file_path(ENV, Credential::BankidRpP12);
    fs::copy(&path, &other).unwrap();
    assert!(matches!(
        secrets.get(ENV, Credential::BankidRpP12).unwrap_err(),
        Error::Sealed(SealedProblem::Unreadable { .. })
    ));
    fs::remove_file(&other).unwrap();

    // Another key.
    let key_entry = entry_name(ENV, FILE_KEY_ENTRY);
    let right_key = keyring.read(&key_entry).unwrap().unwrap();
    keyring
        .write(&key_entry, &SecretBytes::new("ab".repeat(32)))
        .unwrap();
    assert!(matches!(
        secrets.get(ENV, Credential::EltClientP12).unwrap_err(),
        Error::Sealed(SealedProblem::Unreadable { .. })
    ));

    // No key at all.
    keyring.remove(&key_entry).unwrap();
    let error = secrets.get(ENV, Credential::EltClientP12).unwrap_err();
    assert!(
        matches!(error, Error::Sealed(SealedProblem::KeyMissing { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains("nyckelring"), "{error}");
    assert!(path.exists(), "never deleted");
    // Presence is still shown (the settings screen then offers to save the file again).
    assert!(secrets.presence(ENV).unwrap()[&Credential::EltClientP12]);

    // The right key back: the file opens as before.
    keyring.write(&key_entry, &right_key).unwrap();
    assert_eq!(
        secrets
            .get(ENV, Credential::EltClientP12)
            .unwrap()
            .unwrap()
            .expose(),
        p12.as_slice()
    );
}

/// The whole path: a 6 KB .p12 issued by the simulator's CA, stored, read back, and used by the
/// ELT client against the simulator over mutual TLS; no keyring entry over 2 KiB.
#[tokio::test]
async fn a_six_kilobyte_p12_is_used_by_the_elt_client_against_the_simulator() {
    use timbok_sim::{SimConfig, Simulator};
    let dir = tempfile::tempdir().unwrap();
    let sim = Simulator::start(SimConfig::new(dir.path().join("sim")))
        .await
        .unwrap();
    let leaf = CertificateDer::from_pem_file(sim.client_cert_pem_path()).unwrap();
    let key = PrivatePkcs8KeyDer::from_pem_file(sim.client_key_pem_path()).unwrap();
    let p12 = big_p12(&leaf, key.secret_pkcs8_der(), "sex-kilobyte");

    let keyring = Arc::new(MemoryKeyring::default());
    let secrets = SealedSecrets::new(keyring.clone(), &dir.path().join("data"));
    let env = Environment::Demo;
    for (credential, value) in [
        (Credential::EltClientP12, p12.clone()),
        (Credential::EltP12Passphrase, b"sex-kilobyte".to_vec()),
        (Credential::ErakKey, sim.erak_key().as_bytes().to_vec()),
    ] {
        let checked = check(&secrets, env, credential, SecretBytes::new(value)).unwrap();
        secrets.set(env, credential, &checked).unwrap();
    }
    assert_eq!(
        secrets
            .get(env, Credential::EltClientP12)
            .unwrap()
            .unwrap()
            .expose(),
        p12.as_slice()
    );
    let target = Target {
        environment: env,
        endpoints: EndpointsDraft {
            erak_base_url: sim.erak_url().into(),
            erak_signing_origin: sim.erak_url().into(),
            erak_key_header: sim.erak_key_header().into(),
            elt_url: sim.elt_url().into(),
            bankid_base_url: sim.bankid_url().into(),
            supplier_name: "Testleverantören".into(),
            supplier_id: "test".into(),
        }
        .validate(env)
        .unwrap(),
        trust: Trust::only_pem(sim.ca_pem()).unwrap(),
    };
    let checks = connection::test(&target, &secrets).await;
    let elt = checks.iter().find(|c| c.service == Service::Elt).unwrap();
    assert!(elt.ok, "{elt:?}");
    let record = sim.record();
    let seen: Vec<_> = record.of(timbok_sim::Service::Elt).collect();
    assert_eq!(seen.len(), 1);
    assert!(seen[0].client_certificate, "ELT saw the client certificate");
    assert_small_entries(&keyring);
}
