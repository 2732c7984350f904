// Measures the built app on Linux under Xvfb (docs/performance.md):
//   - launch → first painted, usable window: from the WebDriver "new session" request (which
//     starts the app) until the navigation is in the DOM and laid out, over N runs;
//   - idle memory: after the window has been idle 3 s, the summed PSS (and RSS) of the app and
//     every process it started (WebKit's web and network processes).
// Usage (from the repository root, after `npm --prefix ui run build` and
// `cargo build --release --features custom-protocol`):
//   xvfb-run -a node ui/scripts/measure.mjs target/release/timbok [runs]
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { rootDir } from "./setup.mjs";

const binary = resolve(process.argv[2] ?? join(rootDir, "target/release/timbok"));
const runs = Number(process.argv[3] ?? 5);
const port = 4600 + Math.floor(Math.random() * 300);
const driverPath = join(rootDir, ".ci/tools/bin/tauri-driver");
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function wd(method, path, body) {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method, headers: { "content-type": "application/json" }, body: body ? JSON.stringify(body) : undefined,
  });
  return res.json();
}

function children(pid) {
  const out = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (ppid === pid) out.push(Number(entry), ...children(Number(entry)));
    } catch { /* gone */ }
  }
  return out;
}

function memoryKiB(pid) {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
  const field = (name) => Number(rollup.match(new RegExp(`^${name}:\\s+(\\d+)`, "m"))?.[1] ?? 0);
  return { pss: field("Pss"), rss: field("Rss") };
}

const driver = spawn(driverPath, ["--port", String(port), "--native-port", String(port + 1)], {
  env: { ...process.env, TIMBOK_DATA_DIR: mkdtempSync(join(tmpdir(), "timbok-measure-")) },
  stdio: "ignore",
});
try {
  for (let i = 0; i < 50; i++) { try { await wd("GET", "/status"); break; } catch { await sleep(100); } }
  const times = [];
  let memory = null;
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const session = await wd("POST", "/session", {
      capabilities: { alwaysMatch: { browserName: "wry", "tauri:options": { application: binary } } },
    });
    const id = session.value?.sessionId;
    if (!id) throw new Error(`no WebDriver session: ${JSON.stringify(session.value)}`);
    for (let tries = 0; ; tries++) {
      if (tries > 4000) {
        const shot = await wd("GET", `/session/${id}/screenshot`);
        if (shot.value) (await import("node:fs")).writeFileSync("/tmp/measure-failure.png", Buffer.from(shot.value, "base64"));
        throw new Error("the window never showed the navigation (screenshot: /tmp/measure-failure.png)");
      }
      const found = await wd("POST", `/session/${id}/element`, { using: "css selector", value: "[data-test=nav-household]" });
      if (found.value && !found.value.error) break;
      await sleep(5);
    }
    times.push(performance.now() - started);
    if (run === runs - 1) {
      await sleep(3000);
      const app = Number(execFileSync("pgrep", ["-n", "-f", binary]).toString().trim());
      const pids = [app, ...children(app)];
      const each = pids.map((pid) => ({ name: readFileSync(`/proc/${pid}/comm`, "utf8").trim(), ...memoryKiB(pid) }));
      memory = each.reduce((a, b) => ({ pss: a.pss + b.pss, rss: a.rss + b.rss }), { pss: 0, rss: 0 });
      memory.processes = pids.length;
      memory.each = each.map((p) => `${p.name} ${(p.pss / 1024).toFixed(1)} MiB`).join(", ");
    }
    await wd("DELETE", `/session/${id}`);
    await sleep(300);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  console.log(`launch to usable window: median ${median.toFixed(0)} ms, min ${times[0].toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms over ${runs} runs`);
  console.log(`idle memory: PSS ${(memory.pss / 1024).toFixed(1)} MiB, RSS ${(memory.rss / 1024).toFixed(1)} MiB in ${memory.processes} processes (PSS: ${memory.each})`);
} finally {
  driver.kill();
}
