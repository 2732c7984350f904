//! Store tests. Fixtures use only Skatteverket's test personnummer.

use std::fs;
use std::path::Path;

use chrono::{NaiveDate, NaiveDateTime};

use super::*;
use crate::error::Entity;
use crate::hours::{AssistantId, ShiftId, TimeKind};
use crate::household::{
    AssistantDraft, Employment, Household, HouseholdDraft, NewAssistant, PersonDraft,
    ProviderDraft, Scenario, SignerRole,
};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 15).unwrap()
}

fn at(text: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
}

pub(super) fn household() -> Household {
    HouseholdDraft {
        person: PersonDraft {
            personnummer: "121212-1212".into(),
            first_name: "Tolvan".into(),
            last_name: "Tolvansson".into(),
            phone: Some("070-123 45 67".into()),
        },
        signer_role: SignerRole::Forvaltare,
        signer: Some(PersonDraft {
            personnummer: "198112189876".into(),
            first_name: "Fia".into(),
            last_name: "Förvaltare".into(),
            phone: None,
        }),
        employment: Employment::Buys,
        provider: Some(ProviderDraft {
            name: "Assistans AB".into(),
            organisationsnummer: "556036-0793".into(),
        }),
        granted_hours_per_month: Some(300),
    }
    .validate(today())
    .unwrap()
}

fn new_assistant(pnr: &str, first: &str, last: &str) -> NewAssistant {
    AssistantDraft {
        id: None,
        personnummer: pnr.into(),
        first_name: first.into(),
        last_name: last.into(),
        phone: Some("+46 70 123 45 67".into()),
        employed_by_person: true,
        collective_agreement: false,
        employer: None,
        calculation_periods: None,
    }
    .validate(today())
    .unwrap()
    .1
}

fn shift(assistant_id: AssistantId, start: &str, end: &str) -> NewShift {
    NewShift {
        assistant_id,
        start: at(start),
        end: at(end),
        kind: TimeKind::Aktiv,
        note: None,
    }
}

fn read(path: &Path) -> Vec<u8> {
    fs::read(path).unwrap()
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn migrates_an_empty_database_to_the_latest_version() {
    let store = Store::open_in_memory().unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    const { assert!(SCHEMA_VERSION >= 1) };
    let app_id: i32 = store
        .conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!(app_id, APPLICATION_ID);
    let fk: bool = store
        .conn
        .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
        .unwrap();
    assert!(fk);
}

#[test]
fn file_database_is_created_owner_only_in_wal_mode_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new").join("data").join("timbok.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        let mode_name: String = store
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode_name, "wal");
        store.save_household(&household()).unwrap();
        let a = store
            .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
            .unwrap();
        store
            .insert_shift(&shift(a.id, "2025-05-01 08:00", "2025-05-01 16:00"))
            .unwrap();
        store.set_setting("theme", "dark").unwrap();
        #[cfg(unix)]
        {
            assert_eq!(mode(&path), 0o600);
            for suffix in ["-wal", "-shm"] {
                let side = dir
                    .path()
                    .join("new/data")
                    .join(format!("timbok.sqlite{suffix}"));
                if side.exists() {
                    assert_eq!(mode(&side), 0o600, "{suffix}");
                }
            }
            assert_eq!(mode(&dir.path().join("new")), 0o700);
            assert_eq!(mode(&dir.path().join("new/data")), 0o700);
        }
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.household().unwrap(), Some(household()));
    assert_eq!(store.assistants().unwrap().len(), 1);
    let month = store
        .shifts_overlapping(at("2025-05-01 00:00"), at("2025-06-01 00:00"))
        .unwrap();
    assert_eq!(month.len(), 1);
    assert_eq!(store.setting("theme").unwrap().as_deref(), Some("dark"));
}

#[cfg(unix)]
#[test]
fn existing_file_permissions_are_tightened() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite");
    drop(Store::open(&path).unwrap());
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    drop(Store::open(&path).unwrap());
    assert_eq!(mode(&path), 0o600);

    // An empty file someone else created is taken over and tightened too.
    let empty = dir.path().join("empty.sqlite");
    fs::write(&empty, b"").unwrap();
    fs::set_permissions(&empty, fs::Permissions::from_mode(0o666)).unwrap();
    let store = Store::open(&empty).unwrap();
    assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
    assert_eq!(mode(&empty), 0o600);
}

fn assert_refused_untouched(path: &Path, check: impl Fn(Error) -> bool) {
    let before = read(path);
    let err = Store::open(path).unwrap_err();
    assert!(check(err), "wrong error");
    assert_eq!(read(path), before, "the file was changed");
    // Nothing was left next to it either.
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut side = path.as_os_str().to_owned();
        side.push(suffix);
        let side = std::path::PathBuf::from(side);
        assert!(!side.exists() || read(&side).is_empty(), "{suffix} written");
    }
}

#[test]
fn random_bytes_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite");
    // A deterministic pseudo-random file.
    let mut x: u32 = 0x1234_5678;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect();
    // Whole 4 KiB pages of random bytes look exactly like an encrypted database (SQLCipher's
    // file is indistinguishable from random): no key for its "salt", so the key is missing.
    fs::write(&path, &bytes).unwrap();
    #[cfg(unix)]
    let mode_before = mode(&path);
    assert_refused_untouched(&path, |e| matches!(e, Error::DatabaseKeyMissing));
    #[cfg(unix)]
    assert_eq!(mode(&path), mode_before);

    // Not whole pages: neither SQLite nor SQLCipher.
    fs::write(&path, &bytes[..8000]).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::DatabaseCorrupt { .. }));

    // A short file too.
    fs::write(&path, b"SQLite").unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::DatabaseCorrupt { .. }));
}

#[test]
fn damaged_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite");
    {
        // A plain database (an older Timbok's; an encrypted one is in cipher/tests.rs).
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut store = Store::init(conn, &path).unwrap();
        store.save_household(&household()).unwrap();
    }
    // Keep the header's magic, scramble the rest of the first page.
    let mut bytes = read(&path);
    for (i, b) in bytes.iter_mut().enumerate().skip(16).take(4096) {
        *b = (i * 7 + 3) as u8;
    }
    fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(&path, |e| matches!(e, Error::DatabaseCorrupt { .. }));
}

#[test]
fn other_sqlite_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(
            "CREATE TABLE photos (id INTEGER PRIMARY KEY); PRAGMA user_version = 1;",
        )
        .unwrap();
    }
    assert_refused_untouched(&path, |e| matches!(e, Error::DatabaseCorrupt { .. }));
}

#[test]
fn newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("timbok.sqlite");
    {
        let mut store = Store::open(&path).unwrap();
        store.save_household(&household()).unwrap();
    }
    {
        let conn = super::connect(&path).unwrap();
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
    }
    let before = read(&path);
    let err = Store::open(&path).unwrap_err();
    match err {
        Error::DatabaseTooNew { found, supported } => {
            assert_eq!(found, SCHEMA_VERSION + 1);
            assert_eq!(supported, SCHEMA_VERSION);
        }
        other => panic!("expected DatabaseTooNew, got {other:?}"),
    }
    assert_eq!(read(&path), before, "the file was changed");
}

#[test]
fn corrupt_error_does_not_name_the_path() {
    let err = Error::DatabaseCorrupt {
        path: "/Users/tolvan.tolvansson/timbok.sqlite".into(),
    };
    assert!(!err.to_string().contains("tolvan"));
}

#[test]
fn household_round_trip_and_replace() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.household().unwrap(), None);
    let h = household();
    store.save_household(&h).unwrap();
    let loaded = store.household().unwrap().unwrap();
    assert_eq!(loaded, h);
    assert_eq!(loaded.scenario(), Scenario::C);

    // Saving again replaces it: self-signing employer, no signer, no provider.
    let mut h2 = h.clone();
    h2.signer_role = SignerRole::SelfSigner;
    h2.signer = None;
    h2.employment = Employment::Employer;
    h2.provider = None;
    h2.granted_hours_per_month = None;
    h2.person.phone = None;
    store.save_household(&h2).unwrap();
    assert_eq!(store.household().unwrap(), Some(h2));
    let rows: i64 = store
        .conn
        .query_row("SELECT count(*) FROM household", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 1);
}

#[test]
fn assistants_round_trip_sorted_and_unique() {
    let mut store = Store::open_in_memory().unwrap();
    let ohman = store
        .insert_assistant(&new_assistant("198112189876", "Olle", "Öhman"))
        .unwrap();
    let aberg = store
        .insert_assistant(&new_assistant("201701012393", "Åsa", "Åberg"))
        .unwrap();
    let berg = store
        .insert_assistant(&new_assistant("197010632391", "Sam", "berg"))
        .unwrap();
    let list = store.assistants().unwrap();
    let ids: Vec<_> = list.iter().map(|a| a.id).collect();
    assert_eq!(ids, [berg.id, aberg.id, ohman.id]);
    assert_eq!(store.assistant(berg.id).unwrap(), Some(berg.clone()));
    assert_eq!(
        store.assistant(berg.id).unwrap().unwrap().id_kind(),
        crate::identity::IdKind::Samordningsnummer
    );
    assert_eq!(store.assistant(AssistantId(999)).unwrap(), None);

    // Same personnummer, other spelling: refused on the personnummer field.
    let err = store
        .insert_assistant(&new_assistant("811218-9876", "Annan", "Person"))
        .unwrap_err();
    assert_eq!(err.field(), Some("personnummer"));
    assert!(!err.to_string().contains("9876"));

    // Update, including onto another's personnummer (refused).
    let mut changed = berg.clone();
    changed.last_name = "Bergström".into();
    changed.phone = None;
    changed.collective_agreement = true;
    store.update_assistant(&changed).unwrap();
    assert_eq!(store.assistant(berg.id).unwrap(), Some(changed.clone()));
    changed.personnummer = aberg.personnummer.clone();
    assert_eq!(
        store.update_assistant(&changed).unwrap_err().field(),
        Some("personnummer")
    );
    // Updating with its own personnummer is fine.
    store.update_assistant(&aberg).unwrap();

    let mut ghost = berg.clone();
    ghost.id = AssistantId(999);
    ghost.personnummer = PersonalId::parse("196408233234", today()).unwrap();
    assert!(matches!(
        store.update_assistant(&ghost),
        Err(Error::NotFound(Entity::Assistant))
    ));

    // save_assistant: the shape of AssistantDraft::validate.
    let saved = store
        .save_assistant(None, new_assistant("196408233234", "Ny", "Assistent"))
        .unwrap();
    let again = store
        .save_assistant(Some(saved.id), new_assistant("196408233234", "Ny", "Namn"))
        .unwrap();
    assert_eq!(store.assistant(saved.id).unwrap(), Some(again));
}

#[test]
fn assistant_employer_and_periods_round_trip() {
    use crate::household::{AssistantEmployer, CalculationPeriods};
    let mut store = Store::open_in_memory().unwrap();
    let default = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "A"))
        .unwrap();
    let mut other = new_assistant("199006219894", "Bo", "B");
    other.employer = AssistantEmployer::Other {
        name: Some("Ödmans & Co".into()),
        organisationsnummer: crate::identity::Organisationsnummer::parse("5560360793").unwrap(),
    };
    other.calculation_periods = CalculationPeriods {
        start: NaiveDate::from_ymd_opt(2025, 3, 5).unwrap(),
        weeks: 2,
    };
    let other = store.insert_assistant(&other).unwrap();
    let mut own = new_assistant("197811029946", "Cia", "C");
    own.employer = AssistantEmployer::SelfEmployed;
    let mut own = store.insert_assistant(&own).unwrap();
    let find = |store: &Store, id| {
        store
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.id == id)
            .unwrap()
    };
    assert_eq!(find(&store, default.id), default);
    assert_eq!(find(&store, other.id), other);
    assert_eq!(find(&store, own.id), own);
    // An update writes them too.
    own.employer = AssistantEmployer::Provider;
    own.calculation_periods.weeks = 1;
    store.update_assistant(&own).unwrap();
    assert_eq!(find(&store, own.id), own);
}

#[test]
fn the_providers_contact_and_phone_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    let mut h = household();
    let provider = h.provider.as_mut().unwrap();
    provider.contact_person = Some("Kim Kontakt".into());
    provider.phone = Some("031-123 45 67".into());
    store.save_household(&h).unwrap();
    assert_eq!(store.household().unwrap(), Some(h));
}

#[test]
fn assistant_with_shifts_cannot_be_deleted() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap();
    let s = store
        .insert_shift(&shift(a.id, "2025-05-01 08:00", "2025-05-01 16:00"))
        .unwrap();
    let err = store.delete_assistant(a.id).unwrap_err();
    assert!(err.is_invalid_input());
    assert_eq!(err.field(), None);
    assert!(store.assistant(a.id).unwrap().is_some());

    // Once its shifts are deleted it can go, and the deleted shifts go with it.
    store.delete_shift(s.id).unwrap();
    store.delete_assistant(a.id).unwrap();
    assert_eq!(store.assistant(a.id).unwrap(), None);
    assert!(matches!(
        store.undo_delete_shift(s.id),
        Err(Error::NotFound(Entity::Shift))
    ));
    assert!(matches!(
        store.delete_assistant(a.id),
        Err(Error::NotFound(Entity::Assistant))
    ));
    // Ids are not reused.
    let b = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap();
    assert!(b.id > a.id);
}

#[test]
fn shifts_round_trip_update_and_query() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap();
    let b = store
        .insert_assistant(&new_assistant("201701012393", "Bo", "Ahl"))
        .unwrap();
    // A night shift across the month boundary, one inside May, one in June, one of b.
    let night = store
        .insert_shift(&NewShift {
            kind: TimeKind::Beredskap,
            note: Some("natt".into()),
            ..shift(a.id, "2025-04-30 22:00", "2025-05-01 07:00")
        })
        .unwrap();
    let may = store
        .insert_shift(&shift(a.id, "2025-05-10 08:00", "2025-05-10 16:00"))
        .unwrap();
    let june = store
        .insert_shift(&shift(a.id, "2025-06-01 00:00", "2025-06-01 08:00"))
        .unwrap();
    let other = store
        .insert_shift(&shift(b.id, "2025-05-10 09:00", "2025-05-10 12:00"))
        .unwrap();
    // Ends exactly at the start of May: not in May.
    let april = store
        .insert_shift(&shift(a.id, "2025-04-30 16:00", "2025-05-01 00:00"))
        .unwrap();
    // Mistyped (end before start) but kept, and shown in its month.
    let mistyped = store
        .insert_shift(&shift(b.id, "2025-05-20 16:00", "2025-05-20 08:00"))
        .unwrap();

    let may_shifts = store
        .shifts_overlapping(at("2025-05-01 00:00"), at("2025-06-01 00:00"))
        .unwrap();
    let ids: Vec<_> = may_shifts.iter().map(|s| s.id).collect();
    assert_eq!(ids, [night.id, may.id, other.id, mistyped.id]);
    assert_eq!(may_shifts[0], night);
    assert_eq!(may_shifts[0].kind, TimeKind::Beredskap);
    assert_eq!(may_shifts[0].note.as_deref(), Some("natt"));

    let ids: Vec<_> = store
        .shifts_of_assistant(a.id)
        .unwrap()
        .iter()
        .map(|s| s.id)
        .collect();
    assert_eq!(ids, [april.id, night.id, may.id, june.id]);

    let mut moved = may.clone();
    moved.start = at("2025-05-11 10:00");
    moved.end = at("2025-05-11 18:30");
    moved.kind = TimeKind::Vantetid;
    moved.assistant_id = b.id;
    store.update_shift(&moved).unwrap();
    assert_eq!(store.shift(may.id).unwrap(), Some(moved));

    let mut ghost = may.clone();
    ghost.id = ShiftId(999);
    assert!(matches!(
        store.update_shift(&ghost),
        Err(Error::NotFound(Entity::Shift))
    ));
    assert!(matches!(
        store.insert_shift(&shift(
            AssistantId(999),
            "2025-05-01 08:00",
            "2025-05-01 09:00"
        )),
        Err(Error::NotFound(Entity::Assistant))
    ));
    // Seconds are refused, not silently dropped.
    let mut seconds = shift(a.id, "2025-05-01 08:00", "2025-05-01 09:00");
    seconds.end += chrono::Duration::seconds(30);
    assert_eq!(
        store.insert_shift(&seconds).unwrap_err().field(),
        Some("end")
    );
}

#[test]
fn deleted_shift_can_be_undone() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap();
    let s = store
        .insert_shift(&shift(a.id, "2025-05-10 08:00", "2025-05-10 16:00"))
        .unwrap();
    let (from, to) = (at("2025-05-01 00:00"), at("2025-06-01 00:00"));

    store.delete_shift(s.id).unwrap();
    assert!(store.shifts_overlapping(from, to).unwrap().is_empty());
    assert!(store.shifts_of_assistant(a.id).unwrap().is_empty());
    assert_eq!(store.shift(s.id).unwrap(), None);
    assert!(matches!(
        store.delete_shift(s.id),
        Err(Error::NotFound(Entity::Shift))
    ));
    assert!(matches!(
        store.update_shift(&s),
        Err(Error::NotFound(Entity::Shift))
    ));

    assert_eq!(store.undo_delete_shift(s.id).unwrap(), s);
    assert_eq!(store.shifts_overlapping(from, to).unwrap(), vec![s.clone()]);
    // Undoing twice is harmless.
    assert_eq!(store.undo_delete_shift(s.id).unwrap(), s);
    assert!(matches!(
        store.undo_delete_shift(ShiftId(999)),
        Err(Error::NotFound(Entity::Shift))
    ));
}

#[test]
fn settings_round_trip() {
    let mut store = Store::open_in_memory().unwrap();
    assert_eq!(store.setting("environment").unwrap(), None);
    store.set_setting("environment", "demo").unwrap();
    store.set_setting("environment", "fk_test").unwrap();
    assert_eq!(
        store.setting("environment").unwrap().as_deref(),
        Some("fk_test")
    );
    store.remove_setting("environment").unwrap();
    store.remove_setting("environment").unwrap();
    assert_eq!(store.setting("environment").unwrap(), None);
}

#[test]
fn schema_refuses_bad_rows_written_around_the_store() {
    let mut store = Store::open_in_memory().unwrap();
    let a = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap();
    assert_eq!(a.id, AssistantId(1));
    let good = store.conn.execute(
        r#"INSERT INTO shifts (assistant_id, start, "end", kind) VALUES (1, '2025-05-01T08:00', '2025-05-01T09:00', 'aktiv')"#,
        [],
    );
    assert!(good.is_ok());
    let bad_kind = store.conn.execute(
        r#"INSERT INTO shifts (assistant_id, start, "end", kind) VALUES (1, '2025-05-01T08:00', '2025-05-01T09:00', 'x')"#,
        [],
    );
    assert!(bad_kind.is_err());
    let bad_time = store.conn.execute(
        r#"INSERT INTO shifts (assistant_id, start, "end", kind) VALUES (1, '2025-05-01 08:00', '2025-05-01T09:00', 'aktiv')"#,
        [],
    );
    assert!(bad_time.is_err());
}

/// A `paper` row written before "opened" and "sent on paper" were told apart always has
/// `sent_at` (the old `mark_paper` set it): it reads as confirmed. A `paper` row without
/// `sent_at` reads as only opened, in every reader.
#[test]
fn an_old_paper_row_reads_as_sent_and_one_without_sent_at_as_opened() {
    let mut store = Store::open_in_memory().unwrap();
    let assistant = store
        .insert_assistant(&new_assistant("198112189876", "Anna", "Berg"))
        .unwrap()
        .id;
    let month = crate::hours::YearMonth::new(2025, 10).unwrap();
    let report_id = store.report_id(assistant, month).unwrap();
    let row = store
        .insert_report(&NewReport {
            assistant_id: assistant,
            month,
            report_id,
            document: b"%PDF-",
            sha256: &"a".repeat(64),
            locked_at: "2025-11-02T09:00:00",
            state: OutboxState::Locked,
        })
        .unwrap();
    // As the old mark_paper left it.
    store
        .conn
        .execute(
            "UPDATE time_reports SET state = 'paper', sent_at = '2025-11-02T09:00:00' WHERE id = ?1",
            [row.row_id],
        )
        .unwrap();
    let states = |store: &Store| {
        (
            store
                .current_report(assistant, month)
                .unwrap()
                .unwrap()
                .state,
            store.month_report_states(month).unwrap()[0].1,
            store.report_summaries_since(month).unwrap()[0].state,
        )
    };
    let paper = OutboxState::Paper;
    assert_eq!(states(&store), (paper, paper, paper));
    store.set_paper_sent(assistant, month, None).unwrap();
    let opened = OutboxState::PaperOpened;
    assert_eq!(states(&store), (opened, opened, opened));
}
