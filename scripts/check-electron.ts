/**
 * Runs before `npm run dev`, `npm start` and `npm run e2e:electron`: makes sure Electron's
 * binary is there, fetching it once if not, and on failure prints one plain line instead of
 * Electron's own advice to delete node_modules (which does not help when the machine is simply
 * offline). `npm test` never runs it: the test suites do not need the binary.
 *
 * The layout checked is the `electron` package's own (node_modules/electron/index.js):
 * `path.txt` names the executable inside `dist/`, and `ELECTRON_OVERRIDE_DIST_PATH` replaces
 * `dist/` when set.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Whether the binary is present, and where it was looked for (for the message). */
export type ElectronBinary =
  | { present: true; path: string }
  | { present: false; reason: 'not-downloaded' | 'missing-file'; path: string };

/**
 * Look for Electron's executable the way `require('electron')` does, without downloading.
 * `packageDir` is node_modules/electron; `overrideDist` is `ELECTRON_OVERRIDE_DIST_PATH`.
 */
export function findElectronBinary(packageDir: string, overrideDist?: string): ElectronBinary {
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { present: false, reason: 'not-downloaded', path: pathFile };
  const executable = readFileSync(pathFile, 'utf8').trim();
  const path = join(overrideDist || join(packageDir, 'dist'), executable);
  return existsSync(path)
    ? { present: true, path }
    : { present: false, reason: 'missing-file', path };
}

/** The one line printed when the binary could not be fetched. */
export const offlineMessage =
  "Electron's binary (downloaded once, ~100 MB) could not be fetched: connect to the internet, " +
  'or set ELECTRON_MIRROR or electron_config_cache (README, "Electron\'s binary") and run this again.';

function main(): void {
  const packageDir = fileURLToPath(new URL('../node_modules/electron', import.meta.url));
  if (findElectronBinary(packageDir, process.env.ELECTRON_OVERRIDE_DIST_PATH).present) return;
  console.log("Fetching Electron's binary (once, ~100 MB)…");
  // Electron's own installer, which honours ELECTRON_MIRROR and electron_config_cache; its
  // stack trace on failure is swallowed in favour of one line that says what to do.
  const install = spawnSync(process.execPath, [join(packageDir, 'install.js')], {
    stdio: ['ignore', 'inherit', 'pipe'],
    encoding: 'utf8',
  });
  if (
    install.status === 0 &&
    findElectronBinary(packageDir, process.env.ELECTRON_OVERRIDE_DIST_PATH).present
  ) {
    return;
  }
  const cause = install.stderr
    .split('\n')
    .find((line) => line.trim() !== '')
    ?.trim();
  console.error(cause ? `${offlineMessage} (${cause})` : offlineMessage);
  process.exit(1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) main();
