/**
 * A log file that rotates by size: `main.log` grows to `maxBytes`, then becomes `main.log.1`
 * (the older ones shift to `.2`, `.3`, … and the oldest past `keep` is deleted) and a fresh
 * `main.log` starts. Plain Node, so it is tested against a temp folder without Electron.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Where and how much to keep. */
export interface RotatingFileOptions {
  /** The folder of the log files; created on the first write if missing. */
  dir: string;
  /** The current file's name; rotated copies get `.1`, `.2`, … appended. Default `main.log`. */
  name?: string;
  /** Rotate before a write would take the current file past this many bytes. Default 1 MiB. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. Default 3. */
  keep?: number;
}

/** Appends whole lines to the current log file; never throws. */
export interface RotatingFile {
  /** The current file's absolute path (what the README and the user message point to). */
  readonly path: string;
  /**
   * Append `line` (a newline is added). Returns false when the write failed (read-only or full
   * disk): logging must never be the reason an operation fails, so the error is swallowed.
   */
  write(line: string): boolean;
}

/** Default size at which the current file is rotated: 1 MiB. */
export const defaultMaxBytes = 1024 * 1024;
/** Default number of rotated files kept: with the current one, at most ~4 MiB of log. */
export const defaultKeep = 3;

/**
 * Open (lazily) a size-rotated log file. Writes are synchronous on purpose: main logs rarely
 * (failures, not tokens), and a line written just before `app.exit(1)` or a crash must be on
 * disk, which an async stream does not promise.
 */
export function createRotatingFile(options: RotatingFileOptions): RotatingFile {
  const name = options.name ?? 'main.log';
  const maxBytes = options.maxBytes ?? defaultMaxBytes;
  const keep = options.keep ?? defaultKeep;
  const path = join(options.dir, name);
  // Known after the first write; starts from the file's size so a restart keeps appending.
  let size: number | null = null;

  const rotate = () => {
    rmSync(`${path}.${keep}`, { force: true });
    for (let index = keep - 1; index >= 1; index--) {
      renameIfPresent(`${path}.${index}`, `${path}.${index + 1}`);
    }
    if (keep >= 1) renameIfPresent(path, `${path}.1`);
    else rmSync(path, { force: true });
    size = 0;
  };

  return {
    path,
    write(line) {
      const bytes = Buffer.byteLength(line) + 1;
      try {
        if (size === null) {
          mkdirSync(options.dir, { recursive: true });
          size = sizeOf(path);
        }
        // A file never starts empty-handed: one over-long line still goes in a fresh file.
        if (size > 0 && size + bytes > maxBytes) rotate();
        appendFileSync(path, `${line}\n`, { mode: 0o600 });
        size = (size ?? 0) + bytes;
        return true;
      } catch {
        // Forget what we knew; the next write looks at the disk again.
        size = null;
        return false;
      }
    },
  };
}

/** The file's size in bytes, 0 when it does not exist yet. */
function sizeOf(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}

function renameIfPresent(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}
