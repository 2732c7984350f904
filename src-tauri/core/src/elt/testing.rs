//! Test support for the ELT modules: golden files, sample households built from core types,
//! a running simulator with its ELT client, and signing through the simulator's BankID.

use std::path::PathBuf;
use std::time::Duration;

use base64::engine::general_purpose::STANDARD as B64;
use base64::Engine;
use chrono::{NaiveDate, NaiveDateTime};
use serde_json::{json, Value};
use timbok_sim::{RunningSimulator, SimConfig, Simulator};

use super::client::HttpsTransport;
use super::soap::Signature;
use crate::connection::{self, Trust};
use crate::credentials::SecretBytes;
use crate::hours::{AssistantId, Shift, ShiftId, TimeKind};
use crate::household::{
    Assistant, AssistantEmployer, CalculationPeriods, Employment, Household, Person, Provider,
    SignerRole,
};
use crate::identity::{Organisationsnummer, PersonalId};
use crate::pkcs12::ClientIdentity;

pub const PERSON: &str = "201605129988";
pub const GUARDIAN: &str = "198403079984";
pub const ASSISTANT: &str = "199006219894";
pub const OTHER_ASSISTANT: &str = "197811029946";
pub const SAMORDNING: &str = "197010632391";

/// Compares `actual` with the golden file `tests/fixtures/elt/{name}`; with `UPDATE_GOLDEN=1`
/// (re)writes the file instead.
pub fn golden(name: &str, actual: &[u8]) {
    let path = golden_path(name);
    if std::env::var("UPDATE_GOLDEN").as_deref() == Ok("1") {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read(&path).unwrap_or_else(|e| {
        panic!(
            "golden file {} cannot be read ({e}); run the test with UPDATE_GOLDEN=1 to write it",
            path.display()
        )
    });
    if expected != actual {
        panic!(
            "{} differs from the golden file (UPDATE_GOLDEN=1 rewrites it after review)\n--- expected\n{}\n--- actual\n{}",
            name,
            String::from_utf8_lossy(&expected),
            String::from_utf8_lossy(actual)
        );
    }
}

pub fn golden_path(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/fixtures/elt/"
    ))
    .join(name)
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

pub fn at(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
    day(y, m, d).and_hms_opt(h, min, 0).unwrap()
}

pub fn pid(digits: &str) -> PersonalId {
    PersonalId::parse(digits, day(2026, 1, 1)).unwrap()
}

fn person(digits: &str, first: &str, last: &str, phone: Option<&str>) -> Person {
    Person {
        personnummer: pid(digits),
        first_name: first.into(),
        last_name: last.into(),
        phone: phone.map(Into::into),
    }
}

/// Scenario E: a child, the guardian signs, the family employs the assistants.
pub fn employer_household() -> Household {
    Household {
        person: person(PERSON, "Elsa", "Demosson", None),
        signer_role: SignerRole::Vardnadshavare,
        signer: Some(person(GUARDIAN, "Maria", "Demosson", Some("070-174 06 11"))),
        employment: Employment::Employer,
        provider: None,
        granted_hours_per_month: Some(480),
    }
}

/// Scenario B with names that need escaping: the guardian buys assistance from a provider.
pub fn buying_household() -> Household {
    Household {
        person: person(PERSON, "Åsa-Märta", "Öberg & Ödman", None),
        signer_role: SignerRole::Vardnadshavare,
        signer: Some(person(
            GUARDIAN,
            "Ann \"Nisse\"",
            "<Ek> & Ström",
            Some("+46 70-174 06 12"),
        )),
        employment: Employment::Buys,
        provider: Some(Provider {
            name: "Assistans & Omsorg <Väst> \"AB\"".into(),
            organisationsnummer: Organisationsnummer::parse("556036-0793").unwrap(),
            contact_person: Some("Kim \"K\" <Ek> & Ödmark".into()),
            phone: Some("031-123 45 67".into()),
        }),
        granted_hours_per_month: None,
    }
}

pub fn assistant(id: i64, digits: &str, first: &str, last: &str) -> Assistant {
    Assistant {
        id: AssistantId(id),
        personnummer: pid(digits),
        first_name: first.into(),
        last_name: last.into(),
        phone: Some(format!("070-174 06 {}", 19 + id)),
        employed_by_person: true,
        collective_agreement: false,
        employer: AssistantEmployer::Provider,
        calculation_periods: CalculationPeriods::default(),
    }
}

pub fn johan() -> Assistant {
    assistant(1, ASSISTANT, "Johan", "Lind")
}

pub fn ali() -> Assistant {
    assistant(3, SAMORDNING, "Ali", "Haddad")
}

pub fn shift(
    id: i64,
    who: &Assistant,
    start: NaiveDateTime,
    end: NaiveDateTime,
    kind: TimeKind,
) -> Shift {
    Shift {
        id: ShiftId(id),
        assistant_id: who.id,
        start,
        end,
        kind,
        note: None,
    }
}

/// Today in Europe/Stockholm (the simulator's "today").
pub fn today() -> NaiveDate {
    chrono::Utc::now()
        .with_timezone(&chrono_tz::Europe::Stockholm)
        .date_naive()
}

/// A running simulator with its data folder and Timbok's ELT transport to it.
pub struct TestSim {
    pub sim: RunningSimulator,
    pub _dir: tempfile::TempDir,
}

pub async fn start_sim(configure: impl FnOnce(&mut SimConfig)) -> TestSim {
    let dir = tempfile::tempdir().unwrap();
    let mut config = SimConfig::new(dir.path());
    configure(&mut config);
    let sim = Simulator::start(config).await.expect("simulator starts");
    TestSim { sim, _dir: dir }
}

impl TestSim {
    pub fn trust(&self) -> Trust {
        Trust::only_pem(self.sim.ca_pem()).unwrap()
    }

    pub fn identity(&self) -> ClientIdentity {
        let p12 = std::fs::read(self.sim.client_p12_path()).unwrap();
        ClientIdentity::open(&p12, &SecretBytes::new(self.sim.client_p12_passphrase())).unwrap()
    }

    pub fn transport(&self) -> HttpsTransport {
        HttpsTransport::new(self.sim.elt_url(), &self.trust(), &self.identity()).unwrap()
    }

    /// Signs `non_visible` through the simulator's BankID RP API: an order requiring
    /// `required`, completed by the app as `as_person` (default: `required`), then collected.
    pub async fn bankid_sign(
        &self,
        required: &str,
        as_person: Option<&str>,
        non_visible: &str,
    ) -> Signature {
        let base = self.sim.bankid_url();
        let roots = connection::root_store(&self.trust()).unwrap();
        let client = connection::client(&roots, None, base).unwrap();
        let order: Value = client
            .post(format!("{base}/sign"))
            .json(&json!({
                "endUserIp": "127.0.0.1",
                "userVisibleData": B64.encode("Tidsredovisning för **september**"),
                "userVisibleDataFormat": "simpleMarkdownV1",
                "userNonVisibleData": B64.encode(non_visible),
                "requirement": { "personalNumber": required },
            }))
            .send()
            .await
            .unwrap()
            .error_for_status()
            .unwrap()
            .json()
            .await
            .unwrap();
        let order_ref = order["orderRef"].as_str().unwrap().to_string();
        self.sim.bankid_complete(&order_ref, as_person).unwrap();
        let collected: Value = client
            .post(format!("{base}/collect"))
            .json(&json!({ "orderRef": order_ref }))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        assert_eq!(collected["status"], "complete", "{collected}");
        let data = &collected["completionData"];
        Signature {
            signature: data["signature"].as_str().unwrap().to_string(),
            ocsp_response: data["ocspResponse"].as_str().unwrap().to_string(),
            date: today(),
        }
    }
}

/// Waits out ELT's one-request-per-second rule.
pub async fn pace() {
    tokio::time::sleep(Duration::from_millis(1100)).await;
}
