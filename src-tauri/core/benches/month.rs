//! The month screen's computation for a household with ten years of history (about 30 000
//! shifts, 4 assistants): `cargo bench -p timbok-core --bench month`. Target: under 5 ms for
//! the month (docs/performance.md records the figures).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use timbok_core::hours::{self, check_month, AssistantFacts, MonthContext, YearMonth};
use timbok_core::{testdata, Clock, Store, Timbok};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // The database key in memory: a benchmark needs no OS keyring.
    timbok_core::store::DatabaseKeys::use_for_process(std::sync::Arc::new(
        timbok_core::credentials::MemoryKeyring::default(),
    ));
    let path = dir.path().join("bench.sqlite3");
    let until = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let mut store = Store::open(&path).unwrap();
    let count = testdata::household_with_history(&mut store, until, 10);
    assert!(count > 29_000, "{count} shifts");
    let month = YearMonth::parse("2026-10").unwrap();
    let now = until.and_hms_opt(12, 0, 0).unwrap();

    // Pure computation: rows, totals and findings from shifts already in memory.
    let periods = timbok_core::household::CalculationPeriods::default();
    let (from, to) = hours::working_time_window(month, [periods]);
    let loaded = store
        .shifts_overlapping(
            from.and_hms_opt(0, 0, 0).unwrap(),
            to.and_hms_opt(0, 0, 0).unwrap(),
        )
        .unwrap();
    let mut context = MonthContext::new(month);
    context.assistants = store
        .assistants()
        .unwrap()
        .iter()
        .map(|a| AssistantFacts {
            id: a.id,
            employed_by_person: true,
            id_valid: true,
            calculation_periods: periods,
        })
        .collect();
    context.shifts = loaded
        .iter()
        .filter(|s| s.start < month.end() && s.end > month.start())
        .cloned()
        .collect();
    context.history = loaded;
    c.bench_function("month: rows + totals + findings (in memory)", |b| {
        b.iter(|| {
            let totals = hours::month_totals(&context.shifts, month);
            let findings = check_month(&context, until);
            (totals, findings)
        })
    });

    // What the month screen asks for: read from SQLite and compute everything.
    let timbok = Timbok::with_store(
        store,
        Clock::Fixed(now),
        timbok_core::settings::Environment::Demo,
    );
    c.bench_function("month: month_sheet from the database", |b| {
        b.iter(|| timbok.month_sheet(month).unwrap())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
