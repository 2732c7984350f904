// `npm --prefix ui start`: installs what the app needs, then starts Timbok in demo mode
// (the default of a fresh install) with the Vite dev server and hot reload.
import { checkToolchain, ensureDebianPackages, ensureNpmPackages, run, tauriCli, DEBIAN_APP, rootDir } from "./setup.mjs";

checkToolchain();
ensureDebianPackages(DEBIAN_APP);
ensureNpmPackages();
run(tauriCli(), ["dev"], { cwd: rootDir });
