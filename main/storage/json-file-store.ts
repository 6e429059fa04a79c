/**
 * Parley's own small JSON file store for settings.json and secrets.json, in place of
 * electron-store. What electron-store gave Parley was atomic writes (through conf and
 * `atomically`); its migrations and JSON-schema validation were never used — the settings have
 * their own versioned migrations and zod schema (settings-migrations.ts, settings-schema.ts).
 * This file gives the atomic write in a few lines (write a temporary file, fsync, rename over
 * the old one: a crash leaves the old file or the new one, never half of one), runs in plain
 * Node (so the app and the tests use the same store, without Electron or conf), and drops
 * electron-store, conf and their dependencies from the app.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { dirname } from 'node:path';
import type { KeyValueStore } from './key-value-store';
import { setAside, setAsideNotice } from './set-aside';

/** A file that exists but is not a JSON object, so it cannot be a store. */
export class DamagedFileError extends Error {
  constructor(path: string, cause: unknown) {
    super(`${path} is not a JSON object`, { cause });
    this.name = 'DamagedFileError';
  }
}

/** How a store file is written. */
export interface JsonFileStoreOptions {
  /** Permission bits of the file when Parley writes it (0o600 for secrets); default 0o666 & ~umask. */
  mode?: number;
}

/**
 * A JSON object in one file, read once when opened and kept in memory (Parley holds the
 * single-instance lock, so nothing else writes it). Every change rewrites the whole file
 * atomically. A missing file is an empty store; the file is created on the first write.
 * Opening throws `DamagedFileError` when the file is not a JSON object, and the error of the
 * read for anything else (a folder in its place, no permission).
 */
export class JsonFileStore implements KeyValueStore {
  private data: Record<string, unknown>;

  constructor(
    readonly path: string,
    private readonly options: JsonFileStoreOptions = {},
  ) {
    this.data = readObject(path);
  }

  get(key: string): unknown {
    const value = this.data[key];
    return value === undefined ? undefined : structuredClone(value);
  }

  set(key: string, value: unknown): void {
    this.update({ [key]: value });
  }

  delete(key: string): void {
    this.update({ [key]: undefined });
  }

  update(changes: Readonly<Record<string, unknown>>): void {
    const next = new Map(Object.entries(this.data));
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined) next.delete(key);
      else next.set(key, structuredClone(value));
    }
    const record = Object.fromEntries(next);
    writeFileAtomic(this.path, `${JSON.stringify(record, null, '\t')}\n`, this.options.mode);
    this.data = record;
  }
}

/** What opening a store needs to set a damaged file aside and say so. */
export interface OpenStoreOptions extends JsonFileStoreOptions {
  /** The file for a person, in the notice: "settings file". */
  what: string;
  log: (message: string, error: unknown) => void;
  /** Sentences for the user at start; a damaged file adds one. */
  notices: string[];
  now?: () => Date;
}

/**
 * Open the store at `path`. A file that is not a JSON object would keep Parley from starting,
 * so it is set aside (set-aside.ts), logged and announced, and the store starts empty. Other
 * failures (a folder in the file's place, no permission) are thrown: moving would not fix them.
 */
export function openJsonFileStore(path: string, options: OpenStoreOptions): JsonFileStore {
  try {
    return new JsonFileStore(path, options);
  } catch (error) {
    if (!(error instanceof DamagedFileError)) throw error;
    const aside = setAside(path, options.now);
    options.log(`${path} was not a JSON object; moved it to ${aside} and started afresh`, error);
    options.notices.push(setAsideNotice(options.what, aside));
    return new JsonFileStore(path, options);
  }
}

function readObject(path: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DamagedFileError(path, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DamagedFileError(path, new TypeError('not an object'));
  }
  return value as Record<string, unknown>;
}

/**
 * Replace `path` with `text` so that a crash or power loss leaves either the old or the new
 * content: write a temporary file beside it, fsync it, rename it over `path` (atomic on POSIX
 * and NTFS), then fsync the folder so the rename itself is durable (POSIX only; Windows cannot
 * open a folder for fsync). The temporary file is removed if anything fails.
 */
export function writeFileAtomic(path: string, text: string, mode?: number): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  try {
    const fd = openSync(temporary, 'w', mode);
    try {
      writeSync(fd, text);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  }
  if (process.platform !== 'win32') {
    const folder = openSync(dirname(path), 'r');
    try {
      fsyncSync(folder);
    } finally {
      closeSync(folder);
    }
  }
}
