#!/usr/bin/env python3
"""Launch and idle memory of Timbok against a bare Tauri 2 hello-world, side by side.

Run it through run.sh (Xvfb, a D-Bus session and an unlocked gnome-keyring). For each of N
rounds it launches both apps, one after the other (the order alternates each round), each on a
fresh data folder and fresh XDG folders, and measures:

- launch: from just before the process is spawned until the page reports its first painted,
  usable screen. Both pages set `document.title` in the second animation frame after their
  content is in the DOM (Timbok: after the Vue app with its first screen is mounted,
  ui/src/main.ts); the app's title handler writes the wall-clock time to $TIMBOK_READY_FILE
  (src-tauri/window.rs, hello/src/main.rs).
- idle memory: the PSS (/proc/PID/smaps_rollup) summed over the app's process and every process
  below it (WebKitWebProcess, WebKitNetworkProcess), at 3 s and at 30 s after that moment.

It prints the medians of both apps and their ratios (Timbok / hello-world), with the machine's
load average beside each launch. A launch that does not report its paint within the timeout (or
exits first) is a failure: its last log lines are printed, and the script ends with status 1
after the summary, so a run with failures can never pass for a clean one.
"""
import argparse
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent


def target_dir() -> Path:
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def build(args) -> tuple[Path, Path]:
    timbok = Path(args.timbok) if args.timbok else target_dir() / "release" / "timbok"
    hello_target = target_dir() / "bench-hello"
    hello = hello_target / "release" / "hello-tauri"
    if not args.no_build:
        # The same tauri version as the app: the repository's lock file (cargo drops what the
        # hello-world does not use and keeps every version).
        shutil.copy(ROOT / "Cargo.lock", HERE / "hello" / "Cargo.lock")
        subprocess.run(["cargo", "build", "--release", "--features", "custom-protocol"],
                       cwd=HERE / "hello", check=True,
                       env={**os.environ, "CARGO_TARGET_DIR": str(hello_target)})
        if not args.timbok:
            subprocess.run(["npm", "--prefix", "ui", "run", "build"], cwd=ROOT, check=True)
            # What `tauri build -- -p timbok` runs (test-all.mjs builds the .deb so), so either
            # build serves the other.
            subprocess.run(["cargo", "build", "--bins", "--features", "tauri/custom-protocol",
                            "--release", "-p", "timbok"], cwd=ROOT, check=True)
    for path in (timbok, hello):
        if not path.is_file():
            sys.exit(f"missing binary {path}: build it (run without --no-build)")
    return timbok, hello


def descendants(pid: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(parents.get(current, []))
    return found


def pss_kib(pid: int) -> tuple[str, int]:
    name = Path(f"/proc/{pid}/comm").read_text().strip()
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
        if line.startswith("Pss:"):
            return name, int(line.split()[1])
    return name, 0


def memory(pid: int) -> dict[str, int]:
    """PSS in KiB per process name (summed), over the app and its descendants."""
    each: dict[str, int] = {}
    for p in descendants(pid):
        try:
            name, kib = pss_kib(p)
        except OSError:
            continue
        each[name] = each.get(name, 0) + kib
    return each


class LaunchFailed(RuntimeError):
    """A launch that did not report its paint; `log` holds the app's last log lines."""

    def __init__(self, message: str, log: str):
        super().__init__(message)
        self.log = log


def tail(path: Path, lines: int = 15) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


def launch(binary: Path, idle: list[float], timeout: float) -> dict:
    scratch = Path(tempfile.mkdtemp(prefix="launch-bench-"))
    ready = scratch / "ready"
    log = scratch / "log"
    env = {
        **os.environ,
        "TIMBOK_READY_FILE": str(ready),
        # Keys go to the benchmark's own keyring entries, never the user's.
        "TIMBOK_KEYRING_SERVICE": "se.timbok.bench",
        "TIMBOK_DATA_DIR": str(scratch / "data"),
        "TIMBOK_DOCUMENTS_DIR": str(scratch / "documents"),
        "XDG_DATA_HOME": str(scratch / "xdg-data"),
        "XDG_CACHE_HOME": str(scratch / "xdg-cache"),
        "XDG_CONFIG_HOME": str(scratch / "xdg-config"),
    }
    log_file = log.open("wb")
    started = time.time_ns()
    process = subprocess.Popen([str(binary)], env=env, stdout=log_file,
                               stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                text = ready.read_text()
            except FileNotFoundError:
                text = ""
            # The app writes "<nanoseconds> timbok:painted\n"; a line without its end is still
            # being written.
            if text.endswith("\n"):
                break
            if process.poll() is not None:
                raise LaunchFailed(f"{binary.name} exited ({process.returncode}) before it painted",
                                   tail(log))
            if time.monotonic() > deadline:
                raise LaunchFailed(f"{binary.name} did not paint within {timeout:g} s", tail(log))
            time.sleep(0.002)
        painted = int(text.split()[0])
        result = {"launch_ms": (painted - started) / 1e6, "memory": {}}
        for seconds in idle:
            wait = painted / 1e9 + seconds - time.time()
            if wait > 0:
                time.sleep(wait)
            result["memory"][seconds] = memory(process.pid)
        return result
    finally:
        try:
            os.killpg(process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log_file.close()
        time.sleep(0.5)
        shutil.rmtree(scratch, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", "--runs", type=int, default=10, help="launches of each app (10)")
    parser.add_argument("--idle", default="3,30", help="seconds after the paint to read memory at")
    parser.add_argument("--no-build", action="store_true", help="use the binaries already built")
    parser.add_argument("--timbok", help="Timbok's binary (default: target/release/timbok, built)")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    idle = [float(s) for s in args.idle.split(",") if s]
    timbok, hello = build(args)
    apps = {"hello-world": hello, "timbok": timbok}
    results: dict[str, list[dict]] = {name: [] for name in apps}
    failures: dict[str, int] = {}
    print(f"timbok: {timbok} ({timbok.stat().st_size / 1e6:.1f} MB); "
          f"hello-world: {hello} ({hello.stat().st_size / 1e6:.1f} MB)", flush=True)
    loads = [os.getloadavg()[0]]
    print(f"load average at the start: {loads[0]:.2f} ({os.cpu_count()} cores)", flush=True)
    for run in range(args.runs):
        order = list(apps) if run % 2 == 0 else list(reversed(apps))
        for name in order:
            try:
                r = launch(apps[name], idle, args.timeout)
            except LaunchFailed as error:
                failures[name] = failures.get(name, 0) + 1
                print(f"run {run + 1:2} {name:11} FAILED: {error}; its last log lines:", flush=True)
                print("    " + (error.log or "(none)").replace("\n", "\n    "), flush=True)
                continue
            load = os.getloadavg()[0]
            loads.append(load)
            results[name].append(r)
            mem = ", ".join(f"{s:g} s {sum(r['memory'][s].values()) / 1024:.0f} MiB" for s in idle)
            print(f"run {run + 1:2} {name:11} launch {r['launch_ms']:6.0f} ms, PSS {mem} "
                  f"(load {load:.2f})", flush=True)

    def median(values):
        return statistics.median(values)

    if any(not results[n] for n in apps):
        sys.exit(f"FAILED: no successful launch of one of the apps (failed: {failures})")
    counted = ", ".join(f"{n} {len(results[n])}" for n in apps)
    print(f"\nmedians of the successful launches ({counted}; failed: {failures or 'none'}); "
          f"PSS: all processes of the app; load average (1 min) median {median(loads):.2f}, "
          f"max {max(loads):.2f} on {os.cpu_count()} cores")
    rows = [("launch → first painted window", "ms",
             {n: median([r["launch_ms"] for r in results[n]]) for n in apps})]
    for s in idle:
        rows.append((f"idle PSS after {s:g} s", "MiB",
                     {n: median([sum(r["memory"][s].values()) / 1024 for r in results[n]])
                      for n in apps}))
    print(f"| {'what':32} | {'hello-world':>11} | {'timbok':>9} | ratio |")
    print(f"|{'-' * 34}|{'-' * 13}|{'-' * 11}|-------|")
    for what, unit, v in rows:
        ratio = v["timbok"] / v["hello-world"]
        print(f"| {what:32} | {v['hello-world']:7.0f} {unit:3} | {v['timbok']:5.0f} {unit:3} | {ratio:.2f}× |")
    for s in idle:
        for n in apps:
            names = sorted({k for r in results[n] for k in r["memory"][s]})
            parts = ", ".join(
                f"{k} {median([r['memory'][s].get(k, 0) for r in results[n]]) / 1024:.0f}"
                for k in names)
            print(f"  {n} after {s:g} s (MiB, median per process): {parts}")
    if failures:
        sys.exit(f"FAILED: {sum(failures.values())} launches did not report their paint "
                 f"({failures}); the medians above leave them out")


if __name__ == "__main__":
    main()
