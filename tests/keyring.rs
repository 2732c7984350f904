//! The real OS keyring (Secret Service on Linux, Keychain on macOS, Credential Manager on
//! Windows) through `OsKeyring`, under a service name of its own so that a user's real entries
//! are never touched. On Linux it needs a D-Bus session with an unlocked gnome-keyring: the test
//! command (`ui/scripts/test-all.mjs`, CI) runs every Rust test under `dbus-run-session` after
//! `gnome-keyring-daemon --unlock`. See docs/architecture.md, "Testing".

use std::collections::BTreeMap;

use timbok_core::credentials::{Credential, OsKeyring, SealedSecrets, SecretBytes, SecretStore};
use timbok_core::settings::Environment;

/// Removes every entry of the test service, also when the test fails half-way.
struct Cleanup<'a>(&'a SealedSecrets<OsKeyring>);

impl Drop for Cleanup<'_> {
    fn drop(&mut self) {
        use timbok_core::credentials::Keyring;
        for environment in [Environment::FkTest, Environment::Production] {
            for credential in Credential::ALL {
                let _ = self.0.delete(environment, credential);
            }
            let _ = self
                .0
                .keyring()
                .remove(&format!("{}/credential_file_key", environment.as_str()));
        }
    }
}

/// On a Linux machine without a D-Bus session (a developer's plain `cargo test`) there is no
/// keyring to test: say so and pass. Never in CI, where a missing keyring is a failure.
fn keyring_missing() -> bool {
    let missing = cfg!(target_os = "linux")
        && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none()
        && std::env::var_os("CI").is_none();
    if missing {
        eprintln!(
            "keyring test skipped: no D-Bus session. Run it under dbus-run-session with an unlocked gnome-keyring (see ui/scripts/test-all.mjs)."
        );
    }
    missing
}

fn service_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!("se.timbok.test-{}-{nanos}", std::process::id())
}

#[test]
fn os_keyring_round_trip() {
    if keyring_missing() {
        return;
    }
    // As the app keeps them: small secrets as entries, the .p12 sealed in the data folder.
    let dir = tempfile::tempdir().unwrap();
    let keyring = SealedSecrets::new(OsKeyring::with_service(service_name()), dir.path());
    let _cleanup = Cleanup(&keyring);
    let env = Environment::FkTest;

    // Nothing there yet; removing what is not there is fine.
    assert_eq!(keyring.get(env, Credential::ErakKey).unwrap(), None);
    keyring.delete(env, Credential::ErakKey).unwrap();

    let key = SecretBytes::new("hemlig-erak-nyckel-7f3a");
    keyring.set(env, Credential::ErakKey, &key).unwrap();
    // A .p12 is binary: every byte value must come back as it was.
    let p12 = SecretBytes::new((0u8..=255).collect::<Vec<_>>());
    keyring.set(env, Credential::EltClientP12, &p12).unwrap();

    let read = keyring.get(env, Credential::ErakKey).unwrap().unwrap();
    assert_eq!(read, key);
    assert_eq!(
        keyring.get(env, Credential::EltClientP12).unwrap().unwrap(),
        p12
    );

    // Presence only, per environment.
    let presence = keyring.presence(env).unwrap();
    let expected: BTreeMap<_, _> = Credential::ALL
        .into_iter()
        .map(|c| {
            (
                c,
                matches!(c, Credential::ErakKey | Credential::EltClientP12),
            )
        })
        .collect();
    assert_eq!(presence, expected);
    assert!(keyring
        .presence(Environment::Production)
        .unwrap()
        .values()
        .all(|present| !present));

    // The secret never shows in Debug output, of the value or of anything holding it.
    let printed = format!("{read:?} {:?} {:?}", Some(&read), (&p12, presence));
    assert!(!printed.contains("hemlig"), "{printed}");
    assert!(printed.contains("[redacted]"), "{printed}");

    // Replace, then delete.
    let newer = SecretBytes::new("ny-nyckel");
    keyring.set(env, Credential::ErakKey, &newer).unwrap();
    assert_eq!(keyring.get(env, Credential::ErakKey).unwrap(), Some(newer));
    keyring.delete(env, Credential::ErakKey).unwrap();
    assert_eq!(keyring.get(env, Credential::ErakKey).unwrap(), None);
    assert!(keyring
        .get(env, Credential::EltClientP12)
        .unwrap()
        .is_some());
}

#[test]
fn os_keyring_works_from_async_code() {
    if keyring_missing() {
        return;
    }
    // The keyring crate drives D-Bus with its own runtime; OsKeyring moves the call off a
    // thread that already runs tokio (an async command, the connection test).
    let dir = tempfile::tempdir().unwrap();
    let keyring = SealedSecrets::new(OsKeyring::with_service(service_name()), dir.path());
    let _cleanup = Cleanup(&keyring);
    let secret = SecretBytes::new("från-async");
    tauri::async_runtime::block_on(async {
        tauri::async_runtime::spawn(async {}).await.unwrap();
        keyring
            .set(
                Environment::Production,
                Credential::BankidRpPassphrase,
                &secret,
            )
            .unwrap();
        assert_eq!(
            keyring
                .get(Environment::Production, Credential::BankidRpPassphrase)
                .unwrap(),
            Some(secret.clone())
        );
    });
}
