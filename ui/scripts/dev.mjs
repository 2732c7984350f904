// `npm run dev`: the UI in a normal browser (Vite, hot reload) on the REAL core. Starts
// `timbok-dev-bridge` (development only: `--features dev-bridge`, never in a release; demo mode
// on a fresh temporary data folder, keys in memory), reads its first line `{url, token}` and
// starts Vite with them as VITE_TIMBOK_BRIDGE_URL / VITE_TIMBOK_BRIDGE_TOKEN, so only this
// page, with this start's token, can call it. Ctrl-C stops both. The window app (`npm start`,
// `tauri dev`) does not use this: it runs `npm run vite` and talks to Tauri's IPC.
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { platform } from "node:os";
import { join } from "node:path";
import { log, fail, rootDir, uiDir } from "./setup.mjs";

const origin = "http://localhost:5173"; // ui/vite.config.ts: server.port, strictPort
const shell = platform() === "win32";

log("$ cargo run --features dev-bridge --bin timbok-dev-bridge (the first build takes a while)");
const bridge = spawn(
  "cargo",
  ["run", "--quiet", "--features", "dev-bridge", "--bin", "timbok-dev-bridge", "--", "--origin", origin],
  { cwd: rootDir, stdio: ["ignore", "pipe", "inherit"], shell },
);
bridge.on("error", (error) => fail(`timbok-dev-bridge could not start: ${error.message}`));

let vite = null;
const stop = (code) => {
  if (vite && vite.exitCode === null) vite.kill("SIGINT");
  if (bridge.exitCode === null) bridge.kill("SIGINT");
  process.exitCode = code;
};
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
bridge.on("exit", (code) => {
  if (vite === null) fail(`timbok-dev-bridge stopped before it was ready (exit ${code}).`);
  stop(code ?? 0);
});

const lines = createInterface({ input: bridge.stdout });
lines.once("line", (line) => {
  let started;
  try {
    started = JSON.parse(line);
  } catch {
    fail(`timbok-dev-bridge printed something unexpected: ${line}`);
  }
  log(`the real core (demo mode) at ${started.url}, for ${origin} only`);
  // Vite's own script under this Node (not through npx), so Ctrl-C and SIGTERM reach it.
  vite = spawn(process.execPath, [join(uiDir, "node_modules", "vite", "bin", "vite.js")], {
    cwd: uiDir,
    stdio: "inherit",
    env: { ...process.env, VITE_TIMBOK_BRIDGE_URL: started.url, VITE_TIMBOK_BRIDGE_TOKEN: started.token },
  });
  vite.on("exit", (code) => stop(code ?? 0));
  // Later lines of the bridge (none expected) go to this terminal.
  lines.on("line", (more) => process.stdout.write(`${more}\n`));
});
