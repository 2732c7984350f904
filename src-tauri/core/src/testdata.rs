//! Sample data for benchmarks and tests: a household with years of history, made
//! deterministically. Skatteverket test personnummer only.

use chrono::{Duration, NaiveDate};

use crate::hours::TimeKind;
use crate::household::{AssistantDraft, Employment, HouseholdDraft, PersonDraft, SignerRole};
use crate::store::{NewShift, Store};

/// Skatteverket test personnummer used for the sample assistants.
pub const ASSISTANTS: [&str; 4] = [
    "198112189876",
    "189001019802",
    "201701012393",
    "196408233234",
];

/// A plain (unencrypted) database at `path`, as a Timbok before encryption at rest wrote it,
/// filled by [`household_with_history`]: what the first open migrates (benches/open.rs).
pub fn plain_database_with_history(path: &std::path::Path, until: NaiveDate, years: u32) -> usize {
    let conn = rusqlite::Connection::open(path).expect("a plain database file");
    let mut store = Store::init(conn, path).expect("the schema");
    household_with_history(&mut store, until, years)
}

/// Fills `store` with a household, four assistants employed by the person and about
/// `years × 2 920` shifts ending before `until`: every day eight three-hour shifts around the
/// clock, rotating over the assistants and the kinds of time.
pub fn household_with_history(store: &mut Store, until: NaiveDate, years: u32) -> usize {
    let today = until;
    let household = HouseholdDraft {
        person: PersonDraft {
            personnummer: "191212121212".into(),
            first_name: "Tolvan".into(),
            last_name: "Tolvansson".into(),
            phone: None,
        },
        signer_role: SignerRole::SelfSigner,
        signer: None,
        employment: Employment::Employer,
        provider: None,
        granted_hours_per_month: Some(744),
    }
    .validate(today)
    .expect("valid household");
    store.save_household(&household).expect("saved");
    let mut ids = Vec::new();
    for (i, pnr) in ASSISTANTS.iter().enumerate() {
        let (_, new) = AssistantDraft {
            id: None,
            personnummer: (*pnr).into(),
            first_name: format!("Assistent{i}"),
            last_name: "Test".into(),
            phone: None,
            employed_by_person: true,
            collective_agreement: false,
            employer: None,
            calculation_periods: None,
        }
        .validate(today)
        .expect("valid assistant");
        ids.push(store.insert_assistant(&new).expect("inserted").id);
    }
    let first = until - Duration::days(365 * i64::from(years));
    let mut shifts = Vec::new();
    let mut day = first;
    let mut n = 0usize;
    while day < until {
        for slot in 0..8u32 {
            let start = day.and_hms_opt(slot * 3, 0, 0).unwrap();
            shifts.push(NewShift {
                assistant_id: ids[(n + slot as usize) % ids.len()],
                start,
                end: start + Duration::hours(3),
                kind: TimeKind::ALL[slot as usize % 3],
                note: None,
            });
        }
        n += 1;
        day += Duration::days(1);
    }
    let (added, _) = store
        .insert_shifts_skipping_overlaps(&shifts)
        .expect("inserted");
    added.len()
}

/// Locks every BankID assistant's report of `month` (those with a personnummer), has each
/// assistant and then the employer sign through `services`' BankID (a simulator that completes
/// orders by itself), and queues the signed reports. Returns how many were queued. For tests
/// and demos; panics on anything unexpected.
pub async fn sign_and_queue(
    db: &std::path::Path,
    month: crate::hours::YearMonth,
    services: &crate::services::Services,
) -> usize {
    use crate::bankid::Device;
    use crate::identity::IdKind;
    use crate::reports::signing::{Signer, SigningDesk};

    let mut timbok = crate::Timbok::open(db).expect("database");
    let desk = SigningDesk::new(std::sync::Arc::new(
        crate::bankid::journalled::JournalledTransport::new(
            services.bankid.clone(),
            db,
            crate::Clock::System,
        ),
    ));
    let mut signers = Vec::new();
    for assistant in timbok.assistants().expect("assistants") {
        if assistant.id_kind() == IdKind::Personnummer {
            timbok.lock_report(month, assistant.id).expect("lock");
            signers.push(Signer::Assistant(assistant.id));
        }
    }
    signers.push(Signer::Employer);
    for signer in signers {
        let request = timbok.signing_request(month, signer).expect("request");
        desk.sign_and_wait(
            request,
            Device::OtherDevice,
            std::time::Duration::from_millis(100),
            |r, c| timbok.record_signature(r, c),
        )
        .await
        .expect("signed");
    }
    timbok.queue_reports(month).expect("queue")
}
