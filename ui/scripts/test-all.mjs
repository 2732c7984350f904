// `npm --prefix ui run test:all`: every test of Timbok on this machine.
//   1. installs what is missing (Debian packages as root/sudo, npm packages, tauri-driver);
//   2. UI: type check and Vitest;
//   3. builds ui/dist (and on Linux the release .deb, which an end-to-end test installs), then `cargo test --workspace` with the app built for its own bundle
//      (custom-protocol), which also runs the real-window end-to-end tests under Xvfb with a
//      D-Bus session and an unlocked gnome-keyring (Linux);
//   4. prints the counts and a last line `tests: N passed, N failed`.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, statSync } from "node:fs";
import { tmpdir, platform } from "node:os";
import { join } from "node:path";
import {
  checkToolchain, ensureDebianPackages, ensureNpmPackages, fail, log, run, rootDir, uiDir,
  DEBIAN_APP, DEBIAN_TEST,
} from "./setup.mjs";

const linux = platform() === "linux";

/** Runs a command, streaming its output, and resolves with its exit code and output. */
function runCapture(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(" ")}`);
  return new Promise((resolvePromise) => {
    const child = spawn(cmd, args, { cwd: rootDir, shell: platform() === "win32", ...options });
    let output = "";
    const collect = (stream) => (chunk) => { output += chunk; stream.write(chunk); };
    child.stdout.on("data", collect(process.stdout));
    child.stderr.on("data", collect(process.stderr));
    child.on("error", (error) => fail(`${cmd} could not start: ${error.message}`));
    child.on("close", (code) => resolvePromise({ code, output }));
  });
}

function stripAnsi(text) {
  return text.replace(/\u001b\[[0-9;]*m/g, "");
}

checkToolchain();
ensureDebianPackages(linux ? [...DEBIAN_APP, ...DEBIAN_TEST] : []);
ensureNpmPackages();

const driverBin = join(rootDir, ".ci", "tools", "bin", "tauri-driver");
if (linux && !existsSync(driverBin)) {
  run("cargo", ["install", "tauri-driver@2.1.0", "--locked", "--root", join(rootDir, ".ci", "tools")]);
}

const counts = { vitest: [0, 0], cargo: [0, 0] };

// UI: types, unit and component tests.
run("npm", ["run", "typecheck"], { cwd: uiDir });
const vitest = await runCapture("npm", ["test", "--", "--reporter=default"], { cwd: uiDir });
{
  const text = stripAnsi(vitest.output);
  const m = text.match(/Tests\s+(?:(\d+) failed\s*\|\s*)?(\d+) passed/);
  counts.vitest = [m ? Number(m[2]) : 0, m && m[1] ? Number(m[1]) : 0];
  if (vitest.code !== 0 && counts.vitest[1] === 0) counts.vitest[1] = 1;
}

// The bundle the app serves, then every Rust test (unit, integration, end-to-end).
run("npm", ["run", "build"], { cwd: uiDir });
// Linux: the .deb as users get it (release build), which an end-to-end test unpacks and starts
// (tests/e2e/installed.rs). A failed build is left to that test to report.
if (linux) {
  const tauriCli = join(uiDir, "node_modules", ".bin", "tauri");
  // `-- -p timbok`: the app's binary only (cargo would otherwise build every workspace member's).
  const debArgs = ["build", "--bundles", "deb", "--", "-p", "timbok"];
  log(`$ ${tauriCli} ${debArgs.join(" ")}`);
  const deb = spawnSync(tauriCli, debArgs, { stdio: "inherit", cwd: rootDir });
  if (deb.status !== 0) log(`tauri build --bundles deb failed (exit ${deb.status}); the installed-.deb test will fail.`);
  const folder = join(process.env.CARGO_TARGET_DIR ?? join(rootDir, "target"), "release", "bundle", "deb");
  for (const name of existsSync(folder) ? readdirSync(folder).filter((n) => n.endsWith(".deb")) : []) {
    log(`.deb: ${join(folder, name)}, ${statSync(join(folder, name)).size} bytes`);
  }
}
// --no-fail-fast: every test binary runs even when an earlier one fails, so the counts below
// cover all of them.
// Whatever a test opens through the OS keyring (database keys, credentials) goes under a
// service of its own, never into the user's "se.timbok.app" entries (tests that need a
// particular one set it themselves).
const testKeyring = { TIMBOK_KEYRING_SERVICE: "se.timbok.test-all" };
// timbok/dev-bridge: the development bridge's own tests (src-tauri/dev_bridge.rs) run too.
const cargoArgs = ["test", "--workspace", "--no-fail-fast", "--features", "timbok/custom-protocol,timbok/dev-bridge", "--", "--nocapture"];
let rust;
if (linux) {
  const runtimeDir = mkdtempSync(join(tmpdir(), "timbok-xdg-"));
  const inner = [
    "printf timbok | gnome-keyring-daemon --unlock --components=secrets >/dev/null",
    `xvfb-run -a -s '-screen 0 1280x900x24' cargo ${cargoArgs.map((a) => `'${a}'`).join(" ")}`,
  ].join(" && ");
  rust = await runCapture("dbus-run-session", ["--", "bash", "-c", inner], {
    env: { ...process.env, XDG_RUNTIME_DIR: runtimeDir, ...testKeyring },
  });
} else {
  rust = await runCapture("cargo", cargoArgs, { env: { ...process.env, ...testKeyring } });
}
for (const m of stripAnsi(rust.output).matchAll(/test result: \w+\. (\d+) passed; (\d+) failed/g)) {
  counts.cargo[0] += Number(m[1]);
  counts.cargo[1] += Number(m[2]);
}
const rustText = stripAnsi(rust.output);
// A binary that failed without a summary (crashed, or did not build) is counted as one failure.
const summaries = (rustText.match(/^test result: FAILED\./gm) ?? []).length;
const failedTargets = Number(rustText.match(/^error: (\d+) targets failed/m)?.[1]
  ?? (/^error: test failed, to rerun pass/m.test(rustText) ? 1 : 0));
counts.cargo[1] += Math.max(0, failedTargets - summaries);
if (rust.code !== 0 && counts.cargo[1] === 0) counts.cargo[1] = 1;
const e2ePassed = (rustText.match(/^test e2e::\S+ \.\.\. ok$/gm) ?? []).length;
const e2eFailed = (rustText.match(/^test e2e::\S+ \.\.\. FAILED$/gm) ?? []).length;

const passed = counts.vitest[0] + counts.cargo[0];
let failed = counts.vitest[1] + counts.cargo[1];
if (linux && e2ePassed === 0) {
  log("No end-to-end test ran in the real window: that counts as a failure on Linux.");
  failed += 1;
}
log(`Vitest: ${counts.vitest[0]} passed, ${counts.vitest[1]} failed`);
log(`cargo test (unit, integration, end-to-end): ${counts.cargo[0]} passed, ${counts.cargo[1]} failed`);
log(`  of which end-to-end in the real window: ${e2ePassed} passed, ${e2eFailed} failed`);
if (!linux) log("The real-window end-to-end tests run on Linux only (WebKitWebDriver).");
process.stdout.write(`tests: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 && vitest.code === 0 && rust.code === 0 ? 0 : 1);
