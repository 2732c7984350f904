//! Opening the database of a household with ten years of history (about 29 000 shifts):
//! the first open of a plain file, which migrates it to an encrypted one (export, verify, sync,
//! rename), and a normal open of the encrypted file (key from the process's keys, schema
//! checks, WAL). `cargo bench -p timbok-core --bench open`; figures in docs/performance.md.

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use timbok_core::{testdata, Store};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    // The database key in memory: a benchmark needs no OS keyring.
    timbok_core::store::DatabaseKeys::use_for_process(std::sync::Arc::new(
        timbok_core::credentials::MemoryKeyring::default(),
    ));
    let until = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let plain = dir.path().join("plain.sqlite3");
    let count = testdata::plain_database_with_history(&plain, until, 10);
    assert!(count > 29_000, "{count} shifts");
    let bytes = std::fs::metadata(&plain).unwrap().len();
    eprintln!("plain database: {count} shifts, {bytes} bytes");

    let mut group = c.benchmark_group("open");
    group.sample_size(10);
    let mut n = 0;
    group.bench_function("first open: migrate a plain 10-year database", |b| {
        b.iter_batched(
            || {
                n += 1;
                let copy = dir.path().join(format!("migrate-{n}.sqlite3"));
                std::fs::copy(&plain, &copy).unwrap();
                copy
            },
            |copy| {
                drop(Store::open(&copy).unwrap());
                std::fs::remove_file(&copy).unwrap();
            },
            BatchSize::PerIteration,
        )
    });
    let encrypted = dir.path().join("encrypted.sqlite3");
    std::fs::copy(&plain, &encrypted).unwrap();
    drop(Store::open(&encrypted).unwrap());
    group.bench_function("normal open of the encrypted 10-year database", |b| {
        b.iter(|| drop(Store::open(&encrypted).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
