import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { DatabaseSync } from 'node:sqlite';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchMessages } from '../../../main/storage/conversation-search';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase, schemaVersion } from '../../../main/storage/database';
import { toolCall } from './tool-call-fixtures';
import { databaseAtVersion } from './old-database';

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
    const path = join(dir, 'v1.db');
    databaseAtVersion(path, 1, 'an old message about penguins');

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

describe('migration 5: tool calls', () => {
  it('a version-4 database keeps its messages searchable and can store tool calls', async () => {
    const { migrations } = await import('../../../main/storage/migrations');
    const path = join(dir, 'v4.db');
    const v4 = new DatabaseSync(path);
    v4.exec('BEGIN');
    for (const step of migrations.slice(0, 4)) step(v4);
    v4.exec('PRAGMA user_version = 4; COMMIT');
    v4.exec(`
      INSERT INTO conversations (id, title, created_at, updated_at, model)
        VALUES ('c', 'Old', 1, 1, 'claude-x');
      INSERT INTO messages (id, conversation_id, parent_id, role, position, content, created_at, updated_at)
        VALUES ('u', 'c', NULL, 'user', 1, 'penguins and 数据库迁移方案', 1, 1);
      INSERT INTO messages (id, conversation_id, parent_id, role, position, content, status, created_at, updated_at)
        VALUES ('r', 'c', 'u', 'assistant', 2, 'Emperor penguins huddle.', 'streaming', 1, 1);
    `);
    v4.close();

    const db = openDatabase(path);
    expect(db.prepare('PRAGMA user_version').get()).toEqual({ user_version: schemaVersion });
    const store = new ConversationStore(db);
    // Old messages are in both rebuilt indexes.
    expect(
      searchMessages(db, 'penguins')
        .map((hit) => hit.messageId)
        .sort(),
    ).toEqual(['r', 'u']);
    expect(searchMessages(db, '数据库').map((hit) => hit.messageId)).toEqual(['u']);
    // An old reply opens without calls, and the old settings are kept with no tool servers set.
    const before = store.load('c')?.turns[0]?.replies[0];
    expect(before?.text).toBe('Emperor penguins huddle.');
    expect(before).not.toHaveProperty('toolCalls');
    expect(store.getConversationSettings('c')).toEqual({ model: 'claude-x' });
    // The reply left streaming before the upgrade is recovered, and can now hold calls.
    expect(store.markInterrupted()).toBe(1);
    const call = toolCall('call-1', 'done', {
      result: { content: [{ type: 'text', text: 'krill forecast' }], isError: false },
    });
    if (!before) throw new Error('missing');
    store.saveReply({ ...before, status: 'done', toolCalls: [call] });
    expect(store.load('c')?.turns[0]?.replies[0]?.toolCalls).toEqual([call]);
    expect(searchMessages(db, 'krill').map((hit) => hit.messageId)).toEqual(['r']);
    db.close();
  });
});
