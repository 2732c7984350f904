// Shared by start.mjs and test-all.mjs: checks what a fresh machine needs, installs what it
// can (Debian/Ubuntu system packages when run as root or with sudo, the npm packages), and
// says exactly what is missing otherwise. Plain Node, no npm packages needed.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { platform } from "node:os";

export const uiDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const rootDir = resolve(uiDir, "..");

/** Debian packages the app needs to build and run. */
export const DEBIAN_APP = [
  "libwebkit2gtk-4.1-dev", "build-essential", "curl", "wget", "file", "libxdo-dev", "libssl-dev",
  "libayatana-appindicator3-dev", "librsvg2-dev", "pkg-config",
];
/**
 * Extra Debian packages the tests need: a virtual display, WebDriver, keyring, xmllint, and
 * Chromium with its driver (the end-to-end test signs FK's page in a real browser).
 */
export const DEBIAN_TEST = [
  "xvfb", "xauth", "webkit2gtk-driver", "dbus", "dbus-x11", "gnome-keyring", "libsecret-tools",
  "libxml2-utils", "chromium", "chromium-driver",
];

export function log(line) {
  process.stdout.write(`[timbok] ${line}\n`);
}

export function fail(lines) {
  for (const line of [].concat(lines)) process.stderr.write(`[timbok] ${line}\n`);
  process.exit(1);
}

/** Runs a command, inheriting stdio; exits the script if it fails. */
export function run(cmd, args, options = {}) {
  log(`$ ${cmd} ${args.join(" ")}`);
  const result = spawnSync(cmd, args, { stdio: "inherit", cwd: rootDir, shell: platform() === "win32", ...options });
  if (result.error) fail(`${cmd} could not start: ${result.error.message}`);
  if (result.status !== 0) fail(`${cmd} ${args.join(" ")} failed (exit ${result.status}).`);
  return result;
}

function has(cmd) {
  const probe = platform() === "win32" ? spawnSync("where", [cmd]) : spawnSync("sh", ["-c", `command -v ${cmd}`]);
  return probe.status === 0;
}

export function checkToolchain() {
  const missing = [];
  if (!has("cargo")) missing.push("Rust (cargo): install from https://rustup.rs and open a new terminal.");
  const major = Number(process.versions.node.split(".")[0]);
  if (major < 20) missing.push(`Node.js 20 or newer (this is ${process.versions.node}).`);
  if (!has("npm")) missing.push("npm (comes with Node.js).");
  if (platform() === "darwin" && spawnSync("xcode-select", ["-p"]).status !== 0) {
    missing.push("Xcode command line tools: run `xcode-select --install`.");
  }
  if (platform() === "win32") {
    log("Windows: Tauri needs Microsoft C++ Build Tools and WebView2 (preinstalled on Windows 10/11); see https://v2.tauri.app/start/prerequisites/");
  }
  if (missing.length) fail(["Missing on this machine:", ...missing.map((m) => `  - ${m}`)]);
}

/** On Debian/Ubuntu, installs the missing system packages (as root, or with sudo). */
export function ensureDebianPackages(packages) {
  if (platform() !== "linux" || !existsSync("/usr/bin/dpkg-query")) {
    if (platform() === "linux") log("Not a Debian-based system: install the equivalents of: " + packages.join(" "));
    return;
  }
  const missing = packages.filter((p) => {
    const q = spawnSync("dpkg-query", ["-W", "-f=${Status}", p], { encoding: "utf8" });
    return q.status !== 0 || !q.stdout.includes("install ok installed");
  });
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
  const sudo = isRoot ? [] : has("sudo") ? ["sudo"] : null;
  if (sudo === null) {
    fail(["Missing Debian packages; install them as root with:",
      `  apt-get update && apt-get install -y --no-install-recommends ${missing.join(" ")}`]);
  }
  log(`Installing Debian packages: ${missing.join(" ")}`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  const [cmd, ...pre] = sudo.length ? ["sudo", "-E"] : [];
  const runApt = (args) => (cmd ? run(cmd, [...pre, "apt-get", ...args], { env }) : run("apt-get", args, { env }));
  runApt(["update", "-qq"]);
  runApt(["install", "-y", "-qq", "--no-install-recommends", ...missing]);
}

/**
 * Installs ui/'s npm packages (the versions of package-lock.json) when node_modules is missing
 * or older than the lock file. `npm install`, not `npm ci`: the registry this project uses
 * lacks some of @tauri-apps/cli's optional per-platform packages, so the lock file cannot list
 * them and `npm ci` refuses it; `npm install` installs the locked versions all the same.
 */
export function ensureNpmPackages() {
  const lock = join(uiDir, "package-lock.json");
  const stamp = join(uiDir, "node_modules", ".package-lock.json");
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= statSync(lock).mtimeMs) return;
  run("npm", ["install", "--no-audit", "--no-fund"], { cwd: uiDir });
}

export function tauriCli() {
  return join(uiDir, "node_modules", ".bin", platform() === "win32" ? "tauri.cmd" : "tauri");
}
