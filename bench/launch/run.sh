#!/usr/bin/env bash
# The launch benchmark under Xvfb with a D-Bus session and an unlocked gnome-keyring (as CI runs
# the keyring tests). Arguments go to bench.py, e.g. `bench/launch/run.sh -n 10`.
#
# The keyring is the run's own: gnome-keyring keeps its keyrings in $XDG_DATA_HOME/keyrings, by
# default the user's ~/.local/share/keyrings, a file every other dbus-run-session of the same
# user (the keyring tests running beside the benchmark) rewrites too. With a private, fresh
# folder each run starts from the same empty keyring and no one else writes it.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
runtime="$(mktemp -d /tmp/launch-bench-xdg-XXXXXX)"
chmod 700 "$runtime"
trap 'rm -rf "$runtime"' EXIT
export XDG_RUNTIME_DIR="$runtime"
export XDG_DATA_HOME="$runtime/data"
mkdir -p "$XDG_DATA_HOME"
dbus-run-session -- bash -c '
  printf timbok | gnome-keyring-daemon --unlock --components=secrets >/dev/null
  exec xvfb-run -a -s "-screen 0 1280x900x24" python3 "$0" "$@"' "$here/bench.py" "$@"
