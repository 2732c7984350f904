//! Crash trials (issue 13): `timbok-cli` writes killed with SIGKILL at a random moment, the
//! database reopened and checked, then the same write run again to completion.
//!
//! Each trial is one of four writes, on a database of its own: an `import` (CSV into the demo
//! household, or a whole household as JSON into an empty database), an `add-shifts` batch, a
//! `lock` of every BankID assistant's month, and a `send-queued` batch of four signed reports
//! against one `timbok-sim` shared by the whole series (a third with an FK that waits half a
//! second before handling each request, so that kills land while a request is out; a third
//! with an FK that stores the first report and never answers it).
//! The kill comes after a random delay between 0 and 1.3 times what the write takes
//! uninterrupted (measured once per kind and variant at the start), so some land before the
//! first acknowledgement, some mid-way, some after the end.
//! After the kill, and again after the restart:
//! - the database opens with the core (`Store::open`) and `PRAGMA integrity_check` is clean;
//! - every acknowledgement the process printed is there with exactly its content (a shift's
//!   id, times and kind; a report's id and hash; "Skickade: 4" means four `sent` with FK's
//!   tx-ids);
//! - nothing is half-written: an import is every row of its file or none (for JSON also the
//!   household and its assistants), the shifts of a batch are the first k lines of the input,
//!   each stored once, a locked report's frozen bytes hash to its stored hash, a report marked
//!   sent has the tx-id the simulator gave it;
//! - the restarted write finishes, and no report id ever reaches the simulator twice over the
//!   whole series (a report that may have reached FK becomes `uncertain`, never re-sent).
//!
//! `TIMBOK_CRASH_TRIALS` trials (default 12, CI), seed `TIMBOK_CRASH_SEED` (default: from the
//! clock; printed). `tests/crash-trials.sh` runs 100. The summary line is
//! `crash trials: N trials, L losses, D duplicates, seed S`; any loss, duplicate or other
//! inconsistency fails the test.
#![cfg(unix)]

mod test_keyring;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use chrono::{Datelike, Local, NaiveDate, NaiveDateTime, NaiveTime};
use sha2::{Digest, Sha256};
use timbok_core::hours::{AssistantId, ShiftId, TimeKind, YearMonth};
use timbok_core::household::AssistantDraft;
use timbok_core::identity::IdKind;
use timbok_core::services::{Services, SimulatorAccess};
use timbok_core::sheet::ShiftDraft;
use timbok_core::store::{OutboxState, StoredReport};
use timbok_core::{demo, testdata, Timbok};
use timbok_sim::{Fault, RunningSimulator, Service, SimConfig, Simulator};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Import,
    AddShifts,
    Lock,
    SendQueued,
}

impl Kind {
    const ALL: [Kind; 4] = [Kind::Import, Kind::AddShifts, Kind::Lock, Kind::SendQueued];

    fn name(self) -> &'static str {
        match self {
            Kind::Import => "import",
            Kind::AddShifts => "add-shifts",
            Kind::Lock => "lock",
            Kind::SendQueued => "send-queued",
        }
    }

    /// The ways a kind is tried: an import of CSV or JSON; `send-queued` against a prompt FK,
    /// one that takes half a second before it handles each request (so more kills land while a
    /// request is out), or one that stores the first report and never answers (the connection
    /// closes after [`SILENCE`]: that report may have reached FK and must end uncertain, never
    /// sent again). One way for the others.
    fn variants(self) -> &'static [Variant] {
        match self {
            Kind::Import => &[Variant::Csv, Variant::Json],
            Kind::SendQueued => &[Variant::Prompt, Variant::SlowFk, Variant::SilentFk],
            Kind::AddShifts | Kind::Lock => &[Variant::Only],
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Variant {
    Only,
    Csv,
    Json,
    Prompt,
    SlowFk,
    SilentFk,
}

/// How long the simulator waits before it handles each ELT request in [`Variant::SlowFk`].
const SLOW_FK: Duration = Duration::from_millis(500);
/// How long the simulator keeps a connection it will not answer in [`Variant::SilentFk`].
const SILENCE: Duration = Duration::from_millis(800);

/// Where a kill landed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Moment {
    BeforeFirstAck,
    MidWay,
    AfterEnd,
}

/// A shift as the checks compare it: assistant's number, start, end, kind.
type ShiftRow = (String, NaiveDateTime, NaiveDateTime, TimeKind);

/// Rows of the import file: enough that the one transaction takes a while.
const IMPORT_DAYS: u32 = 400;
/// Lines of an `add-shifts` batch.
const BATCH_LINES: usize = 40;

// ---------------------------------------------------------------------------------------------
// Processes

/// A started `timbok-cli` with its output collected as it comes.
struct Started {
    child: Child,
    started: Instant,
    stdout: JoinHandle<Vec<String>>,
    stderr: JoinHandle<String>,
}

/// How a process ended.
struct Ended {
    /// Complete lines on stdout: the acknowledgements.
    acks: Vec<String>,
    stderr: String,
    status: ExitStatus,
    moment: Moment,
    elapsed: Duration,
}

/// Lines that were written whole (ending in a newline) before the pipe closed.
fn complete_lines(reader: impl Read) -> Vec<String> {
    let mut reader = BufReader::new(reader);
    let mut lines = Vec::new();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) | Err(_) => return lines,
            Ok(_) if buffer.ends_with(b"\n") => {
                lines.push(String::from_utf8_lossy(&buffer[..buffer.len() - 1]).into_owned())
            }
            Ok(_) => return lines,
        }
    }
}

fn cli(db: &Path, args: &[&str]) -> Command {
    let mut command = test_keyring::command();
    command.arg("--db").arg(db).args(args);
    command
}

fn start(mut command: Command, input: Option<&str>) -> Started {
    command
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let mut child = command.spawn().expect("timbok-cli starts");
    if let Some(text) = input {
        // Small enough for the pipe's buffer; a process killed before reading it is fine.
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all(text.as_bytes());
    }
    let out = child.stdout.take().expect("stdout");
    let err = child.stderr.take().expect("stderr");
    Started {
        child,
        started,
        stdout: std::thread::spawn(move || complete_lines(out)),
        stderr: std::thread::spawn(move || {
            let mut text = String::new();
            let _ = BufReader::new(err).read_to_string(&mut text);
            text
        }),
    }
}

impl Started {
    /// Waits for the end, or sends SIGKILL `kill_after` the start if it is still running.
    fn end(mut self, kill_after: Option<Duration>) -> Ended {
        let mut killed = false;
        if let Some(delay) = kill_after {
            std::thread::sleep(delay.saturating_sub(self.started.elapsed()));
            if self.child.try_wait().expect("child state").is_none() {
                self.child.kill().expect("SIGKILL");
                killed = true;
            }
        }
        let status = self.child.wait().expect("child ends");
        let elapsed = self.started.elapsed();
        let acks = self.stdout.join().expect("stdout reader");
        let stderr = self.stderr.join().expect("stderr reader");
        let moment = match (killed, acks.is_empty()) {
            (false, _) => Moment::AfterEnd,
            (true, true) => Moment::BeforeFirstAck,
            (true, false) => Moment::MidWay,
        };
        Ended {
            acks,
            stderr,
            status,
            moment,
            elapsed,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The series

#[derive(Default)]
struct Tally {
    trials: usize,
    losses: Vec<String>,
    duplicates: Vec<String>,
    /// Inconsistencies that are neither (a restart that does not finish, the pace broken).
    other: Vec<String>,
    moments: BTreeMap<(Kind, Moment), usize>,
    uncertain: usize,
    uncertain_not_at_fk: usize,
    /// Kills that landed after a commit and before its acknowledgement, by kind.
    unacknowledged_commits: BTreeMap<Kind, usize>,
}

struct Series {
    runtime: tokio::runtime::Runtime,
    sim: RunningSimulator,
    services: Services,
    rng: fastrand::Rng,
    tally: Tally,
    /// When the last `send-queued` ended: each trial's database keeps its own pace, so the next
    /// one starts at least FK's interval later (the simulator enforces one per second).
    last_send: Option<Instant>,
    work: tempfile::TempDir,
    /// The demo household's month (last month) and the one before it.
    month: YearMonth,
    month_before: YearMonth,
}

/// What a trial's checks found; `label` names the trial in every message.
struct Findings<'a> {
    label: String,
    tally: &'a mut Tally,
}

impl Findings<'_> {
    fn loss(&mut self, what: impl std::fmt::Display) {
        self.tally.losses.push(format!("{}: {what}", self.label));
    }
    fn duplicate(&mut self, what: impl std::fmt::Display) {
        self.tally
            .duplicates
            .push(format!("{}: {what}", self.label));
    }
    fn other(&mut self, what: impl std::fmt::Display) {
        self.tally.other.push(format!("{}: {what}", self.label));
    }
}

/// Opens the database with the core, as the app and the CLI do, and checks the whole file.
fn reopen(db: &Path, findings: &mut Findings<'_>) -> Option<Timbok> {
    match test_keyring::open_store(db) {
        Ok(store) => {
            match store.integrity_problems() {
                Ok(problems) if problems.is_empty() => {}
                Ok(problems) => findings.loss(format!("integrity_check: {problems:?}")),
                Err(error) => findings.loss(format!("integrity_check failed: {error}")),
            }
            Some(Timbok::with_store(
                store,
                timbok_core::Clock::System,
                timbok_core::settings::Environment::Demo,
            ))
        }
        Err(error) => {
            findings.loss(format!("the database does not open: {error}"));
            None
        }
    }
}

fn new_db(series: &Series, label: &str) -> PathBuf {
    let dir = series.work.path().join(label);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("timbok.sqlite3")
}

fn seeded_demo(db: &Path) {
    let mut store = test_keyring::open_store(db).unwrap();
    demo::seed(&mut store, Local::now().date_naive()).unwrap();
}

fn assistant_numbers(timbok: &Timbok) -> BTreeMap<AssistantId, String> {
    timbok
        .assistants()
        .unwrap()
        .into_iter()
        .map(|a| (a.id, a.personnummer.as_str().to_string()))
        .collect()
}

fn at(date: NaiveDate, hour: u32) -> NaiveDateTime {
    date.and_time(NaiveTime::from_hms_opt(hour, 0, 0).unwrap())
}

fn iso(time: NaiveDateTime) -> String {
    time.format("%Y-%m-%dT%H:%M").to_string()
}

// ---------------------------------------------------------------------------------------------
// import

/// The import file's shifts: every day four-hour shifts between 06 and 22, one per assistant.
fn import_rows(numbers: &[&str]) -> Vec<ShiftRow> {
    let first = NaiveDate::from_ymd_opt(2023, 1, 2).unwrap();
    let mut rows = Vec::new();
    for day in 0..IMPORT_DAYS {
        let date = first + chrono::Duration::days(i64::from(day));
        for (i, number) in numbers.iter().enumerate() {
            let start = at(date, 6 + 4 * i as u32);
            rows.push((
                number.to_string(),
                start,
                start + chrono::Duration::hours(4),
                TimeKind::ALL[(day as usize + i) % 3],
            ));
        }
    }
    rows
}

fn stored_rows(timbok: &Timbok, from: NaiveDateTime, to: NaiveDateTime) -> Vec<ShiftRow> {
    let numbers = assistant_numbers(timbok);
    let mut rows: Vec<ShiftRow> = timbok
        .store()
        .shifts_overlapping(from, to)
        .unwrap()
        .into_iter()
        .map(|s| (numbers[&s.assistant_id].clone(), s.start, s.end, s.kind))
        .collect();
    rows.sort();
    rows
}

fn import_trial(
    series: &mut Series,
    label: &str,
    json: bool,
    kill_after: Option<Duration>,
) -> Ended {
    let db = new_db(series, label);
    let (file, mut expected) = if json {
        // A whole household into an empty database: household, assistants and shifts in one.
        let rows = import_rows(&testdata::ASSISTANTS);
        let document = serde_json::json!({
            "person": {"personnummer": "191212121212", "first_name": "Tolvan",
                       "last_name": "Tolvansson", "phone": "070-123 45 67"},
            "granted_hours_per_month": 300,
            "assistants": testdata::ASSISTANTS.iter().enumerate().map(|(i, n)| serde_json::json!({
                "personnummer": n, "first_name": format!("Assistent{i}"), "last_name": "Test",
                "employed_by_person": true})).collect::<Vec<_>>(),
            "shifts": rows.iter().map(|(n, s, e, k)| serde_json::json!({
                "assistant": n, "start": iso(*s), "end": iso(*e), "kind": k.as_str()}))
                .collect::<Vec<_>>(),
        });
        let file = db.with_file_name("household.json");
        std::fs::write(&file, document.to_string()).unwrap();
        (file, rows)
    } else {
        seeded_demo(&db);
        let rows = import_rows(&demo::ASSISTANTS);
        let mut text = String::from("assistent_personnummer;start;slut;typ\n");
        for (n, s, e, k) in &rows {
            text.push_str(&format!("{n};{};{};{}\n", iso(*s), iso(*e), k.as_str()));
        }
        let file = db.with_file_name("shifts.csv");
        std::fs::write(&file, text).unwrap();
        (file, rows)
    };
    expected.sort();
    let from = expected.iter().map(|r| r.1).min().unwrap();
    let to = expected.iter().map(|r| r.2).max().unwrap();
    let file_arg = file.to_str().unwrap().to_string();

    let ended = start(cli(&db, &["import", &file_arg]), None).end(kill_after);
    let acknowledged = ended.acks.iter().any(|l| l.starts_with("Importerat: "));
    let mut findings = Findings {
        label: label.to_string(),
        tally: &mut series.tally,
    };
    if kill_after.is_none() && !ended.status.success() {
        findings.other(format!("import failed: {}", ended.stderr));
    }
    let Some(timbok) = reopen(&db, &mut findings) else {
        return ended;
    };
    let stored = stored_rows(&timbok, from, to);
    let complete = stored == expected;
    if !(stored.is_empty() || complete) {
        let distinct: BTreeSet<_> = stored.iter().collect();
        if distinct.len() < stored.len() {
            findings.duplicate(format!("import stored a row twice ({} rows)", stored.len()));
        } else {
            findings.loss(format!(
                "half-written import: {} of {} rows",
                stored.len(),
                expected.len()
            ));
        }
    }
    if acknowledged && !complete {
        findings.loss("import acknowledged but its rows are not all there");
    }
    if complete && !acknowledged {
        *findings
            .tally
            .unacknowledged_commits
            .entry(Kind::Import)
            .or_default() += 1;
    }
    if json {
        let household = timbok.household().unwrap().is_some();
        let assistants = timbok.assistants().unwrap().len();
        let whole = household && assistants == testdata::ASSISTANTS.len();
        let none = !household && assistants == 0;
        if !(whole && complete || none && stored.is_empty()) {
            findings.loss(format!(
                "half-written household import: household {household}, {assistants} assistants, {} rows",
                stored.len()
            ));
        }
    }
    drop(timbok);

    // Restart: the same file again. Already there: refused, nothing changed; else imported.
    let again = start(cli(&db, &["import", &file_arg]), None).end(None);
    if again.status.success() == complete {
        findings.other(format!(
            "import run again: exit {:?} with the rows {}there: {}",
            again.status.code(),
            if complete { "" } else { "not " },
            again.stderr
        ));
    }
    if let Some(timbok) = reopen(&db, &mut findings) {
        let stored = stored_rows(&timbok, from, to);
        if stored != expected {
            findings.loss(format!(
                "after the restart {} rows instead of {}",
                stored.len(),
                expected.len()
            ));
        }
    }
    ended
}

// ---------------------------------------------------------------------------------------------
// add-shifts

/// The batch: one assistant, a shift a day, every fourth a night.
fn batch() -> (String, Vec<(NaiveDateTime, NaiveDateTime, TimeKind)>) {
    let first = NaiveDate::from_ymd_opt(2025, 3, 3).unwrap();
    let mut text = String::new();
    let mut shifts = Vec::new();
    for i in 0..BATCH_LINES {
        let date = first + chrono::Duration::days(i as i64);
        let (from, to, kind) = match i % 4 {
            0 => (22, 7, TimeKind::Beredskap),
            1 => (8, 16, TimeKind::Aktiv),
            2 => (9, 13, TimeKind::Vantetid),
            _ => (13, 21, TimeKind::Aktiv),
        };
        text.push_str(&format!(
            "{date} {from:02}:00 {to:02}:00 {}\n",
            kind.as_str()
        ));
        let start = at(date, from);
        let end = if to > from {
            at(date, to)
        } else {
            at(date.succ_opt().unwrap(), to)
        };
        shifts.push((start, end, kind));
    }
    (text, shifts)
}

/// `rad N: sparat som pass ID (…)` → (N, ID).
fn saved_ack(line: &str) -> Option<(usize, i64)> {
    let rest = line.strip_prefix("rad ")?;
    let (number, rest) = rest.split_once(": sparat som pass ")?;
    let (id, _) = rest.split_once(' ')?;
    Some((number.parse().ok()?, id.parse().ok()?))
}

fn add_shifts_trial(series: &mut Series, label: &str, kill_after: Option<Duration>) -> Ended {
    let db = new_db(series, label);
    seeded_demo(&db);
    let number = demo::ASSISTANTS[0];
    let (input, lines) = batch();
    let (from, to) = (lines[0].0, lines[BATCH_LINES - 1].1);
    let args = ["add-shifts", "--assistant", number];

    let ended = start(cli(&db, &args), Some(&input)).end(kill_after);
    let mut findings = Findings {
        label: label.to_string(),
        tally: &mut series.tally,
    };
    if kill_after.is_none() && !ended.status.success() {
        findings.other(format!("add-shifts failed: {}", ended.stderr));
    }
    let acked: Vec<(usize, i64)> = ended.acks.iter().filter_map(|l| saved_ack(l)).collect();
    let check = |timbok: &Timbok, findings: &mut Findings<'_>, whole: bool| {
        let assistant = timbok
            .assistants()
            .unwrap()
            .into_iter()
            .find(|a| a.personnummer.as_str() == number)
            .unwrap()
            .id;
        let stored: Vec<_> = timbok
            .store()
            .shifts_of_assistant(assistant)
            .unwrap()
            .into_iter()
            .filter(|s| s.start >= from && s.start < to)
            .collect();
        let mut seen = BTreeSet::new();
        for shift in &stored {
            let row = (shift.start, shift.end, shift.kind);
            if !lines.contains(&row) {
                findings.loss(format!("a shift that is no line of the input: {row:?}"));
            } else if !seen.insert(row) {
                findings.duplicate(format!("a line saved twice: {row:?}"));
            }
        }
        // Saved in order, one transaction each: the first k lines, no gap.
        let k = lines.iter().take_while(|l| seen.contains(*l)).count();
        if seen.len() != k {
            findings.loss(format!(
                "{} lines stored but not as the first of the input (first {k})",
                seen.len()
            ));
        }
        if whole && k != BATCH_LINES {
            findings.loss(format!("after the restart {k} of {BATCH_LINES} lines"));
        }
        for (line, id) in &acked {
            let expected = lines[line - 1];
            match timbok.store().shift(ShiftId(*id)).unwrap() {
                Some(s) if s.assistant_id == assistant && (s.start, s.end, s.kind) == expected => {}
                other => findings.loss(format!(
                    "line {line} acknowledged as shift {id}, stored: {other:?}"
                )),
            }
        }
        k
    };
    let Some(timbok) = reopen(&db, &mut findings) else {
        return ended;
    };
    let k = check(&timbok, &mut findings, false);
    if k > acked.len() + 1 {
        findings.other(format!(
            "{k} lines committed but only {} acknowledged",
            acked.len()
        ));
    }
    if k == acked.len() + 1 {
        *findings
            .tally
            .unacknowledged_commits
            .entry(Kind::AddShifts)
            .or_default() += 1;
    }
    drop(timbok);

    let again = start(cli(&db, &args), Some(&input)).end(None);
    if !again.status.success() {
        findings.other(format!("add-shifts run again failed: {}", again.stderr));
    }
    let added = again.acks.iter().filter_map(|l| saved_ack(l)).count();
    if added != BATCH_LINES - k {
        findings.other(format!(
            "add-shifts run again saved {added}, {} were missing",
            BATCH_LINES - k
        ));
    }
    if let Some(timbok) = reopen(&db, &mut findings) {
        check(&timbok, &mut findings, true);
    }
    ended
}

// ---------------------------------------------------------------------------------------------
// lock

/// The demo household and four more assistants with a week of days each in the demo's month.
fn lock_household(db: &Path, month: YearMonth) {
    seeded_demo(db);
    let mut timbok = test_keyring::open_timbok(db).unwrap();
    for (i, number) in testdata::ASSISTANTS.iter().enumerate() {
        let assistant = timbok
            .save_assistant(&AssistantDraft {
                id: None,
                personnummer: (*number).into(),
                first_name: format!("Assistent{i}"),
                last_name: "Test".into(),
                phone: None,
                employed_by_person: true,
                collective_agreement: false,
                employer: None,
                calculation_periods: None,
            })
            .unwrap();
        for day in 0..7 {
            let date = month.first_day() + chrono::Duration::days(day);
            let start = at(date, 6 + 4 * i as u32);
            timbok
                .save_shift(&ShiftDraft {
                    id: None,
                    assistant_id: assistant.id,
                    start: iso(start),
                    end: iso(start + chrono::Duration::hours(4)),
                    kind: "aktiv".into(),
                    note: None,
                })
                .unwrap();
        }
    }
}

/// `PNR YYYY-MM: låst, id ID, sha256 HEX` → (PNR, ID, HEX).
fn lock_ack(line: &str) -> Option<(String, String, String)> {
    let (head, rest) = line.split_once(": låst, id ")?;
    let (id, sha) = rest.split_once(", sha256 ")?;
    let number = head.split_once(' ')?.0;
    Some((number.into(), id.into(), sha.into()))
}

/// The month's current reports by assistant number, each checked: its frozen bytes hash to the
/// stored hash.
fn locked_reports(
    timbok: &Timbok,
    month: YearMonth,
    findings: &mut Findings<'_>,
) -> BTreeMap<String, (String, String)> {
    let mut locked = BTreeMap::new();
    for report in timbok.time_reports(month).unwrap().reports {
        let Some(stored) = report.stored else {
            continue;
        };
        let hash = hex::encode(Sha256::digest(&stored.document));
        if hash != stored.sha256 || !stored.document.starts_with(b"<Tidredovisning") {
            findings.loss(format!(
                "report {} half-written: {} bytes hash to {hash}, stored {}",
                stored.report_id,
                stored.document.len(),
                stored.sha256
            ));
        }
        locked.insert(
            report.assistant.personnummer.as_str().to_string(),
            (stored.report_id.to_string(), stored.sha256),
        );
    }
    locked
}

fn lock_trial(series: &mut Series, label: &str, kill_after: Option<Duration>) -> Ended {
    let db = new_db(series, label);
    let month = series.month;
    lock_household(&db, month);
    let month_arg = month.to_string();
    let ended = start(cli(&db, &["lock", &month_arg]), None).end(kill_after);
    let mut findings = Findings {
        label: label.to_string(),
        tally: &mut series.tally,
    };
    if kill_after.is_none() && !ended.status.success() {
        findings.other(format!("lock failed: {}", ended.stderr));
    }
    let acked: Vec<_> = ended.acks.iter().filter_map(|l| lock_ack(l)).collect();
    let Some(timbok) = reopen(&db, &mut findings) else {
        return ended;
    };
    let before = locked_reports(&timbok, month, &mut findings);
    for (number, id, sha) in &acked {
        if before.get(number) != Some(&(id.clone(), sha.clone())) {
            findings.loss(format!(
                "lock of {number} acknowledged as {id}, stored {:?}",
                before.get(number)
            ));
        }
    }
    if before.len() > acked.len() + 1 {
        findings.other(format!(
            "{} reports locked but only {} acknowledged",
            before.len(),
            acked.len()
        ));
    }
    if before.len() == acked.len() + 1 {
        *findings
            .tally
            .unacknowledged_commits
            .entry(Kind::Lock)
            .or_default() += 1;
    }
    let bankid: BTreeSet<String> = timbok
        .assistants()
        .unwrap()
        .into_iter()
        .filter(|a| a.id_kind() == IdKind::Personnummer)
        .map(|a| a.personnummer.as_str().to_string())
        .collect();
    drop(timbok);

    let again = start(cli(&db, &["lock", &month_arg]), None).end(None);
    if !again.status.success() {
        findings.other(format!("lock run again failed: {}", again.stderr));
    }
    if let Some(timbok) = reopen(&db, &mut findings) {
        let after = locked_reports(&timbok, month, &mut findings);
        if after.keys().cloned().collect::<BTreeSet<_>>() != bankid {
            findings.loss(format!(
                "after the restart {} of {} BankID reports locked",
                after.len(),
                bankid.len()
            ));
        }
        for (number, frozen) in &before {
            if after.get(number) != Some(frozen) {
                findings.loss(format!("the lock of {number} changed on the restart"));
            }
        }
    }
    ended
}

// ---------------------------------------------------------------------------------------------
// send-queued

/// Waits until FK's interval has passed since the previous trial's last request.
fn keep_pace(series: &Series) {
    if let Some(last) = series.last_send {
        std::thread::sleep(Duration::from_millis(1_200).saturating_sub(last.elapsed()));
    }
}

fn send_command(series: &Series, db: &Path) -> Command {
    let mut command = cli(
        db,
        &["send-queued", "--elt-url", series.sim.elt_url(), "--ca"],
    );
    command
        .arg(series.sim.ca_pem_path())
        .arg("--p12")
        .arg(series.sim.client_p12_path())
        .env(
            "TIMBOK_ELT_P12_PASSPHRASE",
            series.sim.client_p12_passphrase(),
        );
    command
}

fn reports_of(timbok: &Timbok, months: &[YearMonth]) -> Vec<StoredReport> {
    months
        .iter()
        .flat_map(|m| timbok.store().month_reports(*m).unwrap())
        .filter(|r| !matches!(r.state, OutboxState::Paper | OutboxState::PaperOpened))
        .collect()
}

fn send_trial(
    series: &mut Series,
    label: &str,
    fk: Variant,
    kill_after: Option<Duration>,
) -> Ended {
    let db = new_db(series, label);
    seeded_demo(&db);
    let months = [series.month_before, series.month];
    {
        // A week of days in the month before too, so the batch holds four reports.
        let mut timbok = test_keyring::open_timbok(&db).unwrap();
        for (i, assistant) in timbok.assistants().unwrap().into_iter().enumerate() {
            if assistant.id_kind() != IdKind::Personnummer {
                continue;
            }
            for day in 4..11 {
                let date = series.month_before.first_day() + chrono::Duration::days(day);
                let start = at(date, 7 + 8 * i as u32);
                timbok
                    .save_shift(&ShiftDraft {
                        id: None,
                        assistant_id: assistant.id,
                        start: iso(start),
                        end: iso(start + chrono::Duration::hours(6)),
                        kind: "aktiv".into(),
                        note: None,
                    })
                    .unwrap();
            }
        }
    }
    let mut queued = 0;
    for month in months {
        queued += series
            .runtime
            .block_on(testdata::sign_and_queue(&db, month, &series.services));
    }
    assert_eq!(queued, 4, "{label}: four reports to send");
    let reports: BTreeMap<String, i64> =
        reports_of(&test_keyring::open_timbok(&db).unwrap(), &months)
            .into_iter()
            .map(|r| (r.report_id.to_string(), r.row_id))
            .collect();
    let violations = series.sim.elt_rate_violations().len();

    match fk {
        Variant::SlowFk => {
            for _ in 0..queued {
                series
                    .sim
                    .set_fault(Service::Elt, Fault::Slow(SLOW_FK))
                    .unwrap();
            }
        }
        Variant::SilentFk => series
            .sim
            .set_fault(Service::Elt, Fault::TimeoutAfterStore)
            .unwrap(),
        _ => {}
    }
    keep_pace(series);
    let mut ended = start(send_command(series, &db), None).end(kill_after);
    series.last_send = Some(Instant::now());
    let sim = &series.sim;
    // The one acknowledgement comes at the end: a kill after some reports reached FK is
    // mid-way.
    if ended.moment == Moment::BeforeFirstAck
        && sim
            .elt_reports()
            .iter()
            .any(|r| reports.contains_key(&r.report_id))
    {
        ended.moment = Moment::MidWay;
    }
    let mut findings = Findings {
        label: label.to_string(),
        tally: &mut series.tally,
    };
    // Exit 1 is right when FK left a report unanswered: it is uncertain.
    if kill_after.is_none() && !ended.status.success() && fk != Variant::SilentFk {
        findings.other(format!("send-queued failed: {}", ended.stderr));
    }
    let acked = ended
        .acks
        .iter()
        .any(|l| l.starts_with(&format!("Skickade: {queued},")));
    // What FK has of this trial's reports: report id → tx-ids.
    let at_fk = || -> BTreeMap<String, Vec<String>> {
        let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for accepted in sim.elt_reports() {
            if reports.contains_key(&accepted.report_id) {
                found
                    .entry(accepted.report_id.clone())
                    .or_default()
                    .push(accepted.tx_id.clone());
            }
        }
        found
    };
    let check = |timbok: &Timbok, findings: &mut Findings<'_>, restarted: bool| {
        let fk = at_fk();
        let mut uncertain = (0, 0);
        for report in reports_of(timbok, &months) {
            let id = report.report_id.to_string();
            if !reports.contains_key(&id) {
                findings.loss(format!("report {id} is not one that was queued"));
                continue;
            }
            let received = fk.get(&id).map(Vec::as_slice).unwrap_or_default();
            if received.len() > 1 {
                findings.duplicate(format!("report {id} reached FK {} times", received.len()));
            }
            match report.state {
                OutboxState::Sent => {
                    if report.tx_id.as_deref() != received.first().map(String::as_str) {
                        findings.loss(format!(
                            "report {id} sent with tx-id {:?}, FK gave {received:?}",
                            report.tx_id
                        ));
                    }
                }
                OutboxState::Uncertain => {
                    uncertain.0 += 1;
                    if received.is_empty() {
                        uncertain.1 += 1;
                    }
                }
                OutboxState::Queued | OutboxState::Sending if !restarted => {
                    if !received.is_empty() && report.state == OutboxState::Queued {
                        // FK has it and Timbok would send it again.
                        findings.duplicate(format!("report {id} at FK but still queued"));
                    }
                }
                state => findings.loss(format!("report {id} left {state:?}")),
            }
            if acked && report.state != OutboxState::Sent {
                findings.loss(format!(
                    "send acknowledged but report {id} is {:?}",
                    report.state
                ));
            }
        }
        uncertain
    };
    let Some(timbok) = reopen(&db, &mut findings) else {
        return ended;
    };
    let (uncertain_before, _) = check(&timbok, &mut findings, false);
    drop(timbok);

    // The restart meets a prompt FK (faults the killed run did not use are dropped).
    series.sim.clear_faults();
    std::thread::sleep(Duration::from_millis(1_200));
    let again = start(send_command(series, &db), None).end(None);
    series.last_send = Some(Instant::now());
    let mut findings = Findings {
        label: label.to_string(),
        tally: &mut series.tally,
    };
    if let Some(timbok) = reopen(&db, &mut findings) {
        let (uncertain, not_at_fk) = check(&timbok, &mut findings, true);
        // Exit 1 exactly when the restart found a report the kill left `sending` (the one
        // way a report becomes uncertain against a prompt FK): the user has to decide.
        if again.status.success() != (uncertain == uncertain_before) {
            findings.other(format!(
                "send-queued run again: exit {:?}, {uncertain} uncertain ({uncertain_before} before): {}",
                again.status.code(),
                again.stderr
            ));
        }
        findings.tally.uncertain += uncertain;
        findings.tally.uncertain_not_at_fk += not_at_fk;
    }
    let new_violations = series.sim.elt_rate_violations().len() - violations;
    if new_violations > 0 {
        series.tally.other.push(format!(
            "{label}: {new_violations} ELT requests less than a second apart"
        ));
    }
    ended
}

// ---------------------------------------------------------------------------------------------

fn run_kind(
    series: &mut Series,
    kind: Kind,
    variant: Variant,
    label: &str,
    kill_after: Option<Duration>,
) -> Ended {
    match kind {
        Kind::Import => import_trial(series, label, variant == Variant::Json, kill_after),
        Kind::AddShifts => add_shifts_trial(series, label, kill_after),
        Kind::Lock => lock_trial(series, label, kill_after),
        Kind::SendQueued => send_trial(series, label, variant, kill_after),
    }
}

fn env_number(name: &str) -> Option<u64> {
    std::env::var(name).ok().map(|v| {
        v.trim()
            .parse()
            .unwrap_or_else(|_| panic!("{name} must be a number, not {v:?}"))
    })
}

#[test]
fn killed_writes_lose_nothing_and_send_nothing_twice() {
    let trials = env_number("TIMBOK_CRASH_TRIALS").unwrap_or(12) as usize;
    let seed = env_number("TIMBOK_CRASH_SEED").unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos() as u64
    });
    println!(
        "crash trials: {trials} trials, seed {seed} (TIMBOK_CRASH_SEED={seed} repeats the choices)"
    );
    let began = Instant::now();

    let work = tempfile::tempdir().unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let mut config = SimConfig::new(work.path().join("sim"));
    config.bankid_auto_complete = true;
    config.bankid_auto_complete_after = Duration::from_millis(50);
    config.hang = SILENCE;
    let sim = runtime.block_on(Simulator::start(config)).unwrap();
    let (target, secrets) = SimulatorAccess::connect_info(&sim.info_json()).unwrap();
    let services = Services::connect(&target, &secrets).unwrap();
    let today = Local::now().date_naive();
    let month = YearMonth::of(today.with_day(1).unwrap().pred_opt().unwrap());
    let month_before = YearMonth::of(month.first_day().pred_opt().unwrap());
    let mut series = Series {
        runtime,
        sim,
        services,
        rng: fastrand::Rng::with_seed(seed),
        tally: Tally::default(),
        last_send: None,
        work,
        month,
        month_before,
    };

    // How long each write takes uninterrupted (checked like a trial, not counted as one).
    let mut lengths = BTreeMap::new();
    for kind in Kind::ALL {
        for &variant in kind.variants() {
            let label = format!("calibration {} {variant:?}", kind.name());
            let ended = run_kind(&mut series, kind, variant, &label, None);
            lengths.insert((kind, variant), ended.elapsed);
        }
    }
    println!(
        "uninterrupted: {}",
        lengths
            .iter()
            .map(|((k, v), d)| format!("{} {v:?} {} ms", k.name(), d.as_millis()))
            .collect::<Vec<_>>()
            .join(", ")
    );

    // Every four trials one of each kind, in a random order.
    let mut order = Vec::new();
    for trial in 0..trials {
        if order.is_empty() {
            order = Kind::ALL.to_vec();
            series.rng.shuffle(&mut order);
        }
        let kind = order.pop().unwrap();
        let variant = kind.variants()[series.rng.usize(..kind.variants().len())];
        let delay = lengths[&(kind, variant)].mul_f64(1.3 * series.rng.f64());
        let label = format!("trial {} {} {variant:?}", trial + 1, kind.name());
        let ended = run_kind(&mut series, kind, variant, &label, Some(delay));
        *series
            .tally
            .moments
            .entry((kind, ended.moment))
            .or_default() += 1;
        series.tally.trials += 1;
        let _ = std::fs::remove_dir_all(series.work.path().join(&label));
    }

    // Over the whole series: no report id reached the simulator twice.
    let mut seen = BTreeSet::new();
    for accepted in series.sim.elt_reports() {
        if !seen.insert(accepted.report_id.clone()) {
            series.tally.duplicates.push(format!(
                "report {} reached FK more than once in the series",
                accepted.report_id
            ));
        }
    }
    let received = series.sim.elt_reports().len();
    let Series {
        runtime,
        sim,
        tally,
        work,
        ..
    } = series;
    runtime.block_on(sim.shutdown());
    drop(work);

    for problem in tally
        .losses
        .iter()
        .chain(&tally.duplicates)
        .chain(&tally.other)
    {
        println!("  {problem}");
    }
    let moments = Kind::ALL
        .iter()
        .map(|kind| {
            let count = |m| tally.moments.get(&(*kind, m)).copied().unwrap_or(0);
            format!(
                "{} {}/{}/{}",
                kind.name(),
                count(Moment::BeforeFirstAck),
                count(Moment::MidWay),
                count(Moment::AfterEnd)
            )
        })
        .collect::<Vec<_>>()
        .join(", ");
    println!("kills before the first acknowledgement/mid-way/after the end: {moments}");
    println!(
        "kills between a commit and its acknowledgement: {}",
        [Kind::Import, Kind::AddShifts, Kind::Lock]
            .iter()
            .map(|k| format!(
                "{} {}",
                k.name(),
                tally.unacknowledged_commits.get(k).copied().unwrap_or(0)
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "reports received by the simulator: {received}; uncertain at the end of a trial: {} ({} of them never reached it); {} s",
        tally.uncertain,
        tally.uncertain_not_at_fk,
        began.elapsed().as_secs()
    );
    println!(
        "crash trials: {} trials, {} losses, {} duplicates, seed {seed}",
        tally.trials,
        tally.losses.len(),
        tally.duplicates.len()
    );
    assert!(
        tally.losses.is_empty() && tally.duplicates.is_empty() && tally.other.is_empty(),
        "{} losses, {} duplicates, {} other problems (listed above), seed {seed}",
        tally.losses.len(),
        tally.duplicates.len(),
        tally.other.len()
    );
}
