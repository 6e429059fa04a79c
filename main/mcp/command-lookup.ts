/**
 * Finds a command on PATH the way a shell (or `spawn` without a shell) would, so the start-up
 * doctor can show which file would run, and say plainly when there is none.
 */
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/**
 * The absolute path `command` resolves to with this `PATH` (and on Windows `PATHEXT`), or null
 * when there is no such executable file. A command containing a slash is resolved against `cwd`.
 */
export function resolveCommand(
  command: string,
  env: Record<string, string | undefined>,
  cwd: string = process.cwd(),
  platform: NodeJS.Platform = process.platform,
): string | null {
  const windows = platform === 'win32';
  const extensions = windows
    ? ['', ...(env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter(Boolean)]
    : [''];
  const candidates: string[] = [];
  if (command.includes('/') || (windows && command.includes('\\'))) {
    const full = isAbsolute(command) ? command : resolve(cwd, command);
    for (const ext of extensions) candidates.push(full + ext);
  } else {
    const path = env.PATH ?? env.Path ?? '';
    for (const dir of path.split(windows ? ';' : delimiter).filter(Boolean)) {
      for (const ext of extensions) candidates.push(join(dir, command + ext));
    }
  }
  for (const candidate of candidates) if (isExecutable(candidate, windows)) return candidate;
  return null;
}

function isExecutable(path: string, windows: boolean): boolean {
  try {
    if (!statSync(path).isFile()) return false;
    if (!windows) accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
