//! The UI's test fixtures: named scenarios that drive the REAL commands through Tauri's mock
//! runtime (`ipc::MockApp`) with a fixed clock and keep every call exactly as the web view would
//! send and receive it, `{cmd, args, ok | error}` in order, in
//! `ui/src/backend/fixtures/<scenario>.json`. The UI's specs replay them
//! (`ui/src/backend/replay.ts`), so the UI is tested against what Rust answers, not against a
//! second copy of the rules.
//!
//! `TIMBOK_RECORD=1 cargo test -p timbok --test integration ipc_record` writes the fixtures;
//! without the variable each scenario is recorded in memory and the test fails when a
//! checked-in fixture differs (naming the scenario and the first differing call). Values the
//! fixed clock does not decide (session and report ids, the data folder, ports, QR codes, call durations,
//! hashes over ids, the app's version) are replaced by stable placeholders, so recording twice
//! gives the same bytes.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;
use regex::Regex;
use serde_json::{json, Value};
use timbok_core::settings::Environment;
use timbok_core::Clock;

use crate::ipc::MockApp;

/// The moment every scenario runs at: 10 November 2026, 10:00 in Stockholm. Last month
/// (October) holds the demo's shifts and the autumn DST change; this month has not ended.
/// The UI's specs set the same time (`replay.ts`, `RECORDED_AT`).
fn now() -> chrono::NaiveDateTime {
    NaiveDate::from_ymd_opt(2026, 11, 10)
        .unwrap()
        .and_hms_opt(10, 0, 0)
        .unwrap()
}

const LAST_MONTH: &str = "2026-10";
const THIS_MONTH: &str = "2026-11";

/// The command that writes the fixtures (named in every failure).
const REGENERATE: &str = "TIMBOK_RECORD=1 cargo test -p timbok --test integration ipc_record";

struct Recording {
    name: &'static str,
    app: MockApp,
    calls: Vec<Value>,
}

impl Recording {
    /// A fresh install (demo with its sample household).
    fn fresh(name: &'static str) -> Recording {
        Recording::on(name, tempfile::tempdir().unwrap())
    }

    /// A fresh data folder in `environment` (outside demo: empty).
    fn in_environment(name: &'static str, environment: Environment) -> Recording {
        let dir = tempfile::tempdir().unwrap();
        timbok_core::Installation::new(dir.path())
            .set_environment(environment)
            .unwrap();
        Recording::on(name, dir)
    }

    fn on(name: &'static str, dir: tempfile::TempDir) -> Recording {
        Recording {
            name,
            app: MockApp::at(dir, Clock::Fixed(now())),
            calls: Vec::new(),
        }
    }

    /// Calls `cmd` as the web view would and keeps the call.
    fn call(&mut self, cmd: &str, args: Value) -> Result<Value, Value> {
        let reply = self.app.invoke(cmd, args.clone());
        let mut entry = json!({"cmd": cmd, "args": args});
        match &reply {
            Ok(value) => entry["ok"] = value.clone(),
            Err(error) => entry["error"] = error.clone(),
        }
        self.calls.push(entry);
        reply
    }

    fn ok(&mut self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{}: {cmd} failed: {e}", self.name))
    }

    fn refused(&mut self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Err(error) => error,
            Ok(value) => panic!("{}: {cmd} should be refused: {value}", self.name),
        }
    }

    /// Polls `signing_status` without keeping the polls until BankID (the simulator) has
    /// answered, then keeps one call with the outcome: how many polls it takes is timing.
    fn signing_outcome(&mut self, session: &Value) -> Value {
        let args = json!({"sessionId": session});
        for _ in 0..100 {
            let status = self.app.invoke("signing_status", args.clone()).unwrap();
            if status["state"] != "pending" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        self.ok("signing_status", args)
    }

    /// Writes the fixture (`TIMBOK_RECORD=1`) or checks the checked-in one.
    fn finish(self) {
        let text = normalised(&self.calls, self.app.data_dir());
        // Twice, to know the placeholders catch everything volatile (checked by re-recording).
        let path = fixtures_dir().join(format!("{}.json", self.name));
        if std::env::var_os("TIMBOK_RECORD").is_some() {
            std::fs::create_dir_all(fixtures_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
            return;
        }
        let stored = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "scenario {}: no fixture {} (write it with `{REGENERATE}`)",
                self.name,
                path.display()
            )
        });
        if stored == text {
            return;
        }
        let recorded: Vec<Value> = serde_json::from_str(&text).unwrap();
        let kept: Vec<Value> = serde_json::from_str(&stored).unwrap_or_default();
        let at = recorded
            .iter()
            .zip(kept.iter())
            .position(|(a, b)| a != b)
            .unwrap_or(recorded.len().min(kept.len()));
        let call = recorded
            .get(at)
            .or(kept.get(at))
            .map(|c| c["cmd"].to_string())
            .unwrap_or_default();
        panic!(
            "scenario {}: the fixture differs from what the commands answer now, first at call \
             {at} ({call}): recorded {} vs checked in {}. Regenerate with `{REGENERATE}`.",
            self.name,
            recorded.get(at).map(Value::to_string).unwrap_or_default(),
            kept.get(at).map(Value::to_string).unwrap_or_default(),
        );
    }
}

fn fixtures_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("ui/src/backend/fixtures")
}

/// The calls as pretty JSON with the volatile values replaced: by key (the version, QR codes),
/// then in the text (the data folder, ids, hashes, ports), each distinct value by the same
/// placeholder every time it appears.
fn normalised(calls: &[Value], data_dir: &std::path::Path) -> String {
    let mut calls = calls.to_vec();
    let hash = Regex::new(r"[0-9a-f]{64}").unwrap();
    let any_uuid =
        Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    let any_length = Regex::new(r"\[[0-9]+ tecken\]").unwrap();
    for call in &mut calls {
        replace_keys(call);
        // Calls journalled at the one fixed moment come in the order the outbox happened to
        // send them: ordered here by their content without hashes.
        // BankID's order references in the bodies are random and the calls of concurrent
        // signings interleave at random: each becomes one placeholder, so the order by content
        // does not depend on them.
        if call["cmd"] == "get_call_journal" {
            if let Some(entries) = call["ok"].as_array_mut() {
                for entry in entries.iter_mut() {
                    if let Some(body) = entry["body"].as_str() {
                        let body = any_uuid
                            .replace_all(body, "00000000-0000-4000-8000-000000000000")
                            .into_owned();
                        let body = any_length.replace_all(&body, "[N tecken]").into_owned();
                        entry["body"] = Value::String(body);
                    }
                }
                entries.sort_by_key(|e| hash.replace_all(&e.to_string(), "").into_owned());
            }
        }
    }
    let mut text = serde_json::to_string_pretty(&calls).unwrap();
    text.push('\n');
    for dir in [
        data_dir.to_path_buf(),
        data_dir.canonicalize().unwrap_or_default(),
    ] {
        let dir = dir.display().to_string();
        if !dir.is_empty() {
            text = text.replace(
                &serde_json::to_string(&dir)
                    .unwrap()
                    .trim_matches('"')
                    .to_owned(),
                "/data",
            );
        }
    }
    let uuid = Regex::new(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}").unwrap();
    text = numbered(&text, &uuid, |n| format!("00000000-0000-4000-8000-{n:012}"));
    let sha = Regex::new(r"\b[0-9a-f]{64}\b").unwrap();
    text = numbered(&text, &sha, |n| format!("{n:064}"));
    // The simulated BankID's signatures and OCSP answers vary in length (its own clock and
    // random values), in the SOAP bodies and in the journal's redacted BankID answers alike.
    text = Regex::new(r"<signature>\[[0-9]+ tecken\]")
        .unwrap()
        .replace_all(&text, "<signature>[signatur]")
        .into_owned();
    text = Regex::new(r"\[[0-9]+ tecken\]")
        .unwrap()
        .replace_all(&text, "[N tecken]")
        .into_owned();
    let port = Regex::new(r"127\.0\.0\.1:[0-9]+").unwrap();
    text = numbered(&text, &port, |n| format!("127.0.0.1:{}", 50000 + n));
    text
}

fn replace_keys(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                match key.as_str() {
                    "version" if value.is_string() => *value = json!("0.0.0"),
                    "qrSvg" if value.is_string() => *value = json!("<svg/>"),
                    "durationMs" if value.is_number() => *value = json!(100),
                    _ => replace_keys(value),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(replace_keys),
        _ => {}
    }
}

/// Replaces each distinct match of `pattern` by `placeholder(n)`, n counting from 1 in order
/// of first appearance.
fn numbered(text: &str, pattern: &Regex, placeholder: impl Fn(usize) -> String) -> String {
    let mut seen: HashMap<String, String> = HashMap::new();
    pattern
        .replace_all(text, |m: &regex::Captures<'_>| {
            let n = seen.len() + 1;
            seen.entry(m[0].to_owned())
                .or_insert_with(|| placeholder(n))
                .clone()
        })
        .into_owned()
}

fn household() -> Value {
    json!({
        "person": {"personnummer": "121212-1212", "firstName": "Tolvan", "lastName": "Tolvansson", "phone": null},
        "signerRole": "vardnadshavare",
        "signer": {"personnummer": "198112189876", "firstName": "Anna", "lastName": "Förälder", "phone": "070-1234567"},
        "employment": "employer",
        "provider": null,
        "grantedHoursPerMonth": 300
    })
}

fn assistant(id: Value, personnummer: &str, first: &str, last: &str) -> Value {
    json!({"id": id, "personnummer": personnummer, "firstName": first, "lastName": last, "phone": null,
           "employedByPerson": true, "collectiveAgreement": false})
}

fn endpoints() -> Value {
    json!({
        "erakBaseUrl": "https://erak.test.example.se/api",
        "erakKeyHeader": "",
        "erakSigningOrigin": "https://signera.test.example.se",
        "eltUrl": "https://elt.test.example.se/elt",
        "bankidBaseUrl": "https://appapi2.test.bankid.com/rp/v6.0",
        "supplierName": "Exempelleverantören AB",
        "supplierId": "LEV-1"
    })
}

/// What the app reads when it starts on a fresh install: demo, its sample household, the
/// screens' first reads.
#[test]
fn fresh_demo() {
    let mut r = Recording::fresh("fresh-demo");
    r.ok("app_info", json!({}));
    r.ok("get_household", json!({}));
    r.ok("list_assistants", json!({}));
    r.ok("get_month", json!({"month": THIS_MONTH}));
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_drafts", json!({"month": THIS_MONTH}));
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    record_schedules(&mut r);
    r.ok("get_settings", json!({}));
    r.ok("get_overview", json!({}));
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("get_invoice", json!({"month": LAST_MONTH}));
    r.ok("get_call_journal", json!({}));
    r.ok("report_history", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.ok("get_start", json!({}));
    r.finish();
}

/// Production from empty: the household and assistants typed, refused, corrected, removed.
#[test]
fn household_and_assistants() {
    let mut r = Recording::in_environment("household", Environment::Production);
    r.ok("app_info", json!({}));
    assert_eq!(r.ok("get_household", json!({})), Value::Null);
    r.ok("list_assistants", json!({}));
    let mut bad = household();
    bad["person"]["personnummer"] = json!("191212121213");
    r.refused("save_household", json!({"household": bad}));
    let mut role = household();
    role["signerRole"] = json!("mamma");
    r.refused("save_household", json!({"household": role}));
    r.ok("save_household", json!({"household": household()}));
    r.ok("get_household", json!({}));
    r.refused(
        "save_assistant",
        json!({"assistant": assistant(Value::Null, "197010632392", "Åke", "Östlund")}),
    );
    let ake = r.ok(
        "save_assistant",
        json!({"assistant": assistant(Value::Null, "197010632391", "Åke", "Östlund")}),
    );
    let anna = r.ok(
        "save_assistant",
        json!({"assistant": assistant(Value::Null, "198112189876", "Anna", "Andersson")}),
    );
    r.ok("list_assistants", json!({}));
    r.ok(
        "save_assistant",
        json!({"assistant": assistant(anna["id"].clone(), "198112189876", "Anna", "Berg")}),
    );
    r.ok("delete_assistant", json!({"id": ake["id"]}));
    r.refused("delete_assistant", json!({"id": 42}));
    r.ok("list_assistants", json!({}));
    r.refused("reset_demo", json!({}));
    r.finish();
}

/// The month screen on the demo: shifts saved, refused, removed and back, copies, the weekly
/// schedule, drafts.
#[test]
fn month() {
    let mut r = Recording::fresh("month");
    let assistants = r.ok("list_assistants", json!({}));
    let id = assistants[0]["id"].clone();
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    let shift = |start: &str, end: &str, note: Value| json!({"shift": {"id": null, "assistantId": id, "start": start, "end": end, "kind": "aktiv", "note": note}});
    let saved = r.ok(
        "save_shift",
        shift("2026-10-30T08:00", "2026-10-30T12:00", Value::Null),
    );
    r.refused(
        "save_shift",
        shift("30 okt", "2026-10-30T12:00", Value::Null),
    );
    r.refused(
        "save_shift",
        shift("2026-10-01T08:00", "2026-10-03T12:00", Value::Null),
    );
    r.refused(
        "save_shift",
        shift(
            "2026-10-31T08:00",
            "2026-10-31T09:00",
            json!("x".repeat(501)),
        ),
    );
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("delete_shift", json!({"id": saved["id"]}));
    r.ok("undo_delete_shift", json!({"id": saved["id"]}));
    r.ok(
        "copy_shifts",
        json!({"source": {"kind": "day", "from": "2026-10-30", "to": "2026-10-31"}, "assistantId": id}),
    );
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_schedule", json!({"assistantId": id}));
    r.ok(
        "save_schedule",
        json!({"assistantId": id, "days": week(&[(0, "8-16"), (2, "22-7 b")])}),
    );
    r.ok("get_schedule", json!({"assistantId": id}));
    r.ok(
        "prefill_month",
        json!({"month": THIS_MONTH, "assistantId": id}),
    );
    r.ok("get_month", json!({"month": THIS_MONTH}));
    r.ok(
        "save_draft",
        json!({"draft": {"month": LAST_MONTH, "assistantId": id, "date": "2026-10-29", "text": "8-12 a"}}),
    );
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    r.ok(
        "remove_draft",
        json!({"month": LAST_MONTH, "assistantId": id, "date": "2026-10-29"}),
    );
    r.refused("get_month", json!({"month": "oktober"}));
    r.finish();
}

/// Time reports on the demo: locked, signed through the in-app simulator's BankID, sent; a
/// month that has not ended; the paper report of a samordningsnummer.
#[test]
fn time_reports() {
    let mut r = Recording::fresh("time-reports");
    let reports = r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    let list = reports["reports"].as_array().unwrap().clone();
    let bank = list.iter().find(|r| r["idKind"] == "personnummer").unwrap()["assistantId"].clone();
    let paper = list
        .iter()
        .find(|r| r["idKind"] == "samordningsnummer")
        .unwrap()["assistantId"]
        .clone();
    r.refused(
        "lock_report",
        json!({"month": THIS_MONTH, "assistantId": bank}),
    );
    r.ok(
        "lock_report",
        json!({"month": LAST_MONTH, "assistantId": bank}),
    );
    r.ok(
        "unlock_report",
        json!({"month": LAST_MONTH, "assistantId": bank}),
    );
    r.ok(
        "lock_report",
        json!({"month": LAST_MONTH, "assistantId": bank}),
    );
    r.refused("send_reports", json!({"month": LAST_MONTH}));
    r.refused(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": paper, "device": "other"}),
    );
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": bank, "device": "other"}),
    );
    let done = r.signing_outcome(&started["sessionId"]);
    assert_eq!(done["state"], "complete", "{done}");
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": null, "device": "other"}),
    );
    let done = r.signing_outcome(&started["sessionId"]);
    assert_eq!(done["state"], "complete", "{done}");
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("send_reports", json!({"month": LAST_MONTH}));
    // The outbox sends in the background: wait (not kept) until the simulator has answered.
    for _ in 0..100 {
        let now = r
            .app
            .invoke("get_time_reports", json!({"month": LAST_MONTH}))
            .unwrap();
        let sent = now["reports"].as_array().unwrap().iter().any(|report| {
            report["assistantId"] == bank
                && report["status"] != "queued"
                && report["status"] != "sending"
        });
        if sent {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("report_history", json!({}));
    r.refused("signing_status", json!({"sessionId": "nope"}));
    // On paper: FK's blankett 3059 has not been given to the app yet.
    r.refused(
        "open_paper_report",
        json!({"month": LAST_MONTH, "assistantId": paper}),
    );
    r.finish();
}

/// The invoice on the demo: questions, answers kept as typed, validation when submitting.
#[test]
fn invoice() {
    let mut r = Recording::fresh("invoice");
    let state = r.ok("get_invoice", json!({"month": LAST_MONTH}));
    let mut answers = state["answers"].clone();
    answers["hospitalStay"] = json!(true);
    answers["hospitalStays"] = json!([{"from": "not a date", "to": ""}]);
    answers["costs"]["wages"] = json!("12 345,6");
    r.ok(
        "save_invoice_answers",
        json!({"month": LAST_MONTH, "answers": answers}),
    );
    // Not sent: the unanswered questions and the unreadable stay come back as problems.
    let checked = r.ok("submit_invoice", json!({"month": LAST_MONTH}));
    assert_eq!(checked["status"], "draft", "{checked}");
    r.ok("get_overview", json!({}));
    r.finish();
}

/// The month after the invoice answers Ja to LSS activity: one warning for the month, beside
/// findings with every kind of parameter (the UI's specs word these replies in Swedish and English).
#[test]
fn lss_activity() {
    let mut r = Recording::fresh("lss-activity");
    let assistants = r.ok("list_assistants", json!({}));
    // A night in the hour the autumn change repeats (a daylight-saving note and finding), at
    // the same time as another assistant, during a hospital stay.
    r.ok(
        "save_shift",
        json!({"shift": {"id": null, "assistantId": assistants[0]["id"], "start": "2026-10-25T02:30",
            "end": "2026-10-25T05:00", "kind": "aktiv", "note": null}}),
    );
    let state = r.ok("get_invoice", json!({"month": LAST_MONTH}));
    let mut answers = state["answers"].clone();
    answers["lssActivity"] = json!(true);
    answers["lssKinds"] = json!(["skola", "dagligVerksamhet"]);
    answers["hospitalStay"] = json!(true);
    answers["hospitalStays"] = json!([{"from": "2026-10-25T01:00", "to": "2026-10-26T12:00"}]);
    r.ok(
        "save_invoice_answers",
        json!({"month": LAST_MONTH, "answers": answers}),
    );
    let sheet = r.ok("get_month", json!({"month": LAST_MONTH}));
    let lss: Vec<&Value> = sheet["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "lss_activity")
        .collect();
    assert_eq!(lss.len(), 1, "{sheet}");
    // The demo month is above its granted hours: said before signing and on the invoice too.
    assert!(sheet["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["code"] == "above_granted_hours"));
    let reports = r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("report_history", json!({}));
    assert_eq!(
        reports["grantedHoursWarning"]["key"], "finding.above_granted_hours",
        "{reports}"
    );
    let invoice = r.ok("get_invoice", json!({"month": LAST_MONTH}));
    assert_eq!(
        invoice["grantedHoursWarning"]["key"], "finding.above_granted_hours",
        "{invoice}"
    );
    r.finish();
}

/// Settings of FK test: endpoints refused and saved, credentials stored and removed, the
/// connection test without credentials; switching environment.
#[test]
fn settings() {
    let mut r = Recording::in_environment("settings", Environment::FkTest);
    r.ok("app_info", json!({}));
    r.ok("get_household", json!({}));
    r.ok("list_assistants", json!({}));
    r.ok("get_settings", json!({}));
    r.refused("test_connection", json!({}));
    let mut bad = endpoints();
    bad["eltUrl"] = json!("http://elt.test.example.se/elt");
    r.refused("save_endpoints", json!({"endpoints": bad}));
    let mut userinfo = endpoints();
    userinfo["bankidBaseUrl"] = json!("https://user:pw@appapi2.test.bankid.com/rp/v6.0");
    r.refused("save_endpoints", json!({"endpoints": userinfo}));
    r.ok("save_endpoints", json!({"endpoints": endpoints()}));
    r.ok(
        "store_credential",
        json!({"credential": "erak_key", "text": "hemlig-nyckel-123", "base64": null}),
    );
    r.refused(
        "store_credential",
        // A file that is not PKCS#12 ("inte ett certifikat").
        json!({"credential": "bankid_rp_p12", "text": null, "base64": "aW50ZSBldHQgY2VydGlmaWthdA=="}),
    );
    r.ok("get_settings", json!({}));
    r.ok("delete_credential", json!({"credential": "erak_key"}));
    r.ok("set_environment", json!({"environment": "demo"}));
    r.ok("get_settings", json!({}));
    r.refused("set_environment", json!({"environment": "mars"}));
    r.refused(
        "store_credential",
        json!({"credential": "erak_key", "text": "k"}),
    );
    r.finish();
}

/// A backup of production written, previewed with a wrong and the right passphrase, restored.
#[test]
fn backup() {
    let mut r = Recording::in_environment("backup", Environment::Production);
    r.ok("save_household", json!({"household": household()}));
    r.ok("list_automatic_backups", json!({}));
    r.refused(
        "create_backup",
        json!({"passphrase": "          x", "passphraseAgain": "          x"}),
    );
    let saved = r.ok(
        "create_backup",
        json!({"passphrase": "korrekt häst batteri", "passphraseAgain": "korrekt häst batteri"}),
    );
    // The file the user picks is read by the view; its bytes are random (age), so the
    // recording names them by a placeholder the specs use as the file's content.
    let path = saved["path"].as_str().unwrap();
    let bytes = std::fs::read(path).unwrap();
    let picked = "YmFja3VwLWZpbGU="; // base64 of "backup-file"
    let real = base64_of(&bytes);
    r.refused(
        "preview_backup",
        json!({"base64": real, "passphrase": "fel lösenord här"}),
    );
    r.ok(
        "preview_backup",
        json!({"base64": real, "passphrase": "korrekt häst batteri"}),
    );
    r.ok(
        "restore_backup",
        json!({"base64": real, "passphrase": "korrekt häst batteri"}),
    );
    let automatic = r.ok("list_automatic_backups", json!({}));
    let name = automatic[0]["name"].clone();
    r.ok("preview_automatic_backup", json!({"name": name}));
    r.ok("restore_automatic_backup", json!({"name": name}));
    // A file that is not a backup ("hej").
    r.refused(
        "preview_backup",
        json!({"base64": "aGVq", "passphrase": "korrekt häst batteri"}),
    );
    r.ok("export_household", json!({}));
    for call in &mut r.calls {
        if call["args"]["base64"] == real.as_str() {
            call["args"]["base64"] = json!(picked);
        }
    }
    r.finish();
}

fn base64_of(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Demo's sample data changed, then reset.
#[test]
fn demo_reset() {
    let mut r = Recording::fresh("demo-reset");
    let assistants = r.ok("list_assistants", json!({}));
    // Sample assistants have shifts: removing one is refused.
    r.refused("delete_assistant", json!({"id": assistants[0]["id"]}));
    let mut renamed = assistants[0].clone();
    renamed["firstName"] = json!("Ändrad");
    r.ok("save_assistant", json!({"assistant": renamed}));
    r.ok("list_assistants", json!({}));
    r.ok("reset_demo", json!({}));
    r.ok("list_assistants", json!({}));
    r.finish();
}

/// Switching environment from a fresh install: production, FK test, and a name that is none.
#[test]
fn environments() {
    let mut r = Recording::fresh("environments");
    r.ok("app_info", json!({}));
    r.ok("set_environment", json!({"environment": "production"}));
    r.ok("get_household", json!({}));
    r.ok("set_environment", json!({"environment": "fk_test"}));
    r.refused("set_environment", json!({"environment": "mars"}));
    r.finish();
}

/// Demo's connection test, against the in-app simulator.
#[test]
fn demo_connection() {
    let mut r = Recording::fresh("demo-connection");
    r.ok("get_settings", json!({}));
    r.ok("test_connection", json!({}));
    r.finish();
}

/// A weekly schedule as the schedule form sends it: all seven weekdays, the given texts on
/// theirs and the others empty.
fn week(texts: &[(u8, &str)]) -> Value {
    let days: Vec<Value> = (0..7u8)
        .map(|weekday| {
            let text = texts
                .iter()
                .find(|(d, _)| *d == weekday)
                .map_or("", |(_, t)| *t);
            json!({"weekday": weekday, "text": text})
        })
        .collect();
    Value::Array(days)
}

/// `get_schedule` of every assistant (the schedule form reads the selected one's).
fn record_schedules(r: &mut Recording) {
    let assistants = r.app.invoke("list_assistants", json!({})).unwrap();
    for assistant in assistants.as_array().unwrap() {
        r.ok("get_schedule", json!({"assistantId": assistant["id"]}));
    }
}

/// Production with a household and two assistants (Anna Andersson, Sam Samordning with a
/// samordningsnummer), set up without being kept: the assistant list's starting point.
fn with_two_assistants(name: &'static str) -> (Recording, Value, Value) {
    let r = Recording::in_environment(name, Environment::Production);
    r.app
        .invoke("save_household", json!({"household": household()}))
        .unwrap();
    let mut anna = assistant(Value::Null, "198112189876", "Anna", "Andersson");
    anna["collectiveAgreement"] = json!(true);
    let anna = r
        .app
        .invoke("save_assistant", json!({"assistant": anna}))
        .unwrap();
    let mut sam = assistant(Value::Null, "197010632391", "Sam", "Samordning");
    sam["employedByPerson"] = json!(false);
    let sam = r
        .app
        .invoke("save_assistant", json!({"assistant": sam}))
        .unwrap();
    (r, anna, sam)
}

/// The form's input for an assistant, as the assistant form sends it.
fn assistant_input(
    id: Value,
    personnummer: &str,
    first: &str,
    last: &str,
    employed: bool,
) -> Value {
    json!({"id": id, "personnummer": personnummer, "firstName": first, "lastName": last, "phone": null,
           "employedByPerson": employed, "collectiveAgreement": false,
           "employer": {"kind": "provider"},
           "calculationPeriods": {"start": "2024-01-01", "weeks": 4}})
}

/// An assistant added from the list.
#[test]
fn assistant_add() {
    let (mut r, _, _) = with_two_assistants("assistant-add");
    r.ok("list_assistants", json!({}));
    r.ok(
        "save_assistant",
        json!({"assistant": assistant_input(Value::Null, "19121212-1212", "Tolvan", "Tolvansson", true)}),
    );
    r.ok("list_assistants", json!({}));
    r.finish();
}

/// An assistant renamed from its row.
#[test]
fn assistant_edit() {
    let (mut r, _, sam) = with_two_assistants("assistant-edit");
    r.ok("list_assistants", json!({}));
    r.ok(
        "save_assistant",
        json!({"assistant": assistant_input(sam["id"].clone(), "19701063-2391", "Samuel", "Samordning", false)}),
    );
    r.ok("list_assistants", json!({}));
    r.finish();
}

/// An assistant removed after the question.
#[test]
fn assistant_delete() {
    let (mut r, anna, _) = with_two_assistants("assistant-delete");
    r.ok("list_assistants", json!({}));
    r.ok("delete_assistant", json!({"id": anna["id"]}));
    r.ok("list_assistants", json!({}));
    r.finish();
}

/// The assistant form's saves: another employer, a new assistant, an edit, a number that is
/// already there, an assistant that no longer exists.
#[test]
fn assistant_form() {
    let (mut r, anna, _) = with_two_assistants("assistant-form");
    r.ok("list_assistants", json!({}));
    let mut other = assistant_input(Value::Null, "19900621-9894", "Anna", "Annan", false);
    other["employer"] =
        json!({"kind": "other", "name": null, "organisationsnummer": "556036-0793"});
    other["calculationPeriods"]["weeks"] = json!(2);
    r.ok("save_assistant", json!({"assistant": other}));
    let mut tolvan = assistant_input(Value::Null, "20121212-1212", "Tolvan", "Tolvansson", true);
    tolvan["collectiveAgreement"] = json!(true);
    r.ok("save_assistant", json!({"assistant": tolvan}));
    let mut berg = assistant_input(anna["id"].clone(), "19811218-9876", "Anna", "Berg", false);
    berg["collectiveAgreement"] = json!(true);
    r.ok("save_assistant", json!({"assistant": berg}));
    let mut twin = assistant_input(Value::Null, "19811218-9876", "Annika", "Andersson", false);
    twin["phone"] = json!("08-123 456");
    r.refused("save_assistant", json!({"assistant": twin}));
    let mut gone = assistant_input(json!(42), "19811218-9876", "Anna", "Andersson", true);
    gone["collectiveAgreement"] = json!(true);
    r.refused("save_assistant", json!({"assistant": gone}));
    r.finish();
}

/// The household form on an empty production: saved as the form sends it (the person signs
/// and employs; a guardian signs and a provider is bought from, with and without contact).
#[test]
fn household_form() {
    let mut r = Recording::in_environment("household-form", Environment::Production);
    r.ok("get_household", json!({}));
    let person = json!({"firstName": "Tolvan", "lastName": "Tolvansson", "personnummer": "19121212-1212", "phone": "070-123 45 67"});
    r.ok(
        "save_household",
        json!({"household": {"employment": "employer", "grantedHoursPerMonth": 160, "person": person,
                             "provider": null, "signer": null, "signerRole": "self"}}),
    );
    r.ok(
        "save_household",
        json!({"household": {"employment": "buys", "grantedHoursPerMonth": 160, "person": person,
            "provider": {"contactPerson": "Kim Kontakt", "name": "Assistans AB", "organisationsnummer": "556036-0793", "phone": "031-123 45 67"},
            "signer": {"firstName": "Vera", "lastName": "V", "personnummer": "19811218-9876", "phone": "070-333 33 33"},
            "signerRole": "vardnadshavare"}}),
    );
    r.ok(
        "save_household",
        json!({"household": {"employment": "buys", "grantedHoursPerMonth": 160, "person": person,
            "provider": {"contactPerson": null, "name": "Exempelassistans AB", "organisationsnummer": "202100-5521", "phone": null},
            "signer": {"firstName": "Vera", "lastName": "Vårdnadshavare", "personnummer": "19811218-9876", "phone": null},
            "signerRole": "vardnadshavare"}}),
    );
    r.finish();
}

/// Anna's weekly schedule as stored, read by the schedule form.
#[test]
fn schedule() {
    let (mut r, anna, sam) = with_two_assistants("schedule");
    for (id, days) in [
        (&anna["id"], week(&[(0, "8-12, 13-17 v"), (4, "22-07 b")])),
        (&sam["id"], week(&[(1, "8-16")])),
    ] {
        r.app
            .invoke("save_schedule", json!({"assistantId": id, "days": days}))
            .unwrap();
    }
    record_schedules(&mut r);
    r.finish();
}

/// A schedule typed from empty and saved.
#[test]
fn schedule_save() {
    let (mut r, anna, _) = with_two_assistants("schedule-save");
    record_schedules(&mut r);
    r.ok(
        "save_schedule",
        json!({"assistantId": anna["id"], "days": week(&[(2, "22-24")])}),
    );
    // A weekday's text the core cannot read: on leaving it, and when saved anyway.
    r.ok("check_field", json!({"field": "schedule.3", "text": "8-"}));
    r.refused(
        "save_schedule",
        json!({"assistantId": anna["id"], "days": week(&[(3, "8-")])}),
    );
    record_schedules(&mut r);
    r.finish();
}

/// The month screen's drafts kept in the database, and drafts of an earlier version moved
/// there (one whose assistant is gone is refused).
#[test]
fn drafts() {
    let (mut r, anna, sam) = with_two_assistants("drafts");
    let draft = |id: &Value, date: &str, text: &str| json!({"draft": {"month": "2026-10", "assistantId": id, "date": date, "text": text}});
    r.ok("save_draft", draft(&anna["id"], "2026-10-12", "8-25"));
    r.ok("save_draft", draft(&sam["id"], "2026-10-13", ""));
    r.ok("get_drafts", json!({"month": "2026-10"}));
    r.ok("get_drafts", json!({"month": "2026-11"}));
    r.ok(
        "remove_draft",
        json!({"month": "2026-10", "assistantId": anna["id"], "date": "2026-10-12"}),
    );
    r.ok("get_drafts", json!({"month": "2026-10"}));
    r.ok(
        "save_draft",
        draft(&anna["id"], "2026-10-12", "8-25 Anna sjuk"),
    );
    r.ok("save_draft", draft(&sam["id"], "2026-10-14", ""));
    r.refused("save_draft", draft(&json!(9), "2026-10-12", "8-16"));
    r.ok("save_draft", draft(&anna["id"], "2026-10-12", "8-16"));
    r.finish();
}

/// The month sheet of February 2026 for Anna with drafts the database kept (one equal to what
/// is stored, one of another assistant), then a day that cannot be read kept as a draft.
#[test]
fn month_sheet() {
    let (mut r, anna, sam) = with_two_assistants("month-sheet");
    let draft = |id: &Value, date: &str, text: &str| json!({"draft": {"month": "2026-02", "assistantId": id, "date": date, "text": text}});
    for args in [
        draft(&anna["id"], "2026-02-05", "9-1"),
        draft(&anna["id"], "2026-02-27", "22-07 b"),
        draft(&sam["id"], "2026-02-06", "7-15"),
    ] {
        r.app.invoke("save_draft", args).unwrap();
    }
    r.ok("get_drafts", json!({"month": "2026-02"}));
    r.ok(
        "remove_draft",
        json!({"month": "2026-02", "assistantId": anna["id"], "date": "2026-02-27"}),
    );
    r.ok("save_draft", draft(&anna["id"], "2026-02-03", "8-16 x"));
    r.ok(
        "save_draft",
        draft(&anna["id"], "2026-02-04", "8-16, 17-18 a"),
    );
    r.ok(
        "remove_draft",
        json!({"month": "2026-02", "assistantId": anna["id"], "date": "2026-02-04"}),
    );
    r.ok(
        "remove_draft",
        json!({"month": "2026-02", "assistantId": anna["id"], "date": "2026-02-26"}),
    );
    r.finish();
}

/// The settings screen in demo: reset, connection test.
#[test]
fn settings_demo() {
    let mut r = Recording::fresh("settings-demo");
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.ok("reset_demo", json!({}));
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("test_connection", json!({}));
    r.finish();
}

/// The settings screen switching from demo to FK test.
#[test]
fn settings_switch() {
    let mut r = Recording::fresh("settings-switch");
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.ok("set_environment", json!({"environment": "fk_test"}));
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.finish();
}

/// The settings screen in FK test: addresses and the E-RÄK key saved.
#[test]
fn settings_fk_test() {
    let mut r = Recording::in_environment("settings-fk-test", Environment::FkTest);
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("list_automatic_backups", json!({}));
    let mut typed = endpoints();
    typed["erakBaseUrl"] = json!("https://erak.test.example.se");
    r.ok("save_endpoints", json!({"endpoints": typed}));
    r.ok(
        "store_credential",
        json!({"credential": "erak_key", "text": "nyckel-1", "base64": null}),
    );
    r.finish();
}

/// The settings screen in production with saved addresses.
#[test]
fn settings_production() {
    let mut r = Recording::in_environment("settings-production", Environment::Production);
    let mut saved = endpoints();
    saved["erakBaseUrl"] = json!("https://erak.test.example.se");
    saved["erakKeyHeader"] = json!("X-Erak-Key");
    r.app
        .invoke("save_endpoints", json!({"endpoints": saved}))
        .unwrap();
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.finish();
}

/// The settings screen restoring the automatic backup made before an earlier restore.
#[test]
fn settings_restore() {
    let mut r = Recording::in_environment("settings-restore", Environment::Production);
    r.app
        .invoke("save_household", json!({"household": household()}))
        .unwrap();
    let saved = r
        .app
        .invoke(
            "create_backup",
            json!({"passphrase": "korrekt häst batteri", "passphraseAgain": "korrekt häst batteri"}),
        )
        .unwrap();
    let bytes = std::fs::read(saved["path"].as_str().unwrap()).unwrap();
    r.app
        .invoke(
            "restore_backup",
            json!({"base64": base64_of(&bytes), "passphrase": "korrekt häst batteri"}),
        )
        .unwrap();
    r.ok("app_info", json!({}));
    r.ok("get_settings", json!({}));
    let automatic = r.ok("list_automatic_backups", json!({}));
    let name = automatic[0]["name"].clone();
    r.ok("preview_automatic_backup", json!({"name": name}));
    r.ok("restore_automatic_backup", json!({"name": name}));
    r.ok("get_settings", json!({}));
    r.ok("app_info", json!({}));
    r.ok("list_automatic_backups", json!({}));
    r.finish();
}

/// Signs every open report of last month through demo's BankID (the assistants with a
/// personnummer, then the employer) and sends them, without keeping the calls.
fn sign_and_send_last_month(r: &Recording) {
    let app = &r.app;
    let reports = app
        .invoke("get_time_reports", json!({"month": LAST_MONTH}))
        .unwrap();
    let mut signers: Vec<Value> = reports["reports"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|report| report["idKind"] == "personnummer")
        .map(|report| report["assistantId"].clone())
        .collect();
    for id in &signers {
        app.invoke(
            "lock_report",
            json!({"month": LAST_MONTH, "assistantId": id}),
        )
        .unwrap();
    }
    signers.push(Value::Null);
    for id in signers {
        let started = app
            .invoke(
                "start_signing",
                json!({"month": LAST_MONTH, "assistantId": id, "device": "other"}),
            )
            .unwrap();
        let args = json!({"sessionId": started["sessionId"]});
        for _ in 0..100 {
            if app.invoke("signing_status", args.clone()).unwrap()["state"] != "pending" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
    }
    app.invoke("send_reports", json!({"month": LAST_MONTH}))
        .unwrap();
    for _ in 0..100 {
        let now = app
            .invoke("get_time_reports", json!({"month": LAST_MONTH}))
            .unwrap();
        let waiting = now["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|report| report["status"] == "queued" || report["status"] == "sending");
        if !waiting {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
}

/// The overview after last month's reports were signed and sent in demo: months, the call
/// journal, the support report.
#[test]
fn overview() {
    let mut r = Recording::fresh("overview");
    sign_and_send_last_month(&r);
    r.ok("app_info", json!({}));
    r.ok("get_overview", json!({}));
    r.ok("get_start", json!({}));
    r.ok("get_call_journal", json!({}));
    r.ok("export_support_report", json!({"fingerprint": null}));
    // A fingerprint Timbok does not know is written into the report as given.
    r.ok(
        "export_support_report",
        json!({"fingerprint": "finns-inte"}),
    );
    r.finish();
}

/// The overview of an installation with nothing in it yet.
#[test]
fn empty_overview() {
    let mut r = Recording::in_environment("empty-overview", Environment::FkTest);
    r.ok("get_overview", json!({}));
    r.ok("get_start", json!({}));
    r.ok("get_call_journal", json!({}));
    r.finish();
}

/// The start of a fresh demo: last month to do, the guide; the month last used remembered;
/// the guide dismissed; a malformed month refused.
#[test]
fn start() {
    let mut r = Recording::fresh("start");
    r.ok("app_info", json!({}));
    r.ok("get_start", json!({}));
    r.ok("get_overview", json!({}));
    r.ok("get_call_journal", json!({}));
    r.ok("remember_month", json!({"month": LAST_MONTH}));
    r.refused("remember_month", json!({"month": "2026-13"}));
    r.ok("dismiss_guide", json!({}));
    r.ok("get_start", json!({}));
    r.finish();
}

/// Signing in the dialog through demo's BankID: Johan Lind's report locked (not kept), an
/// order on another device polled while it waits and until it is signed, one on this
/// computer cancelled, and a samordningsnummer refused.
#[test]
fn signing() {
    let mut r = Recording::fresh("signing");
    let reports = r
        .app
        .invoke("get_time_reports", json!({"month": LAST_MONTH}))
        .unwrap();
    let johan = reports["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|report| report["assistantName"] == "Johan Lind")
        .unwrap()["assistantId"]
        .clone();
    r.app
        .invoke(
            "lock_report",
            json!({"month": LAST_MONTH, "assistantId": johan}),
        )
        .unwrap();
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": johan, "device": "this"}),
    );
    let waiting = r.ok("signing_status", json!({"sessionId": started["sessionId"]}));
    assert_eq!(waiting["state"], "pending", "{waiting}");
    r.ok("cancel_signing", json!({"sessionId": started["sessionId"]}));
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": johan, "device": "other"}),
    );
    let first = r.ok("signing_status", json!({"sessionId": started["sessionId"]}));
    assert_eq!(first["state"], "pending", "{first}");
    let done = r.signing_outcome(&started["sessionId"]);
    assert_eq!(done["state"], "complete", "{done}");
    r.refused(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": 3, "device": "other"}),
    );
    r.finish();
}

/// The time reports screen on the demo: Johan Lind's report locked, signed by him on another
/// device and by the employer on this computer, sent (the simulator rejects the signing date:
/// the recording's clock is fixed, the simulator's BankID is not), the history, Ali Haddad's
/// paper report without FK's blankett.
#[test]
fn time_reports_view() {
    let mut r = Recording::fresh("time-reports-view");
    r.ok("app_info", json!({}));
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("report_history", json!({}));
    r.ok("get_time_reports", json!({"month": THIS_MONTH}));
    r.ok(
        "lock_report",
        json!({"month": LAST_MONTH, "assistantId": 1}),
    );
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": 1, "device": "other"}),
    );
    let first = r.ok("signing_status", json!({"sessionId": started["sessionId"]}));
    assert_eq!(first["state"], "pending", "{first}");
    r.signing_outcome(&started["sessionId"]);
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    let started = r.ok(
        "start_signing",
        json!({"month": LAST_MONTH, "assistantId": null, "device": "this"}),
    );
    r.signing_outcome(&started["sessionId"]);
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("send_reports", json!({"month": LAST_MONTH}));
    for _ in 0..100 {
        let now = r
            .app
            .invoke("get_time_reports", json!({"month": LAST_MONTH}))
            .unwrap();
        let waiting = now["reports"]
            .as_array()
            .unwrap()
            .iter()
            .any(|report| report["status"] == "queued" || report["status"] == "sending");
        if !waiting {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("report_history", json!({}));
    r.refused(
        "open_paper_report",
        json!({"month": LAST_MONTH, "assistantId": 3}),
    );
    r.finish();
}

/// Ali Haddad's paper report (samordningsnummer) after blankett 3059 was filled in and opened:
/// `paper_opened` (not done), confirmed as printed and sent (`paper`, done), the confirmation
/// undone; refused for a month not filled in on paper. The blankett is FK's file, which the recording does not have, so the opened state is
/// written into the store directly (not kept), as `open_paper_report` leaves it.
#[test]
fn paper_report() {
    let mut r = Recording::fresh("paper-report");
    r.ok("app_info", json!({}));
    {
        let path = r.app.data_dir().join("demo").join("timbok.sqlite3");
        let mut store = timbok_core::store::Store::open(&path).unwrap();
        let month = timbok_core::hours::YearMonth::parse(LAST_MONTH).unwrap();
        let assistant = timbok_core::hours::AssistantId(3);
        let pdf = b"%PDF-1.7 blankett 3059 (stand-in)".to_vec();
        // The SHA-256 of `pdf`.
        let sha = "d2ba572116e017237043fe7c6880b8a253452ce25053469b33afc36af227ec3e";
        let report_id = store.report_id(assistant, month).unwrap();
        let row = store
            .insert_report(&timbok_core::store::NewReport {
                assistant_id: assistant,
                month,
                report_id,
                document: &pdf,
                sha256: sha,
                locked_at: "2026-11-05T10:15:00",
                state: timbok_core::store::OutboxState::Locked,
            })
            .unwrap();
        store.mark_paper(row.row_id).unwrap();
    }
    let opened = r.ok("get_time_reports", json!({"month": LAST_MONTH}));
    r.ok("report_history", json!({}));
    let ali = |month: &Value| {
        month["reports"]
            .as_array()
            .unwrap()
            .iter()
            .find(|report| report["assistantId"] == 3)
            .unwrap()
            .clone()
    };
    assert_eq!(ali(&opened)["status"], "paper_opened", "{opened}");
    let sent = r.ok(
        "mark_paper_sent",
        json!({"month": LAST_MONTH, "assistantId": 3, "sent": true}),
    );
    assert_eq!(ali(&sent)["status"], "paper", "{sent}");
    assert!(ali(&sent)["sentAt"].is_string(), "{sent}");
    let undone = r.ok(
        "mark_paper_sent",
        json!({"month": LAST_MONTH, "assistantId": 3, "sent": false}),
    );
    assert_eq!(ali(&undone)["status"], "paper_opened", "{undone}");
    // Refused where the blankett was not filled in (this month).
    r.refused(
        "mark_paper_sent",
        json!({"month": THIS_MONTH, "assistantId": 3, "sent": true}),
    );
    r.finish();
}

/// A day typed on the month screen as the view sends it: the draft kept while typing
/// (`save_draft`), the day's text (`save_day`), and the draft removed once the day is saved.
fn type_day(
    r: &mut Recording,
    id: &Value,
    date: &str,
    text: &str,
    kind: &str,
) -> Result<Value, Value> {
    let month = &date[..7];
    r.ok(
        "save_draft",
        json!({"draft": {"month": month, "assistantId": id, "date": date, "text": text}}),
    );
    let reply = r.call(
        "save_day",
        json!({"day": {"assistantId": id, "date": date, "text": text, "defaultKind": kind}}),
    );
    if reply.is_ok() {
        r.ok(
            "remove_draft",
            json!({"month": month, "assistantId": id, "date": date}),
        );
    }
    reply
}

/// The month screen's day edits in October 2026 (two assistants, Sam with a shift on the
/// 5th): days saved (a night shift, the autumn DST night, an overlap), a day edited and its
/// kind changed, texts that cannot be read kept as drafts and found again after a restart, a
/// day cleared and brought back, copies.
#[test]
fn month_days() {
    let (mut r, anna, sam) = with_two_assistants("month-days");
    let (anna, sam) = (anna["id"].clone(), sam["id"].clone());
    r.app
        .invoke(
            "save_day",
            json!({"day": {"assistantId": sam, "date": "2026-10-05", "text": "8-12", "defaultKind": "aktiv"}}),
        )
        .unwrap();
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    record_schedules(&mut r);
    for month in [THIS_MONTH, "2027-02", "2027-01", "2027-03"] {
        r.ok("get_month", json!({"month": month}));
        r.ok("get_drafts", json!({"month": month}));
    }
    for (date, text) in [
        ("2026-10-05", "8-16"),
        ("2026-10-06", "0830-1615"),
        ("2026-10-07", "8-16 v"),
        ("2026-10-08", "22-07 b"),
        ("2026-10-09", "8-12, 22-07"),
        ("2026-10-31", "22-07"),
        ("2026-10-25", "0-4"),
        ("2026-10-20", "8-16, 12-20"),
        ("2026-10-05", "8-17"),
    ] {
        type_day(&mut r, &anna, date, text, "aktiv").unwrap();
    }
    r.ok(
        "save_day",
        json!({"day": {"assistantId": anna, "date": "2026-10-05", "text": "8-17", "defaultKind": "vantetid"}}),
    );
    for (date, text) in [("2026-10-12", "8-25"), ("2026-10-13", "8 till 16")] {
        let error = type_day(&mut r, &anna, date, text, "aktiv").unwrap_err();
        assert_eq!(error["field"], "text", "{error}");
    }
    // Typed but never left: only the draft is kept.
    r.ok(
        "save_draft",
        json!({"draft": {"month": LAST_MONTH, "assistantId": anna, "date": "2026-10-14", "text": "9-17"}}),
    );
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    record_schedules(&mut r);
    type_day(&mut r, &anna, "2026-10-12", "8-15", "aktiv").unwrap();
    type_day(&mut r, &anna, "2026-10-14", "9-17", "aktiv").unwrap();
    let before = r
        .app
        .invoke("get_month", json!({"month": LAST_MONTH}))
        .unwrap();
    let cleared: Vec<Value> = before["assistants"][0]["shifts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|s| s["start"].as_str().unwrap().starts_with("2026-10-09"))
        .map(|s| s["id"].clone())
        .collect();
    type_day(&mut r, &anna, "2026-10-09", "", "aktiv").unwrap();
    for id in cleared {
        r.ok("undo_delete_shift", json!({"id": id}));
    }
    r.ok("get_month", json!({"month": LAST_MONTH}));
    for source in [
        json!({"kind": "day", "from": "2026-10-06", "to": "2026-10-07"}),
        json!({"kind": "week", "from": "2026-10-05", "to": "2026-10-12"}),
        json!({"kind": "previousMonth", "month": LAST_MONTH}),
    ] {
        r.ok(
            "copy_shifts",
            json!({"source": source, "assistantId": anna}),
        );
        r.ok("get_month", json!({"month": LAST_MONTH}));
    }
    r.ok(
        "save_schedule",
        json!({"assistantId": anna, "days": week(&[(0, "8-16"), (6, "22-07 b")])}),
    );
    record_schedules(&mut r);
    r.ok(
        "prefill_month",
        json!({"month": LAST_MONTH, "assistantId": anna}),
    );
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.finish();
}

/// The month screen for a time report that is locked (Anna, October 2026): a day saved once
/// the user has said yes (the report unlocked), and the next day.
#[test]
fn month_locked() {
    let (mut r, anna, _) = with_two_assistants("month-locked");
    let anna = anna["id"].clone();
    r.app
        .invoke(
            "save_day",
            json!({"day": {"assistantId": anna, "date": "2026-10-05", "text": "8-16", "defaultKind": "aktiv"}}),
        )
        .unwrap();
    r.app
        .invoke(
            "lock_report",
            json!({"month": LAST_MONTH, "assistantId": anna}),
        )
        .unwrap();
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.ok("get_drafts", json!({"month": LAST_MONTH}));
    record_schedules(&mut r);
    let sheet = type_day(&mut r, &anna, "2026-10-06", "8-16", "aktiv").unwrap();
    assert_eq!(sheet["assistants"][0]["reportStatus"], "open");
    type_day(&mut r, &anna, "2026-10-07", "8-16", "aktiv").unwrap();
    r.finish();
}

/// The month screen of a household without assistants.
#[test]
fn month_empty() {
    let mut r = Recording::in_environment("month-empty", Environment::Production);
    r.ok("get_month", json!({"month": LAST_MONTH}));
    r.finish();
}

/// The invoice screen on the demo (scenario E, October 2026): the questions, an answer saved
/// as it is given and found again after a restart.
#[test]
fn invoice_view() {
    let mut r = Recording::fresh("invoice-view");
    let state = r.ok("get_invoice", json!({"month": LAST_MONTH}));
    let mut answers = state["answers"].clone();
    answers["outsideEea"] = json!(true);
    r.ok(
        "save_invoice_answers",
        json!({"month": LAST_MONTH, "answers": answers}),
    );
    r.ok("get_invoice", json!({"month": LAST_MONTH}));
    r.finish();
}

/// The invoice screen on the demo with every question of scenario E answered, but a hospital
/// stay and the period outside October: Rust's problems after a submit.
#[test]
fn invoice_problems() {
    let r = Recording::fresh("invoice-problems");
    let state = r
        .app
        .invoke("get_invoice", json!({"month": LAST_MONTH}))
        .unwrap();
    let mut answers = state["answers"].clone();
    for (key, value) in [
        ("lssActivity", json!(true)),
        ("lssKinds", json!(["skola", "dagligVerksamhet"])),
        ("hospitalStay", json!(true)),
        (
            "hospitalStays",
            json!([{"from": "2026-12-01T14:00", "to": "2026-12-02T10:00"}]),
        ),
        ("outsideEea", json!(false)),
        ("lastMonthOfPeriod", json!(true)),
        (
            "costs",
            json!({"wages": "123456,5", "overheads": "10 000", "training": "0", "workEnvironment": "1500"}),
        ),
        ("periodFrom", json!("2026-05-01")),
        ("periodTo", json!("2026-09-30")),
        ("moneyLeft", json!(true)),
        ("moneyLeftAmount", json!("2 000")),
        ("repayment", json!("deductFromNextPayment")),
    ] {
        answers[key] = value;
    }
    r.app
        .invoke(
            "save_invoice_answers",
            json!({"month": LAST_MONTH, "answers": answers}),
        )
        .unwrap();
    let mut r = r;
    r.ok("get_invoice", json!({"month": LAST_MONTH}));
    let checked = r.ok("submit_invoice", json!({"month": LAST_MONTH}));
    assert_eq!(checked["status"], "draft", "{checked}");
    r.finish();
}

/// The invoice screen of a household that buys its assistance and signs for itself
/// (scenario A), and of an installation without a household.
#[test]
fn invoice_buys() {
    let mut r = Recording::in_environment("invoice-buys", Environment::Production);
    let mut household = household();
    household["employment"] = json!("buys");
    household["signerRole"] = json!("self");
    household["signer"] = Value::Null;
    household["provider"] = json!({"name": "Exempelassistans AB", "organisationsnummer": "2021005521", "contactPerson": null, "phone": null});
    r.app
        .invoke("save_household", json!({"household": household}))
        .unwrap();
    r.ok("get_invoice", json!({"month": LAST_MONTH}));
    r.finish();
    let mut r = Recording::in_environment("invoice-none", Environment::Production);
    r.refused("get_invoice", json!({"month": LAST_MONTH}));
    r.finish();
}

/// Locking last month's report when the household has no phone for the one who signs as
/// employer (the guardian): refused, naming the household form's field (the document's error).
#[test]
fn lock_phone_missing() {
    let mut r = Recording::in_environment("lock-phone-missing", Environment::Production);
    let mut household = household();
    household["signer"]["phone"] = Value::Null;
    r.app
        .invoke("save_household", json!({"household": household}))
        .unwrap();
    let anna = r
        .app
        .invoke(
            "save_assistant",
            json!({"assistant": assistant(Value::Null, "198112189876", "Anna", "Andersson")}),
        )
        .unwrap();
    r.app
        .invoke(
            "save_day",
            json!({"day": {"assistantId": anna["id"], "date": "2026-10-05", "text": "8-16", "defaultKind": "aktiv"}}),
        )
        .unwrap();
    let error = r.refused(
        "lock_report",
        json!({"month": LAST_MONTH, "assistantId": anna["id"]}),
    );
    assert_eq!(error["key"], "document.employer_phone_missing", "{error}");
    assert_eq!(error["field"], "signer.phone", "{error}");
    r.finish();
}

/// The forms' feedback on leaving a field (`check_field`) in FK test: each field the household,
/// assistant and endpoints forms check, accepted (normalised) and refused (the save's message).
#[test]
fn check_field() {
    let mut r = Recording::in_environment("check-field", Environment::FkTest);
    for (field, text) in [
        ("person.personnummer", "121212-1212"),
        ("person.personnummer", "121212-1213"),
        ("person.personnummer", "12121"),
        ("signer.personnummer", "197010632391"),
        ("personnummer", "197010632391"),
        ("provider.organisationsnummer", "202100-5521"),
        ("provider.organisationsnummer", "2021005522"),
        ("signer.phone", " 070-123 45 67 "),
        ("signer.phone", "070 12"),
        ("phone", "070-abc"),
        ("phone", ""),
        ("grantedHoursPerMonth", "300"),
        ("grantedHoursPerMonth", "745"),
        ("erakBaseUrl", "http://erak.example.se"),
        ("erakSigningOrigin", "https://sign.example.se/path"),
        ("bankidBaseUrl", "https://u:p@bankid.example.se"),
        ("eltUrl", "https://elt.example.se/tidredovisning"),
        ("erakKeyHeader", "X Api"),
    ] {
        let check = r.ok("check_field", json!({"field": field, "text": text}));
        assert!(
            check["normalized"].is_null() || check["problem"].is_null(),
            "{field}: {check}"
        );
    }
    r.refused("check_field", json!({"field": "note", "text": "x"}));
    r.finish();
}

/// The texts the UI's form specs type into the fields the core checks on leaving them
/// (XHouseholdForm, XAssistantForm, XEndpointsForm), answered as in FK test.
#[test]
fn check_field_forms() {
    let mut r = Recording::in_environment("check-field-forms", Environment::FkTest);
    for (field, text) in [
        ("bankidBaseUrl", "https://appapi2.test.bankid.com/rp/v6.0"),
        (
            "bankidBaseUrl",
            "https://user:pw@appapi2.test.bankid.com/rp/v6.0",
        ),
        ("eltUrl", "http://elt.test.example.se/elt"),
        ("eltUrl", "https://elt.test.example.se/elt"),
        ("employer.organisationsnummer", "556036-0793"),
        ("erakBaseUrl", "https://erak.test.example.se"),
        ("erakBaseUrl", "https://erak.test.example.se/api"),
        ("erakBaseUrl", "https://erak.test.example.se/api/"),
        ("erakKeyHeader", "X-Erak-Key"),
        ("erakSigningOrigin", "https://a.se/sign"),
        ("erakSigningOrigin", "https://signera.test.example.se"),
        ("grantedHoursPerMonth", "160"),
        ("person.personnummer", "19121212-1212"),
        ("person.personnummer", "19121212-1213"),
        ("person.phone", "070-123 45 67"),
        ("personnummer", "121212-1212"),
        ("personnummer", "19121212-1212"),
        ("personnummer", "19811218-9877"),
        ("personnummer", "19900621-9894"),
        ("personnummer", "811218-9876"),
        ("personnummer", "19811218-9876"),
        ("personnummer", "20121212-1212"),
        ("person.personnummer", "19120230-1212"),
        ("person.personnummer", "1912121212123"),
        ("person.personnummer", "701063-2391"),
        ("grantedHoursPerMonth", "745"),
        ("person.phone", "abc"),
        ("provider.organisationsnummer", "202100-5522"),
        ("phone", "08-123 456"),
        ("provider.organisationsnummer", "121212-1212"),
        ("provider.organisationsnummer", "202100-5521"),
        ("provider.organisationsnummer", "556036-0793"),
        ("provider.phone", "031-123 45 67"),
        ("signer.personnummer", "19811218-9876"),
        ("signer.personnummer", "811218-9876"),
        ("signer.phone", "070-333 33 33"),
    ] {
        r.ok("check_field", json!({"field": field, "text": text}));
    }
    r.finish();
}
