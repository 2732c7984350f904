#!/usr/bin/env bash
# Crash trials (issue 13): timbok-cli writes (import, add-shifts, lock, send-queued against the
# simulator) killed with SIGKILL at a random moment, the database reopened and checked, the
# write run again; fails on any loss, half-written write or report sent twice. The test is
# src-tauri/cli/tests/crash_trials.rs (CI runs it with its default of 12 trials).
#
#   tests/crash-trials.sh [TRIALS]        default 100
#   TIMBOK_CRASH_SEED=S tests/crash-trials.sh 100   repeats the series of seed S
#
# Unix only; on Linux the keyring needs dbus-run-session and gnome-keyring (started here). Prints the measured lengths, where the kills landed, any problem found, and the
# summary line `crash trials: N trials, L losses, D duplicates, seed S`.
set -euo pipefail
cd "$(dirname "$0")/.."
# The CLI finds each database's key in the OS keyring (a test service of its own). On Linux
# without a session bus, run under a D-Bus session with an unlocked gnome-keyring, as the test
# command does.
if [ "$(uname)" = Linux ] && [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ]; then
  export XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-$(mktemp -d)}"
  chmod 700 "$XDG_RUNTIME_DIR"
  exec dbus-run-session -- bash -c 'printf timbok | gnome-keyring-daemon --unlock --components=secrets >/dev/null; exec "$0" "$@"' "$0" "$@"
fi
export TIMBOK_CRASH_TRIALS="${1:-100}"
cargo build --quiet -p timbok-cli --bins --tests
started=$SECONDS
status=0
cargo test --quiet -p timbok-cli --test crash_trials -- --nocapture || status=$?
echo "wall time: $((SECONDS - started)) s (TIMBOK_CRASH_TRIALS=$TIMBOK_CRASH_TRIALS)"
exit "$status"
