#!/usr/bin/env bash
# Crash trials (issue 13): timbok-cli writes (import, add-shifts, lock, send-queued against the
# simulator) killed with SIGKILL at a random moment, the database reopened and checked, the
# write run again; fails on any loss, half-written write or report sent twice. The test is
# src-tauri/cli/tests/crash_trials.rs (CI runs it with its default of 12 trials).
#
#   tests/crash-trials.sh [TRIALS]        default 100
#   TIMBOK_CRASH_SEED=S tests/crash-trials.sh 100   repeats the series of seed S
#
# Unix only. Prints the measured lengths, where the kills landed, any problem found, and the
# summary line `crash trials: N trials, L losses, D duplicates, seed S`.
set -euo pipefail
cd "$(dirname "$0")/.."
export TIMBOK_CRASH_TRIALS="${1:-100}"
cargo build --quiet -p timbok-cli --bins --tests
started=$SECONDS
status=0
cargo test --quiet -p timbok-cli --test crash_trials -- --nocapture || status=$?
echo "wall time: $((SECONDS - started)) s (TIMBOK_CRASH_TRIALS=$TIMBOK_CRASH_TRIALS)"
exit "$status"
