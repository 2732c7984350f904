//! The IPC boundary without a window: the real commands through Tauri's mock runtime, with the
//! exact JSON the web view sends and receives (docs/ipc.md).

use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::WebviewWindow;
use timbok_core::credentials::MemorySecrets;
use timbok_core::settings::Environment;

pub struct MockApp {
    _app: tauri::App<MockRuntime>,
    pub webview: WebviewWindow<MockRuntime>,
    _dir: tempfile::TempDir,
}

impl MockApp {
    pub fn new() -> MockApp {
        MockApp::in_environment(Environment::Production)
    }

    pub fn in_environment(environment: Environment) -> MockApp {
        let dir = tempfile::tempdir().unwrap();
        timbok_core::Installation::new(dir.path())
            .set_environment(environment)
            .unwrap();
        MockApp::on(dir)
    }

    /// The app on the data folder `dir` as it is (a fresh one is a fresh install). Credentials
    /// and database keys go to memory, never to this computer's keyring (tests/keyring.rs tests
    /// that one).
    pub fn on(dir: tempfile::TempDir) -> MockApp {
        MockApp::at(dir, timbok_core::Clock::System)
    }

    /// As `on`, reading the time from `clock` (the IPC recordings use a fixed one).
    pub fn at(dir: tempfile::TempDir, clock: timbok_core::Clock) -> MockApp {
        // Database keys in memory too: every test of this binary shares the one keyring.
        timbok_core::store::DatabaseKeys::use_for_process(std::sync::Arc::new(
            timbok_core::credentials::MemoryKeyring::default(),
        ));
        let state = timbok_app::state::AppState::with_clock(
            dir.path(),
            std::sync::Arc::new(MemorySecrets::default()),
            std::sync::Arc::new(timbok_core::credentials::MemoryKeyring::default()),
            clock,
        );
        let app = mock_builder()
            .manage(state)
            .invoke_handler(timbok_app::invoke_handler())
            // The app's real context: its capabilities decide which commands the view may call.
            .build(tauri::generate_context!())
            .expect("mock app");
        let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
            .build()
            .unwrap();
        MockApp {
            _app: app,
            webview,
            _dir: dir,
        }
    }

    /// Closes the app and opens it again on the same data folder.
    pub fn restart(self) -> MockApp {
        let MockApp {
            _app,
            webview,
            _dir,
        } = self;
        drop(webview);
        drop(_app);
        MockApp::on(_dir)
    }

    pub fn data_dir(&self) -> &std::path::Path {
        self._dir.path()
    }

    /// Calls a command as `invoke(cmd, args)` in the web view would; `Err` is the rejection.
    pub fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        self.invoke_from("tauri://localhost", cmd, args)
    }

    /// As `invoke`, from a page at `url` (the capability allows only the app's own pages).
    pub fn invoke_from(&self, url: &str, cmd: &str, args: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: url.parse().unwrap(),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.webview, request).map(|body| body.deserialize::<Value>().unwrap())
    }
}

fn household() -> Value {
    json!({"household": {
        "person": {"personnummer": "121212-1212", "firstName": "Tolvan", "lastName": "Tolvansson", "phone": null},
        "signerRole": "vardnadshavare",
        "signer": {"personnummer": "198112189876", "firstName": "Anna", "lastName": "Förälder", "phone": "070-1234567"},
        "employment": "employer",
        "provider": null,
        "grantedHoursPerMonth": 300
    }})
}

#[test]
fn household_round_trip_in_camel_case() {
    let app = MockApp::new();
    assert_eq!(app.invoke("get_household", json!({})).unwrap(), Value::Null);
    let saved = app.invoke("save_household", household()).unwrap();
    // Ten digits: the century is the latest that puts the birth date in the past (a child here).
    assert_eq!(saved["person"]["personnummer"], "201212121212");
    assert_eq!(saved["signerRole"], "vardnadshavare");
    assert_eq!(saved["scenario"], "E");
    assert_eq!(saved["grantedHoursPerMonth"], 300);
    assert_eq!(app.invoke("get_household", json!({})).unwrap(), saved);
}

#[test]
fn errors_cross_as_code_message_field() {
    let app = MockApp::new();
    let mut bad = household();
    bad["household"]["person"]["personnummer"] = json!("191212121213");
    let error = app.invoke("save_household", bad).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["field"], "person.personnummer");
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("kontrollsiffra"),
        "{error}"
    );
    // The text for the window's language: the catalogue's key and its parameters.
    assert_eq!(error["key"], "id.personnummer_check_digit");
    assert_eq!(error["params"], json!({}));
    let mut name = household();
    name["household"]["person"]["firstName"] = json!("");
    let error = app.invoke("save_household", name).unwrap_err();
    assert_eq!(error["key"], "household.name_missing", "{error}");
    assert_eq!(
        error["params"]["who"],
        json!({"type": "key", "value": "who.person_owner"})
    );
    assert_eq!(
        error["message"],
        "Fyll i den assistansberättigades förnamn."
    );
    assert!(
        !error.to_string().contains("191212121213"),
        "no personnummer in errors: {error}"
    );

    let mut role = household();
    role["household"]["signerRole"] = json!("mamma");
    assert_eq!(
        app.invoke("save_household", role).unwrap_err()["field"],
        "signerRole"
    );

    let missing = app
        .invoke("delete_assistant", json!({"id": 42}))
        .unwrap_err();
    assert_eq!(missing["code"], "not_found");
}

#[test]
fn month_through_the_commands() {
    let app = MockApp::new();
    app.invoke("save_household", household()).unwrap();
    let assistant = app
        .invoke(
            "save_assistant",
            json!({"assistant": {"id": null, "personnummer": "197010632391", "firstName": "Åke", "lastName": "Östlund",
                                 "phone": null, "employedByPerson": true, "collectiveAgreement": false}}),
        )
        .unwrap();
    assert_eq!(assistant["idKind"], "samordningsnummer");
    let id = assistant["id"].clone();
    let shift = json!({"shift": {"id": null, "assistantId": id, "start": "2026-10-24T22:00", "end": "2026-10-25T07:00",
                                 "kind": "aktiv", "note": null}});
    let saved = app.invoke("save_shift", shift).unwrap();
    assert_eq!(saved["end"], "2026-10-25T07:00");
    let sheet = app
        .invoke("get_month", json!({"month": "2026-10"}))
        .unwrap();
    assert_eq!(sheet["dueDate"], "2026-12-05");
    assert_eq!(
        sheet["totals"]["aktiv"], 600,
        "22–07 over the autumn change is 10 hours: {sheet}"
    );
    let rows = &sheet["assistants"][0]["rows"];
    assert_eq!(rows[0]["to"], "24:00");
    assert_eq!(rows[1]["minutes"], 480);

    let bad = json!({"shift": {"id": null, "assistantId": id, "start": "24 okt", "end": "2026-10-25T07:00", "kind": "aktiv", "note": null}});
    assert_eq!(app.invoke("save_shift", bad).unwrap_err()["field"], "start");
    let month = app
        .invoke("get_month", json!({"month": "oktober"}))
        .unwrap_err();
    assert_eq!(month["field"], "month");

    app.invoke("delete_shift", json!({"id": saved["id"]}))
        .unwrap();
    assert_eq!(
        app.invoke("get_month", json!({"month": "2026-10"}))
            .unwrap()["totals"]["aktiv"],
        0
    );
    app.invoke("undo_delete_shift", json!({"id": saved["id"]}))
        .unwrap();
    assert_eq!(
        app.invoke("get_month", json!({"month": "2026-10"}))
            .unwrap()["totals"]["aktiv"],
        600
    );
}

#[test]
fn save_day_writes_a_day_in_one_call_and_returns_the_month() {
    let app = MockApp::new();
    app.invoke("save_household", household()).unwrap();
    let assistant = app
        .invoke(
            "save_assistant",
            json!({"assistant": {"id": null, "personnummer": "197010632391", "firstName": "Åke", "lastName": "Östlund",
                                 "phone": null, "employedByPerson": true, "collectiveAgreement": false}}),
        )
        .unwrap();
    let id = assistant["id"].clone();
    let day = |text: &str, kind: &str| json!({"day": {"assistantId": id, "date": "2026-10-05", "text": text, "defaultKind": kind}});
    let sheet = app
        .invoke("save_day", day("8-16, 22-07 b", "aktiv"))
        .unwrap();
    assert_eq!(sheet["month"], "2026-10");
    let me = &sheet["assistants"][0];
    assert_eq!(
        me["dayTexts"],
        json!([{"date": "2026-10-05", "text": "8-16, 22-07 b", "exact": true}])
    );
    let shifts = me["shifts"].as_array().unwrap().clone();
    assert_eq!(shifts.len(), 2);
    assert_eq!(shifts[1]["end"], "2026-10-06T07:00");
    assert_eq!(
        sheet,
        app.invoke("get_month", json!({"month": "2026-10"}))
            .unwrap()
    );

    // An edit keeps the id of the shift it changes; the default kind applies without a letter.
    let sheet = app
        .invoke("save_day", day("8-17, 22-07 b", "vantetid"))
        .unwrap();
    let edited = sheet["assistants"][0]["shifts"].as_array().unwrap().clone();
    assert_eq!(edited[0]["id"], shifts[0]["id"]);
    assert_eq!(edited[0]["kind"], "vantetid");
    assert_eq!(edited[1], shifts[1]);

    // Unreadable text names the piece and writes nothing.
    let refused = app
        .invoke("save_day", day("8-17, 25-07", "aktiv"))
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert_eq!(refused["field"], "text");
    assert!(
        refused["message"].as_str().unwrap().contains("\"25\""),
        "{refused}"
    );
    let refused = app.invoke("save_day", day("8-17", "natt")).unwrap_err();
    assert_eq!(refused["field"], "defaultKind");
    assert_eq!(
        app.invoke("get_month", json!({"month": "2026-10"}))
            .unwrap()["assistants"][0]["shifts"],
        json!(edited)
    );

    let sheet = app.invoke("save_day", day("", "aktiv")).unwrap();
    assert_eq!(sheet["assistants"][0]["shifts"], json!([]));
    assert_eq!(sheet["assistants"][0]["dayTexts"], json!([]));
}

#[test]
fn a_remote_page_may_call_nothing() {
    let app = MockApp::new();
    let refused = app
        .invoke_from("https://example.com", "get_household", json!({}))
        .unwrap_err();
    assert!(
        refused.as_str().unwrap().contains("not allowed"),
        "{refused}"
    );
}

#[test]
fn a_fresh_install_is_demo_with_a_sample_household_that_can_be_reset() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    assert_eq!(
        app.invoke("app_info", json!({})).unwrap()["environment"],
        "demo"
    );
    let household = app.invoke("get_household", json!({})).unwrap();
    assert_eq!(household["scenario"], "E");
    let assistants = app.invoke("list_assistants", json!({})).unwrap();
    assert_eq!(assistants.as_array().unwrap().len(), 3);

    // Change the demo, reset it: the sample is back.
    let id = assistants[0]["id"].clone();
    app.invoke("save_assistant", json!({"assistant": {"id": id, "personnummer": "198112189876", "firstName": "Ändrad",
        "lastName": "Namn", "phone": null, "employedByPerson": true, "collectiveAgreement": false}})).unwrap();
    app.invoke("reset_demo", json!({})).unwrap();
    let names: Vec<_> = app
        .invoke("list_assistants", json!({}))
        .unwrap()
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["firstName"].as_str().unwrap().to_owned())
        .collect();
    assert!(!names.contains(&"Ändrad".to_owned()), "{names:?}");

    // Production starts empty, and reset_demo refuses to run there.
    let info = app
        .invoke("set_environment", json!({"environment": "production"}))
        .unwrap();
    assert_eq!(info["environment"], "production");
    assert_eq!(app.invoke("get_household", json!({})).unwrap(), Value::Null);
    assert_eq!(
        app.invoke("reset_demo", json!({})).unwrap_err()["code"],
        "invalid_input"
    );
    assert_eq!(
        app.invoke("set_environment", json!({"environment": "mars"}))
            .unwrap_err()["field"],
        "environment"
    );
}

fn endpoints() -> Value {
    json!({
        "erakBaseUrl": "https://erak.test.example.se/api/",
        "erakSigningOrigin": "https://signera.test.example.se",
        "erakKeyHeader": "",
        "eltUrl": "https://elt.test.example.se/elt",
        "bankidBaseUrl": "https://appapi2.test.bankid.com/rp/v6.0",
        "supplierName": "Exempelleverantören AB",
        "supplierId": "LEV-1"
    })
}

/// A .p12 from a simulator's CA, and its passphrase.
fn p12(passphrase: &str) -> String {
    use base64::Engine;
    let dir = tempfile::tempdir().unwrap();
    let bytes = tauri::async_runtime::block_on(async {
        let sim = timbok_sim::Simulator::start(timbok_sim::SimConfig::new(dir.path()))
            .await
            .unwrap();
        let bytes = sim.issue_client_p12(passphrase).unwrap();
        sim.shutdown().await;
        bytes
    });
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn settings_of_fk_test_endpoints_and_credentials() {
    let app = MockApp::in_environment(Environment::FkTest);
    let settings = app.invoke("get_settings", json!({})).unwrap();
    assert_eq!(settings["environment"], "fk_test");
    assert_eq!(settings["endpoints"], Value::Null);
    assert_eq!(
        settings["credentials"],
        json!({"eltClientP12": false, "eltP12Passphrase": false, "erakKey": false,
               "bankidRpP12": false, "bankidRpPassphrase": false})
    );

    // Endpoints: normalised when saved, refused with the field named.
    let saved = app
        .invoke("save_endpoints", json!({"endpoints": endpoints()}))
        .unwrap();
    assert_eq!(saved["erakBaseUrl"], "https://erak.test.example.se/api");
    assert_eq!(saved["erakKeyHeader"], "X-Erak-Key");
    let mut plain = endpoints();
    plain["eltUrl"] = json!("http://elt.test.example.se/elt");
    let error = app
        .invoke("save_endpoints", json!({"endpoints": plain}))
        .unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert_eq!(error["field"], "eltUrl");
    assert_eq!(
        app.invoke("get_settings", json!({})).unwrap()["endpoints"],
        saved
    );

    // Credentials: the reply says which are saved, never what they are.
    let key = "hemlig-erak-nyckel-42";
    let presence = app
        .invoke(
            "store_credential",
            json!({"credential": "erak_key", "text": key}),
        )
        .unwrap();
    assert_eq!(presence["erakKey"], true);
    let file = p12("rätt-lösen");
    let presence = app
        .invoke(
            "store_credential",
            json!({"credential": "elt_client_p12", "base64": file}),
        )
        .unwrap();
    assert_eq!(presence["eltClientP12"], true);
    let wrong = app
        .invoke(
            "store_credential",
            json!({"credential": "elt_p12_passphrase", "text": "fel-lösen"}),
        )
        .unwrap_err();
    assert_eq!(wrong["code"], "invalid_input");
    assert_eq!(wrong["field"], "eltP12Passphrase");
    assert!(
        wrong["message"].as_str().unwrap().contains("öppnar inte"),
        "{wrong}"
    );
    app.invoke(
        "store_credential",
        json!({"credential": "elt_p12_passphrase", "text": "rätt-lösen"}),
    )
    .unwrap();
    let settings = app.invoke("get_settings", json!({})).unwrap();
    assert_eq!(settings["credentials"]["eltP12Passphrase"], true);
    let everything = settings.to_string();
    for secret in [key, "rätt-lösen", &file[..40]] {
        assert!(
            !everything.contains(secret),
            "no secret in replies: {everything}"
        );
    }
    let not_p12 = app
        .invoke(
            "store_credential",
            json!({"credential": "bankid_rp_p12", "base64": "aGVqIGhlag=="}),
        )
        .unwrap_err();
    assert_eq!(not_p12["field"], "bankidRpP12");
    assert_eq!(
        app.invoke(
            "store_credential",
            json!({"credential": "lösenord", "text": "x"})
        )
        .unwrap_err()["field"],
        "credential"
    );

    let presence = app
        .invoke("delete_credential", json!({"credential": "erak_key"}))
        .unwrap();
    assert_eq!(presence["erakKey"], false);
    assert_eq!(presence["eltClientP12"], true);
}

#[test]
fn the_connection_test_needs_saved_endpoints_outside_demo() {
    let app = MockApp::in_environment(Environment::Production);
    let error = app.invoke("test_connection", json!({})).unwrap_err();
    assert_eq!(error["code"], "invalid_input");
    assert!(
        error["message"].as_str().unwrap().contains("spara"),
        "{error}"
    );
}

#[test]
fn demo_tests_the_connection_against_the_simulator_inside_the_app() {
    let app = MockApp::in_environment(Environment::Demo);
    let settings = app.invoke("get_settings", json!({})).unwrap();
    assert_eq!(settings["environment"], "demo");
    assert_eq!(settings["endpoints"], Value::Null);
    assert_eq!(
        app.invoke(
            "store_credential",
            json!({"credential": "erak_key", "text": "k"})
        )
        .unwrap_err()["code"],
        "invalid_input"
    );
    assert_eq!(
        app.invoke("save_endpoints", json!({"endpoints": endpoints()}))
            .unwrap_err()["code"],
        "invalid_input"
    );

    // Started on demand, then kept: both runs pass for all three services.
    for _ in 0..2 {
        let checks = app.invoke("test_connection", json!({})).unwrap();
        let services: Vec<_> = checks
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                assert_eq!(c["ok"], true, "{c}");
                assert!(c["message"].is_string());
                c["service"].as_str().unwrap().to_owned()
            })
            .collect();
        assert_eq!(services, ["erak", "elt", "bankid"]);
    }
    // The simulator's data is in the demo folder; its credentials went nowhere else.
    let dir = app.data_dir();
    assert!(dir.join("demo/simulator/ca.pem").exists());
    assert!(!dir.join("fk-test").exists());
}

#[test]
fn a_remote_page_may_not_touch_settings() {
    let app = MockApp::in_environment(Environment::FkTest);
    for cmd in ["get_settings", "store_credential", "test_connection"] {
        let refused = app
            .invoke_from(
                "https://example.com",
                cmd,
                json!({"credential": "erak_key", "text": "k"}),
            )
            .unwrap_err();
        assert!(
            refused.as_str().unwrap().contains("not allowed"),
            "{cmd}: {refused}"
        );
    }
}

/// Last month (the demo's shifts are there), as "YYYY-MM".
fn last_month() -> String {
    use chrono::Datelike;
    let first = chrono::Local::now().date_naive().with_day(1).unwrap();
    first.pred_opt().unwrap().format("%Y-%m").to_string()
}

#[test]
fn time_reports_through_the_commands() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = last_month();
    let reports = app
        .invoke("get_time_reports", json!({"month": month}))
        .unwrap();
    assert_eq!(reports["monthEnded"], true);
    assert_eq!(reports["employerRole"], "vardnadshavare");
    let list = reports["reports"].as_array().unwrap();
    assert_eq!(list.len(), 3);
    assert!(list.iter().all(|r| r["status"] == "open"));
    let johan = list.iter().find(|r| r["idKind"] == "personnummer").unwrap();
    let paper = list
        .iter()
        .find(|r| r["idKind"] == "samordningsnummer")
        .unwrap();
    for key in [
        "assistantId",
        "assistantName",
        "reportId",
        "sha256",
        "totals",
        "rowCount",
        "blockingErrors",
        "lockedAt",
        "assistantSignedAt",
        "employerSignedAt",
        "txId",
        "sentAt",
        "attempts",
        "problem",
    ] {
        assert!(johan.get(key).is_some(), "{key} missing in {johan}");
    }

    let locked = app
        .invoke(
            "lock_report",
            json!({"month": month, "assistantId": johan["assistantId"]}),
        )
        .unwrap();
    let mine = locked["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["assistantId"] == johan["assistantId"])
        .unwrap()
        .clone();
    assert_eq!(mine["status"], "locked");
    assert_eq!(mine["sha256"].as_str().unwrap().len(), 64);

    // The month screen sees the lock.
    let sheet = app.invoke("get_month", json!({"month": month})).unwrap();
    let row = sheet["assistants"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["assistantId"] == johan["assistantId"])
        .unwrap()
        .clone();
    assert_eq!(row["reportStatus"], "locked");

    // Nothing signed: nothing to send; a samordningsnummer cannot sign with BankID.
    let refused = app
        .invoke("send_reports", json!({"month": month}))
        .unwrap_err();
    assert_eq!(refused["code"], "not_allowed", "{refused}");
    let refused = app
        .invoke(
            "start_signing",
            json!({"month": month, "assistantId": paper["assistantId"], "device": "other"}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "not_allowed", "{refused}");
    let refused = app
        .invoke(
            "start_signing",
            json!({"month": month, "assistantId": null, "device": "phone"}),
        )
        .unwrap_err();
    assert_eq!(refused["field"], "device", "{refused}");
    assert_eq!(
        app.invoke("signing_status", json!({"sessionId": "nope"}))
            .unwrap_err()["code"],
        "not_found"
    );

    let unlocked = app
        .invoke(
            "unlock_report",
            json!({"month": month, "assistantId": johan["assistantId"]}),
        )
        .unwrap();
    assert!(unlocked["reports"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "open"));
    assert_eq!(app.invoke("report_history", json!({})).unwrap(), json!([]));
}

#[test]
fn a_month_that_has_not_ended_cannot_be_locked() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = chrono::Local::now().format("%Y-%m").to_string();
    let refused = app
        .invoke("lock_report", json!({"month": month, "assistantId": 1}))
        .unwrap_err();
    assert_eq!(refused["code"], "not_allowed", "{refused}");
    assert!(refused["message"]
        .as_str()
        .unwrap()
        .contains("Månaden är inte slut"));
}

#[test]
fn invoice_answers_are_kept_as_typed_and_the_overview_lists_the_month() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = last_month();
    let state = app.invoke("get_invoice", json!({"month": month})).unwrap();
    assert_eq!(state["scenario"], "E");
    assert_eq!(state["status"], "draft");
    // No outcome reported by FK's page (only a waiting invoice can have one).
    assert_eq!(state["reported"], serde_json::Value::Null);
    assert_eq!(state["reportedAt"], serde_json::Value::Null);
    assert!(state.as_object().unwrap().contains_key("reported"));
    let questions: Vec<_> = state["questions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|q| q.as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        &questions[..3],
        ["lssActivity", "hospitalStay", "outsideEea"]
    );
    assert!(questions.contains(&"lastMonthOfPeriod".to_owned()));
    assert!(!questions.contains(&"previousPayment".to_owned()));
    // Pre-filled from the household: the guardian signs.
    assert_eq!(state["answers"]["signerRole"], "vardnadshavare");

    let mut answers = state["answers"].clone();
    answers["hospitalStay"] = json!(true);
    answers["hospitalStays"] = json!([{"from": "not a date", "to": ""}]);
    answers["costs"]["wages"] = json!("12 345,6");
    let saved = app
        .invoke(
            "save_invoice_answers",
            json!({"month": month, "answers": answers}),
        )
        .unwrap();
    assert_eq!(saved["answers"]["hospitalStays"][0]["from"], "not a date");
    assert_eq!(saved["answers"]["costs"]["wages"], "12 345,6");

    // After a restart the half-filled answers are there, as typed.
    let app = app.restart();
    let state = app.invoke("get_invoice", json!({"month": month})).unwrap();
    assert_eq!(state["answers"]["hospitalStays"][0]["from"], "not a date");
    let overview = app.invoke("get_overview", json!({})).unwrap();
    assert!(
        overview
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["month"] == month.as_str()),
        "{overview}"
    );
    assert_eq!(
        app.invoke("get_call_journal", json!({})).unwrap(),
        json!([])
    );
}

#[test]
fn the_invoices_hospital_stay_is_a_finding_of_the_month_on_the_shift_inside_it() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = last_month();
    let during = |sheet: &Value| -> Vec<Value> {
        sheet["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "during_hospital_stay")
            .cloned()
            .collect()
    };
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    assert_eq!(during(&sheet), Vec::<Value>::new());
    let shift = shifts_of(&app, &month)
        .into_iter()
        .find(|s| s["start"].as_str().unwrap().starts_with(&month))
        .expect("the demo has shifts last month");

    let mut answers = app
        .invoke("get_invoice", json!({ "month": month }))
        .unwrap()["answers"]
        .clone();
    answers["hospitalStay"] = json!(true);
    answers["hospitalStays"] = json!([{"from": shift["start"], "to": shift["end"]}]);
    app.invoke(
        "save_invoice_answers",
        json!({"month": month, "answers": answers}),
    )
    .unwrap();
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    let found = during(&sheet);
    assert_eq!(found.len(), 1, "{sheet}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["shiftId"], shift["id"]);
    assert_eq!(found[0]["assistantId"], shift["assistantId"]);
    assert_eq!(found[0]["date"], shift["start"].as_str().unwrap()[..10]);
}

#[test]
fn the_invoices_lss_activity_answer_is_one_warning_of_the_month() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = last_month();
    let lss = |sheet: &Value| -> Vec<Value> {
        sheet["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "lss_activity")
            .cloned()
            .collect()
    };
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    assert_eq!(lss(&sheet), Vec::<Value>::new());

    let mut answers = app
        .invoke("get_invoice", json!({ "month": month }))
        .unwrap()["answers"]
        .clone();
    answers["lssActivity"] = json!(true);
    answers["lssKinds"] = json!(["skola"]);
    app.invoke(
        "save_invoice_answers",
        json!({"month": month, "answers": answers}),
    )
    .unwrap();
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    let found = lss(&sheet);
    assert_eq!(found.len(), 1, "{sheet}");
    assert_eq!(found[0]["severity"], "warning");
    assert_eq!(found[0]["key"], "finding.lss_activity");
    assert_eq!(found[0]["params"], json!({}));
    assert_eq!(
        (
            &found[0]["assistantId"],
            &found[0]["shiftId"],
            &found[0]["date"]
        ),
        (&Value::Null, &Value::Null, &Value::Null)
    );
    // Not per row: no finding of a shift says it.
    assert!(sheet["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["code"] != "during_activity"));

    answers["lssActivity"] = json!(false);
    app.invoke(
        "save_invoice_answers",
        json!({"month": month, "answers": answers}),
    )
    .unwrap();
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    assert_eq!(lss(&sheet), Vec::<Value>::new());
}

#[test]
fn without_an_elt_certificate_sending_names_it_and_the_invoice_still_has_its_service() {
    let app = MockApp::in_environment(Environment::FkTest);
    app.invoke("save_endpoints", json!({"endpoints": endpoints()}))
        .unwrap();
    // No key either: the invoice names the E-RÄK key, sending names the ELT certificate.
    let refused = app
        .invoke("submit_invoice", json!({"month": "2025-10"}))
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("E-RÄK"),
        "{refused}"
    );
    app.invoke(
        "store_credential",
        json!({"credential": "erak_key", "text": "nyckel-123", "base64": null}),
    )
    .unwrap();
    let refused = app
        .invoke("send_reports", json!({"month": "2025-10"}))
        .unwrap_err();
    assert_eq!(refused["code"], "invalid_input", "{refused}");
    assert!(
        refused["message"].as_str().unwrap().contains("ELT"),
        "{refused}"
    );
    // With the key saved, the invoice gets past the services to its own checks (no household
    // in this environment yet), so the services were built anew with the new key.
    let refused = app
        .invoke("submit_invoice", json!({"month": "2025-10"}))
        .unwrap_err();
    assert!(
        !refused["message"]
            .as_str()
            .unwrap()
            .contains("Nyckeln till E-RÄK"),
        "{refused}"
    );
}

#[path = "support/fk_files.rs"]
mod fk_files;

#[test]
fn blankett_3059_is_asked_for_then_checked_and_kept() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let month = last_month();
    let reports = app
        .invoke("get_time_reports", json!({"month": month}))
        .unwrap();
    let paper = reports["reports"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["idKind"] == "samordningsnummer")
        .unwrap()
        .clone();
    // No blankett yet: the UI is told to ask for FK's file; the report stays open.
    let missing = app
        .invoke(
            "open_paper_report",
            json!({"month": month, "assistantId": paper["assistantId"]}),
        )
        .unwrap_err();
    assert_eq!(missing["code"], "blankett_missing", "{missing}");
    assert!(missing["message"]
        .as_str()
        .unwrap()
        .contains("forsakringskassan.se"));
    // A file that is not FK 3059 (016 F 003): refused, nothing kept.
    let refused = app
        .invoke(
            "store_blankett_3059",
            json!({"bytes": b"%PDF-1.7 not the form".to_vec()}),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "blankett_unknown", "{refused}");
    assert!(!app
        .data_dir()
        .join("blanketter")
        .join("FK3059_016_F_003.pdf")
        .exists());
    let Some(form) = fk_files::blankett_3059() else {
        return;
    };
    let bytes = std::fs::read(form).unwrap();
    assert_eq!(
        app.invoke("store_blankett_3059", json!({ "bytes": bytes }))
            .unwrap(),
        Value::Null
    );
    assert_eq!(
        std::fs::read(app.data_dir().join("blanketter/FK3059_016_F_003.pdf")).unwrap(),
        bytes
    );
    let after = app
        .invoke("get_time_reports", json!({"month": month}))
        .unwrap();
    assert!(after["reports"]
        .as_array()
        .unwrap()
        .iter()
        .all(|r| r["status"] == "open"));
}

// ---- Backup, restore, export, drafts (docs/ipc.md) ----

fn shifts_of(app: &MockApp, month: &str) -> Vec<Value> {
    let sheet = app.invoke("get_month", json!({ "month": month })).unwrap();
    sheet["assistants"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["shifts"].as_array().unwrap().clone())
        .collect()
}

#[test]
fn backup_preview_and_restore_through_the_commands() {
    use base64::Engine;
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let passphrase = "korrekt häst batteri";

    let short = app
        .invoke(
            "create_backup",
            json!({"passphrase": "kort", "passphraseAgain": "kort"}),
        )
        .unwrap_err();
    assert_eq!(short["code"], "backup_passphrase_too_short");
    assert_eq!(short["field"], "passphrase");
    let differ = app
        .invoke(
            "create_backup",
            json!({"passphrase": passphrase, "passphraseAgain": "korrekt häst"}),
        )
        .unwrap_err();
    assert_eq!(differ["code"], "backup_passphrases_differ");
    assert_eq!(differ["field"], "passphraseAgain");

    let saved = app
        .invoke(
            "create_backup",
            json!({"passphrase": passphrase, "passphraseAgain": passphrase}),
        )
        .unwrap();
    let path = std::path::PathBuf::from(saved["path"].as_str().unwrap());
    assert!(
        path.starts_with(app.data_dir().join("documents")),
        "{path:?}"
    );
    let contents = &saved["contents"];
    assert_eq!(contents["environment"], "demo");
    assert_eq!(contents["personName"], "Elsa Demosson");
    assert_eq!(contents["assistants"], 3);
    assert_eq!(
        contents.as_object().unwrap().keys().collect::<Vec<_>>(),
        [
            "assistants",
            "createdAt",
            "environment",
            "invoices",
            "personName",
            "shifts",
            "timeReports"
        ]
    );

    // Change something: delete a shift of last month.
    let month = last_month();
    let before = shifts_of(&app, &month);
    app.invoke("delete_shift", json!({"id": before[0]["id"]}))
        .unwrap();
    assert_eq!(shifts_of(&app, &month).len(), before.len() - 1);

    let base64 = base64::engine::general_purpose::STANDARD.encode(std::fs::read(&path).unwrap());
    let wrong = app
        .invoke(
            "preview_backup",
            json!({"base64": base64, "passphrase": "fel lösenord igen"}),
        )
        .unwrap_err();
    assert_eq!(wrong["code"], "backup_wrong_passphrase");
    assert_eq!(wrong["field"], "passphrase");
    assert_eq!(
        app.invoke(
            "preview_backup",
            json!({"base64": "inte base64!", "passphrase": passphrase})
        )
        .unwrap_err()["field"],
        "file"
    );
    let damaged = base64::engine::general_purpose::STANDARD.encode(b"age-encryption.org/v1\nnej");
    assert_eq!(
        app.invoke(
            "preview_backup",
            json!({"base64": damaged, "passphrase": passphrase})
        )
        .unwrap_err()["code"],
        "backup_damaged"
    );
    let preview = app
        .invoke(
            "preview_backup",
            json!({"base64": base64, "passphrase": passphrase}),
        )
        .unwrap();
    assert_eq!(&preview, contents);
    assert_eq!(shifts_of(&app, &month).len(), before.len() - 1);

    // The services run (the outbox's sender with them): the restore stops them first.
    app.invoke("export_support_report", json!({"fingerprint": null}))
        .unwrap();
    let done = app
        .invoke(
            "restore_backup",
            json!({"base64": base64, "passphrase": passphrase}),
        )
        .unwrap();
    assert_eq!(&done["contents"], contents);
    assert_eq!(shifts_of(&app, &month), before, "the deleted shift is back");
    let previous = done["previousBackup"].as_str().unwrap();
    assert!(std::path::Path::new(previous).exists());

    // The replaced data is an automatic backup, which can be previewed and restored.
    let automatic = app.invoke("list_automatic_backups", json!({})).unwrap();
    assert_eq!(automatic.as_array().unwrap().len(), 1, "{automatic}");
    assert_eq!(automatic[0]["kind"], "before_restore");
    assert!(previous.ends_with(automatic[0]["name"].as_str().unwrap()));
    let name = automatic[0]["name"].clone();
    let older = app
        .invoke("preview_automatic_backup", json!({ "name": name }))
        .unwrap();
    assert_eq!(older["shifts"], contents["shifts"].as_u64().unwrap() - 1);
    app.invoke("restore_automatic_backup", json!({ "name": name }))
        .unwrap();
    assert_eq!(shifts_of(&app, &month).len(), before.len() - 1);
    let unknown = app
        .invoke(
            "restore_automatic_backup",
            json!({"name": "../environment"}),
        )
        .unwrap_err();
    assert_eq!(unknown["code"], "invalid_input");
    assert_eq!(unknown["field"], "name");
}

#[test]
fn export_writes_the_household_as_import_json_in_the_documents_folder() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let path = app.invoke("export_household", json!({})).unwrap();
    let path = std::path::PathBuf::from(path.as_str().unwrap());
    assert!(path.starts_with(app.data_dir().join("documents")));
    let json: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert_eq!(json["person"]["first_name"], "Elsa");
}

#[test]
fn drafts_through_the_commands() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    let assistant = app.invoke("list_assistants", json!({})).unwrap()[0]["id"].clone();
    let draft = json!({"month": "2026-10", "assistantId": assistant, "date": "2026-10-12", "text": "8-25 Anna"});
    assert_eq!(
        app.invoke("save_draft", json!({ "draft": draft })).unwrap(),
        Value::Null
    );
    assert_eq!(
        app.invoke("get_drafts", json!({"month": "2026-10"}))
            .unwrap(),
        json!([draft])
    );
    assert_eq!(
        app.invoke("get_drafts", json!({"month": "2026-11"}))
            .unwrap(),
        json!([])
    );

    let outside = json!({"draft": {"month": "2026-10", "assistantId": assistant, "date": "2026-11-01", "text": "8-16"}});
    let error = app.invoke("save_draft", outside).unwrap_err();
    assert_eq!(
        (error["code"].as_str(), error["field"].as_str()),
        (Some("invalid_input"), Some("date"))
    );
    let unknown = json!({"draft": {"month": "2026-10", "assistantId": 999, "date": "2026-10-12", "text": "8-16"}});
    assert_eq!(
        app.invoke("save_draft", unknown).unwrap_err()["code"],
        "not_found"
    );

    app.invoke(
        "remove_draft",
        json!({"month": "2026-10", "assistantId": assistant, "date": "2026-10-12"}),
    )
    .unwrap();
    assert_eq!(
        app.invoke("get_drafts", json!({"month": "2026-10"}))
            .unwrap(),
        json!([])
    );
    assert_eq!(
        app.invoke(
            "remove_draft",
            json!({"month": "2026-10", "assistantId": assistant, "date": "12 okt"})
        )
        .unwrap_err()["field"],
        "date"
    );
}

#[test]
fn a_remote_page_may_not_back_up_restore_or_read_drafts() {
    let app = MockApp::on(tempfile::tempdir().unwrap());
    for (cmd, args) in [
        (
            "create_backup",
            json!({"passphrase": "korrekt häst batteri", "passphraseAgain": "korrekt häst batteri"}),
        ),
        ("list_automatic_backups", json!({})),
        ("export_household", json!({})),
        ("get_drafts", json!({"month": "2026-10"})),
    ] {
        let refused = app
            .invoke_from("https://example.com", cmd, args)
            .unwrap_err();
        assert!(
            refused.as_str().unwrap().contains("not allowed"),
            "{cmd}: {refused}"
        );
    }
    assert!(!app.data_dir().join("documents").exists());
}

#[test]
fn the_daily_backup_at_start_is_made_once_a_day_outside_demo_and_listed() {
    use tauri::Manager;
    let app = MockApp::in_environment(Environment::FkTest);
    app.invoke("save_household", household()).unwrap();
    let state = app.webview.state::<timbok_app::state::AppState>();
    state.daily_backup();
    state.daily_backup();
    let listed = app.invoke("list_automatic_backups", json!({})).unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "once a day: {listed}");
    assert_eq!(listed[0]["kind"], "daily");
    let name = listed[0]["name"].as_str().unwrap();
    assert!(name.starts_with("fk_test-"), "{name}");
    let contents = app
        .invoke("preview_automatic_backup", json!({ "name": name }))
        .unwrap();
    assert_eq!(contents["personName"], "Tolvan Tolvansson");

    // Demo: sample data, no daily backup.
    let demo = MockApp::on(tempfile::tempdir().unwrap());
    demo.webview
        .state::<timbok_app::state::AppState>()
        .daily_backup();
    assert_eq!(
        demo.invoke("list_automatic_backups", json!({})).unwrap(),
        json!([])
    );
}

#[test]
fn a_daily_backup_that_fails_stops_nothing() {
    use tauri::Manager;
    // The automatic backups' folder cannot be made (a file is in its way): logged, nothing else.
    let dir = tempfile::tempdir().unwrap();
    timbok_core::Installation::new(dir.path())
        .set_environment(Environment::FkTest)
        .unwrap();
    std::fs::write(dir.path().join("backups"), b"in the way").unwrap();
    let app = MockApp::on(dir);
    app.invoke("save_household", household()).unwrap();
    app.webview
        .state::<timbok_app::state::AppState>()
        .daily_backup();
    assert_eq!(
        app.invoke("get_household", json!({})).unwrap()["scenario"],
        "E"
    );
}
