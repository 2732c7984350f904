//! `ui/src/backend/ipc.gen.ts` is what `timbok_app::ipc::typescript()` generates from the Rust
//! wire types. `TIMBOK_WRITE_IPC_TYPES=1 cargo test -p timbok --test integration typescript::`
//! rewrites it after a wire type changed.

use std::path::Path;

#[test]
fn the_checked_in_ipc_types_are_the_generated_ones() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("ui/src/backend/ipc.gen.ts");
    let generated = timbok_app::ipc::typescript();
    if std::env::var_os("TIMBOK_WRITE_IPC_TYPES").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let checked_in = std::fs::read_to_string(&path).unwrap_or_default();
    if checked_in != generated {
        let first = checked_in
            .lines()
            .zip(generated.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(checked_in.lines().count().min(generated.lines().count()));
        panic!(
            "ui/src/backend/ipc.gen.ts is not what the Rust wire types generate (first difference \
             at line {}: {:?}); run `TIMBOK_WRITE_IPC_TYPES=1 cargo test -p timbok --test \
             integration typescript::` and commit the file",
            first + 1,
            generated.lines().nth(first)
        );
    }
}

#[test]
fn the_generated_types_follow_the_serde_names() {
    let generated = timbok_app::ipc::typescript();
    // camelCase fields, renamed wire types, numbers for ids, unions by name, tagged enums.
    for expected in [
        "export type Shift = { id: number, assistantId: number,",
        "kind: Kind,",
        "export type Draft = {",
        "export type ScheduleDay = {",
        "export type CopyInput = { \"kind\": \"day\",",
        "reportStatus: ReportStatus,",
    ] {
        assert!(
            generated.contains(expected),
            "{expected:?} in:\n{generated}"
        );
    }
    assert!(!generated.contains("bigint"), "{generated}");
    assert!(!generated.contains("Wire"), "{generated}");
}
