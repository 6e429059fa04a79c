import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, schemaVersion } from '../../../main/storage/database';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-db-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('openDatabase', () => {
  it('creates the schema at the current version, in WAL mode with foreign keys on', () => {
    const db = openDatabase(join(dir, 'parley.db'));
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(db.prepare('PRAGMA foreign_keys').get()).toEqual({ foreign_keys: 1 });
    db.close();
  });

  it('opening again keeps what was written (migrations run once)', () => {
    const path = join(dir, 'parley.db');
    const first = openDatabase(path);
    first
      .prepare('INSERT INTO conversations (id, created_at, updated_at) VALUES (?, 1, 1)')
      .run('c1');
    first.close();
    const second = openDatabase(path);
    expect(second.prepare('SELECT id FROM conversations').all()).toEqual([{ id: 'c1' }]);
    second.close();
  });

  it('refuses a database from a newer Parley and leaves it untouched', () => {
    const path = join(dir, 'parley.db');
    const newer = new DatabaseSync(path);
    newer.exec(`CREATE TABLE future (x); PRAGMA user_version = ${schemaVersion + 5}`);
    newer.close();
    expect(() => openDatabase(path)).toThrow(/could not prepare/);
    const check = new DatabaseSync(path);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion + 5 });
    expect(
      check.prepare("SELECT name FROM sqlite_master WHERE name = 'conversations'").get(),
    ).toBeUndefined();
    check.close();
  });

  it('a failing migration rolls back and leaves the old database as it was', () => {
    const path = join(dir, 'parley.db');
    const old = new DatabaseSync(path);
    // A table in the way makes migration 1 fail half-way.
    old.exec("CREATE TABLE messages (keep TEXT); INSERT INTO messages VALUES ('precious')");
    old.close();
    expect(() => openDatabase(path)).toThrow();
    const check = new DatabaseSync(path);
    expect(check.prepare('PRAGMA user_version').get()).toEqual({ user_version: 0 });
    expect(check.prepare('SELECT keep FROM messages').all()).toEqual([{ keep: 'precious' }]);
    expect(
      check.prepare("SELECT name FROM sqlite_master WHERE name = 'conversations'").get(),
    ).toBeUndefined();
    check.close();
  });

  it('moves a damaged file aside, never deletes it, and starts afresh', async () => {
    const path = join(dir, 'parley.db');
    await writeFile(path, 'this is not a database, but it is the user’s file'.repeat(100));
    const logged: string[] = [];
    const asides: string[] = [];
    const db = openDatabase(
      path,
      (message) => logged.push(message),
      () => new Date('2026-01-02T03:04:05.678Z'),
      (aside) => asides.push(aside),
    );
    expect(asides).toEqual([`${path}.corrupt-2026-01-02T03-04-05-678Z`]);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion });
    db.close();
    expect(await readdir(dir)).toContain('parley.db.corrupt-2026-01-02T03-04-05-678Z');
    expect(logged[0]).toMatch(/moved it to .*parley\.db\.corrupt-2026-01-02T03-04-05-678Z/);
  });

  it('says plainly when the folder cannot hold a database', () => {
    expect(() => openDatabase(join(dir, 'missing-folder', 'parley.db'))).toThrow(
      /could not open its conversation database/,
    );
  });
});

describe('migrations', () => {
  it('a version-1 database with conversations migrates forward, keeping them and indexing them for search', async () => {
    const { migrations } = await import('../../../main/storage/migrations');
    const path = join(dir, 'v1.db');
    const v1 = new DatabaseSync(path);
    v1.exec('BEGIN');
    migrations[0]?.(v1);
    v1.exec('PRAGMA user_version = 1; COMMIT');
    v1.prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)",
    ).run();
    v1.prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, position, content, created_at, updated_at)
       VALUES ('m', 'c', NULL, 'user', 1, 'an old message about penguins', 1, 1)`,
    ).run();
    v1.close();

    const db = openDatabase(path);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion });
    expect(db.prepare('SELECT title, deleted_at FROM conversations').get()).toEqual({
      title: 'Old',
      deleted_at: null,
    });
    const hit = db
      .prepare(
        "SELECT m.id FROM messages_fts JOIN messages m ON m.rowid = messages_fts.rowid WHERE messages_fts MATCH 'penguins'",
      )
      .all();
    expect(hit).toEqual([{ id: 'm' }]);
    db.close();
  });
});
