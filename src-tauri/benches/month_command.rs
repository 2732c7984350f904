//! Opening the month screen's data through the real Tauri command (`get_month`, mock runtime,
//! JSON in and out) for a household with ten years of history (~29 000 shifts, 4 assistants):
//! `cargo bench -p timbok --bench month_command`. Target: under 5 ms (docs/performance.md).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use serde_json::json;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::InvokeRequest;

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // The database key in memory: a benchmark needs no OS keyring.
    timbok_core::store::DatabaseKeys::use_for_process(std::sync::Arc::new(
        timbok_core::credentials::MemoryKeyring::default(),
    ));
    timbok_core::Installation::new(dir.path())
        .set_environment(timbok_core::settings::Environment::Production)
        .unwrap();
    {
        let mut store =
            timbok_core::Store::open(&dir.path().join(timbok_core::DATABASE_FILE_NAME)).unwrap();
        let until = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        timbok_core::testdata::household_with_history(&mut store, until, 10);
    }
    let app = mock_builder()
        .manage(timbok_app::state::AppState::open(dir.path()))
        .invoke_handler(timbok_app::invoke_handler())
        .build(mock_context(noop_assets()))
        .unwrap();
    let webview = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let request = || InvokeRequest {
        cmd: "get_month".into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(json!({"month": "2026-10"})),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    };
    let first = get_ipc_response(&webview, request()).expect("get_month answers");
    assert!(
        first.deserialize::<serde_json::Value>().unwrap()["totals"]["aktiv"]
            .as_u64()
            .unwrap()
            > 0
    );
    c.bench_function(
        "get_month through the Tauri command (10 years of history)",
        |b| b.iter(|| get_ipc_response(&webview, request()).unwrap()),
    );
}

criterion_group!(benches, bench);
criterion_main!(benches);
