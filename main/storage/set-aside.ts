/**
 * The one way Parley treats a file it cannot read at start (the settings, the secrets, the
 * conversation database): the file is renamed beside itself as `<file>.corrupt-<time>` — never
 * deleted, so the user or a bug report still has it — Parley starts afresh, and the user reads
 * one sentence naming where the old file went.
 */
import { existsSync, renameSync } from 'node:fs';

/**
 * Rename `path` (and each existing `path + suffix`, e.g. SQLite's `-wal` and `-shm`) to
 * `<path>.corrupt-<ISO time>`; returns the new path of the file. The time has no colons or
 * dots: Windows does not allow colons in file names. Throws what `renameSync` throws.
 */
export function setAside(
  path: string,
  now: () => Date = () => new Date(),
  companionSuffixes: readonly string[] = [],
): string {
  const aside = `${path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
  renameSync(path, aside);
  for (const suffix of companionSuffixes) {
    if (existsSync(path + suffix)) renameSync(path + suffix, aside + suffix);
  }
  return aside;
}

/**
 * The start notice for a file set aside: `what` names it for a person ("settings file"),
 * `aside` is where it went, or null when there was no file to keep (an in-memory store).
 */
export function setAsideNotice(what: string, aside: string | null): string {
  const kept = aside ? ` The old file was kept as ${aside}; nothing was deleted.` : '';
  return `Parley could not read your ${what}, so it started afresh.${kept}`;
}
