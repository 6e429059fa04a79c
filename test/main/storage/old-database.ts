/**
 * A database file as an older Parley left it, for migration tests: only migrations 1…`version`
 * applied (`PRAGMA user_version` set to it), holding one conversation `c` ("Old") with one user
 * message `m` whose text is `content`.
 */
import { DatabaseSync } from 'node:sqlite';
import { migrations } from '../../../main/storage/migrations';

/** Write that database at `path` (which must not exist yet) and close it. */
export function databaseAtVersion(path: string, version: number, content: string): void {
  const old = new DatabaseSync(path);
  old.exec('BEGIN');
  for (const step of migrations.slice(0, version)) step(old);
  old.exec(`PRAGMA user_version = ${version}; COMMIT`);
  old
    .prepare(
      "INSERT INTO conversations (id, title, created_at, updated_at) VALUES ('c', 'Old', 1, 1)",
    )
    .run();
  old
    .prepare(
      `INSERT INTO messages (id, conversation_id, parent_id, role, position, content, created_at, updated_at)
       VALUES ('m', 'c', NULL, 'user', 1, ?, 1, 1)`,
    )
    .run(content);
  old.close();
}
