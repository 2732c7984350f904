#!/usr/bin/env bash
# The launch benchmark under Xvfb with a D-Bus session and an unlocked gnome-keyring (as CI runs
# the keyring tests). Arguments go to bench.py, e.g. `bench/launch/run.sh -n 10`.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runtime="$(mktemp -d /tmp/launch-bench-xdg-XXXXXX)"
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
exec dbus-run-session -- bash -c '
  printf timbok | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x900x24" python3 "$0" "$@"' "$here/bench.py" "$@"
