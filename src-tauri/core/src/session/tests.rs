use std::sync::atomic::AtomicUsize;

use chrono::NaiveDate;

use super::*;
use crate::credentials::MemorySecrets;
use crate::reports::ReportStatus;

fn clock() -> Clock {
    Clock::Fixed(
        NaiveDate::from_ymd_opt(2026, 11, 10)
            .unwrap()
            .and_hms_opt(10, 0, 0)
            .unwrap(),
    )
}

fn session(dir: &Path) -> Session {
    Session::in_memory(dir, Arc::new(MemorySecrets::default()), clock())
}

/// An assistant of the sample household who signs with BankID (a personnummer).
fn bankid_assistant(session: &Session) -> AssistantId {
    session
        .with(|t| t.assistants())
        .unwrap()
        .iter()
        .find(|a| a.id_kind() == crate::identity::IdKind::Personnummer)
        .expect("the sample household has one")
        .id
}

fn status(session: &Session, month: YearMonth, assistant: AssistantId) -> ReportStatus {
    session
        .with(|t| t.time_reports(month))
        .unwrap()
        .reports
        .iter()
        .find(|r| r.assistant.id == assistant)
        .unwrap()
        .status
}

/// A demo remote that cannot start, counting its starts and stops and keeping the clock it got.
#[derive(Default)]
struct BrokenRemote {
    starts: AtomicUsize,
    stops: AtomicUsize,
    clocks: Mutex<Vec<chrono::NaiveDateTime>>,
}

#[async_trait::async_trait]
impl DemoRemote for BrokenRemote {
    async fn start(&self, dir: &Path, clock: Clock) -> Result<DemoAccess> {
        assert!(dir.ends_with("demo/simulator"), "{}", dir.display());
        self.starts.fetch_add(1, Ordering::SeqCst);
        self.clocks.lock().unwrap().push(clock.now());
        Err(Error::Internal(Key::SimulatorFailed.into()))
    }

    async fn stop(&self) {
        self.stops.fetch_add(1, Ordering::SeqCst);
    }
}

#[tokio::test]
async fn switching_environment_opens_each_ones_own_database() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path());
    assert_eq!(session.environment().unwrap(), Environment::Demo);
    assert_eq!(session.with(|t| t.assistants()).unwrap().len(), 3);

    let now = session.set_environment(Environment::FkTest).await.unwrap();
    assert_eq!(now, Environment::FkTest);
    assert_eq!(session.environment().unwrap(), Environment::FkTest);
    assert!(session.with(|t| t.household()).unwrap().is_none());
    assert_eq!(
        session.installation().environment().unwrap(),
        Environment::FkTest
    );

    session.set_environment(Environment::Demo).await.unwrap();
    assert_eq!(session.with(|t| t.assistants()).unwrap().len(), 3);
}

#[tokio::test]
async fn resetting_is_for_demo_only() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path());
    let month = YearMonth::new(2026, 10).unwrap();
    let assistant = bankid_assistant(&session);
    session
        .with(|t| t.lock_report(month, assistant))
        .expect("locked");
    assert_eq!(status(&session, month, assistant), ReportStatus::Locked);
    session.reset_demo().await.unwrap();
    assert_eq!(status(&session, month, assistant), ReportStatus::Open);

    session.set_environment(Environment::FkTest).await.unwrap();
    assert!(matches!(
        session.reset_demo().await,
        Err(Error::NotAllowed(_) | Error::Invalid { .. })
    ));
    assert_eq!(session.environment().unwrap(), Environment::FkTest);
}

#[tokio::test]
async fn demo_starts_its_remote_on_the_sessions_clock_and_says_when_it_failed() {
    let dir = tempfile::tempdir().unwrap();
    let remote = Arc::new(BrokenRemote::default());
    let session = session(dir.path()).with_demo_remote(remote.clone());
    for _ in 0..2 {
        match session.test_connection().await {
            Err(Error::Internal(message)) => assert_eq!(message, Key::SimulatorFailed.into()),
            other => panic!("{other:?}"),
        }
    }
    // Not kept when it failed: tried again on the next need, each time on the session's clock.
    assert_eq!(remote.starts.load(Ordering::SeqCst), 2);
    assert_eq!(*remote.clocks.lock().unwrap(), vec![clock().now(); 2]);
    // Signing needs the remote too (a report of a month that has ended, locked first).
    let month = YearMonth::new(2026, 10).unwrap();
    let assistant = bankid_assistant(&session);
    session
        .with(|t| t.lock_report(month, assistant))
        .expect("locked");
    assert!(matches!(
        session
            .start_signing(month, Signer::Assistant(assistant), Device::OtherDevice)
            .await,
        Err(Error::Internal(_))
    ));
    assert_eq!(remote.starts.load(Ordering::SeqCst), 3);
    // Never started: nothing to stop.
    session.shut_down().await;
    assert_eq!(remote.stops.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn demo_without_a_remote_cannot_reach_the_network() {
    let dir = tempfile::tempdir().unwrap();
    let session = session(dir.path());
    assert!(matches!(
        session.test_connection().await,
        Err(Error::Internal(_))
    ));
}

#[tokio::test]
async fn outside_demo_the_services_need_the_saved_endpoints() {
    let dir = tempfile::tempdir().unwrap();
    let remote = Arc::new(BrokenRemote::default());
    let session = session(dir.path()).with_demo_remote(remote.clone());
    session.set_environment(Environment::FkTest).await.unwrap();
    let month = YearMonth::new(2026, 10).unwrap();
    let error = session.send_reports(month).await.unwrap_err();
    assert!(
        !matches!(error, Error::Internal(_)),
        "the settings' error, not the simulator's: {error:?}"
    );
    assert_eq!(remote.starts.load(Ordering::SeqCst), 0);
}

#[test]
fn a_database_that_does_not_open_answers_every_use_case_with_its_error() {
    let dir = tempfile::tempdir().unwrap();
    let installation = Installation::new(dir.path());
    let database = installation.database_path(Environment::Demo);
    std::fs::create_dir_all(database.parent().unwrap()).unwrap();
    std::fs::write(&database, b"not a database at all, not even encrypted").unwrap();
    let session = session(dir.path());
    let first = session.with(|t| t.household()).unwrap_err();
    let second = session.environment().unwrap_err();
    assert_eq!(
        std::mem::discriminant(&first),
        std::mem::discriminant(&second)
    );
    assert_eq!(first.message(), second.message());
    assert!(!matches!(first, Error::Internal(_)), "{first:?}");
    // Backups are still listed (the way back is a restore).
    assert!(session.with_safekeeping(|s| s.automatic()).is_ok());
}

#[test]
fn a_duplicated_error_keeps_its_kind_message_and_field() {
    let errors = [
        Error::invalid("person.phone", Key::Internal),
        Error::DatabaseKeyMissing,
        Error::DatabaseTooNew {
            found: 9,
            supported: 7,
        },
        Error::Io(std::io::Error::new(std::io::ErrorKind::NotFound, "gone")),
        Error::Storage(rusqlite::Error::InvalidQuery),
        Error::NotFound(crate::error::Entity::SigningSession),
    ];
    for error in &errors {
        let copy = duplicate(error);
        assert_eq!(
            std::mem::discriminant(error),
            std::mem::discriminant(&copy),
            "{error:?}"
        );
        assert_eq!(error.message(), copy.message(), "{error:?}");
        assert_eq!(error.field(), copy.field(), "{error:?}");
    }
}
