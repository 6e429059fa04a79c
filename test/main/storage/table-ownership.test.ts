/**
 * One repository per table: every statement that writes the conversations table is in
 * conversation-library.ts, every one that writes messages is in conversation-store.ts, and no
 * other module of main runs SQL writes on them (migrations.ts creates and changes the schema);
 * attachments and message_attachments are attachment-records.ts's.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const mainDir = resolve(import.meta.dirname, '../../../main');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The tables a source text writes with INSERT, UPDATE or DELETE. */
function tablesWritten(source: string): Set<string> {
  const pattern = /\b(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/g;
  return new Set([...source.matchAll(pattern)].map((match) => match[1] ?? ''));
}

const owners: Record<string, string> = {
  conversations: 'storage/conversation-library.ts',
  messages: 'storage/conversation-store.ts',
  attachments: 'storage/attachment-records.ts',
  message_attachments: 'storage/attachment-records.ts',
};

describe('table ownership', () => {
  it('reads the tables an SQL text writes', () => {
    const source = "run('UPDATE conversations SET x = 1'); prepare(`INSERT INTO messages (id)`)";
    expect([...tablesWritten(source)].sort()).toEqual(['conversations', 'messages']);
  });

  it('has exactly one repository writing each table', () => {
    const writers: Record<string, string[]> = Object.fromEntries(
      Object.keys(owners).map((table) => [table, []]),
    );
    for (const file of sourceFiles(mainDir)) {
      const name = relative(mainDir, file).split('\\').join('/');
      if (name === 'storage/migrations.ts') continue;
      for (const table of tablesWritten(readFileSync(file, 'utf8'))) {
        writers[table]?.push(name);
      }
    }
    for (const [table, owner] of Object.entries(owners)) {
      expect(writers[table], table).toEqual([owner]);
    }
  });
});
