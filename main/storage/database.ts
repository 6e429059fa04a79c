import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations';
import { setAside } from './set-aside';

/** Why the database could not be opened, in words for a person. */
export class DatabaseOpenError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'DatabaseOpenError';
  }
}

/**
 * Open Parley's database; a file that is not a database (or is corrupted) is set aside with its
 * WAL files like any damaged file (set-aside.ts: `<name>.corrupt-<time>`, never deleted) and a
 * fresh one is started; `onMovedAside` hears where it went.
 */
export function openDatabase(
  path: string,
  log: (message: string, error: unknown) => void = () => {},
  now: () => Date = () => new Date(),
  onMovedAside: (asidePath: string) => void = () => {},
): DatabaseSync {
  try {
    return openAndMigrate(path);
  } catch (error) {
    if (path === ':memory:' || !isCorruption(error) || !existsSync(path)) throw error;
    const aside = setAside(path, now, ['-wal', '-shm']);
    log(`the conversation database was damaged; moved it to ${aside} and started a new one`, error);
    onMovedAside(aside);
    return openAndMigrate(path);
  }
}

function isCorruption(error: unknown): boolean {
  const text = String(error instanceof Error && error.cause ? error.cause : error);
  return /file is not a database|database disk image is malformed|SQLITE_(CORRUPT|NOTADB)/i.test(
    text,
  );
}

/**
 * Open (or create) the SQLite database: WAL for crash safety and concurrent reads, foreign keys
 * on, and every pending migration applied. A failed migration rolls back and leaves the file as
 * it was.
 */
function openAndMigrate(path: string): DatabaseSync {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path);
  } catch (error) {
    throw new DatabaseOpenError(
      `Parley could not open its conversation database at ${path}.`,
      error,
    );
  }
  try {
    db.exec('PRAGMA journal_mode = WAL');
    db.exec('PRAGMA foreign_keys = ON');
    // NORMAL is durable in WAL mode except across an OS crash, which may lose the last commit.
    db.exec('PRAGMA synchronous = NORMAL');
    db.exec('PRAGMA busy_timeout = 2000');
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw new DatabaseOpenError('Parley could not prepare its conversation database.', error);
  }
}

/** The schema version this build of Parley writes. */
export const schemaVersion = migrations.length;

function migrate(db: DatabaseSync): void {
  const row = db.prepare('PRAGMA user_version').get() as { user_version: number } | undefined;
  const current = row?.user_version ?? 0;
  if (current > schemaVersion) {
    throw new Error(
      `The database was written by a newer Parley (schema ${current}; this one knows ${schemaVersion}).`,
    );
  }
  for (let version = current; version < schemaVersion; version += 1) {
    const step = migrations[version];
    if (!step) break;
    db.exec('BEGIN IMMEDIATE');
    try {
      step(db);
      db.exec(`PRAGMA user_version = ${version + 1}`);
      db.exec('COMMIT');
    } catch (error) {
      db.exec('ROLLBACK');
      throw error;
    }
  }
}
