/**
 * Attachments in the conversation database: search over their names and text, JSON export and
 * import with their bytes, Markdown naming them, and a database from before them upgraded.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AttachmentView, Turn } from '../../../preload/api';
import { AttachmentService } from '../../../main/attachments/attachment-service';
import { searchMessages } from '../../../main/storage/conversation-search';
import { ConversationStore } from '../../../main/storage/conversation-store';
import {
  ImportError,
  importJson,
  importJsonWithAttachments,
  toJson,
  toMarkdown,
} from '../../../main/storage/conversation-transfer';
import { openDatabase } from '../../../main/storage/database';
import { png, tempFolder, textPdf } from '../attachments/attachment-fixtures';
import { databaseAtVersion } from './old-database';

const turn = (id: string, userText: string, attachments?: AttachmentView[]): Turn => ({
  id,
  userText,
  replies: [],
  activeReply: 0,
  userVersion: 0,
  userVersionCount: 1,
  ...(attachments ? { attachments } : {}),
});

/** A Parley with its own database and data folder under `dir`. */
function parley(dir: string) {
  mkdirSync(dir, { recursive: true });
  const db = openDatabase(join(dir, 'parley.db'));
  const store = new ConversationStore(db);
  const service = new AttachmentService({
    store,
    dataDir: dir,
    tempDir: join(dir, 'tmp'),
    dialogs: {
      openFiles: async () => null,
      saveBytes: async () => ({ saved: false }),
    },
  });
  return { db, store, service };
}

let folder: ReturnType<typeof tempFolder>;
let app: ReturnType<typeof parley>;
beforeEach(() => {
  folder = tempFolder();
  app = parley(join(folder.dir, 'one'));
});
afterEach(() => {
  app.db.close();
  folder.dispose();
});

/** A conversation whose first message carries a 30-page PDF and a PNG. */
async function conversationWithFiles() {
  const { added, problems } = await app.service.addPaths([
    folder.write('Quarterly-Budget.pdf', await textPdf(30, 'pangolin')),
    folder.write('diagram.png', await png(320, 200)),
  ]);
  expect(problems).toEqual([]);
  app.store.createConversation('c', 'Budget talk');
  app.store.addTurn('c', turn('u1', 'Summarise these please', added), null);
  return added;
}

const hits = (query: string) => searchMessages(app.db, query).map((hit) => hit.messageId);

describe('attachments in search', () => {
  it('finds the message carrying a file by the file name and by the PDF text', async () => {
    await conversationWithFiles();
    expect(hits('budget')).toEqual(['u1']);
    expect(hits('Quarterly-Budget.pdf')).toEqual(['u1']);
    expect(hits('pangolin')).toEqual(['u1']);
    expect(hits('zebra report')).toEqual(['u1']);
    expect(hits('diagram')).toEqual(['u1']);
    expect(hits('pango')).toEqual(['u1']);
    expect(hits('platypus')).toEqual([]);
  });

  it('a message linked later (attach) is found by its files too', async () => {
    const { added } = await app.service.addPaths([folder.write('minutes.txt', 'the okapi met')]);
    app.store.createConversation('c', 'Notes');
    app.store.addTurn('c', turn('u1', 'Hello'), null);
    expect(hits('okapi')).toEqual([]);
    app.service.attach(
      'u1',
      added.map((view) => view.id),
    );
    expect(hits('okapi')).toEqual(['u1']);
    expect(hits('minutes')).toEqual(['u1']);
  });
});

describe('attachments in short searches', () => {
  it('a 2-character term found only in a file shows that file in the excerpt', async () => {
    const { added } = await app.service.addPaths([folder.write('表格.txt', '数据 summary')]);
    app.store.createConversation('c', 'Sheets');
    app.store.addTurn('c', turn('u1', 'See the file', added), null);
    const [hit] = searchMessages(app.db, '数据');
    expect(hit?.messageId).toBe('u1');
    expect(hit?.snippet.filter((part) => part.match).map((part) => part.text)).toEqual(['数据']);
    expect(app.service.idsOf('u1')).toEqual(added.map((view) => view.id));
  });
});

describe('attachments in export and import', () => {
  it('a JSON export carries the bytes (base64) and an import in another Parley restores them', async () => {
    const added = await conversationWithFiles();
    const snapshot = app.store.load('c');
    if (!snapshot) throw new Error('no conversation');
    const json = toJson(app.store, snapshot, 'tree', app.service);
    const document = JSON.parse(json) as {
      attachments: Array<{ id: string; name: string; base64: string }>;
      messages: Array<{ attachments?: Array<{ id: string; name: string }> }>;
    };
    expect(document.attachments.map((file) => file.name)).toEqual([
      'Quarterly-Budget.pdf',
      'diagram.png',
    ]);
    expect(Buffer.from(document.attachments[0]?.base64 ?? '', 'base64')).toEqual(
      app.service.bytes(added[0]?.id ?? ''),
    );

    const other = parley(join(folder.dir, 'two'));
    try {
      const id = await importJsonWithAttachments(other.store, json, other.service);
      const restored = other.store.load(id)?.turns[0]?.attachments ?? [];
      expect(restored.map((view) => [view.name, view.kind, view.pageCount, view.width])).toEqual([
        ['Quarterly-Budget.pdf', 'pdf', 30, undefined],
        ['diagram.png', 'image', undefined, 320],
      ]);
      expect(other.service.bytes(restored[0]?.id ?? '')).toEqual(
        app.service.bytes(added[0]?.id ?? ''),
      );
      expect(searchMessages(other.db, 'pangolin').map((hit) => hit.conversationId)).toEqual([id]);
    } finally {
      other.db.close();
    }
  });

  it('an import checks the files as intake does, and refuses one that is not', async () => {
    await conversationWithFiles();
    const snapshot = app.store.load('c');
    if (!snapshot) throw new Error('no conversation');
    const document = JSON.parse(toJson(app.store, snapshot, 'branch', app.service)) as {
      attachments: Array<{ base64: string }>;
    };
    const first = document.attachments[0];
    if (first) first.base64 = Buffer.from([0, 1, 2, 0, 255, 254, 0]).toString('base64');
    const before = app.store.conversations.list(undefined).items.length;
    await expect(
      importJsonWithAttachments(app.store, JSON.stringify(document), app.service),
    ).rejects.toThrow(
      new ImportError(
        'That export cannot be imported: Quarterly-Budget.pdf is not text Parley can read (it looks like a binary file).',
      ),
    );
    expect(app.store.conversations.list(undefined).items.length).toBe(before);
  });

  it('an import refuses a message naming an attachment the file does not carry', async () => {
    await conversationWithFiles();
    const snapshot = app.store.load('c');
    if (!snapshot) throw new Error('no conversation');
    const document = JSON.parse(toJson(app.store, snapshot, 'tree', app.service)) as {
      attachments?: unknown[];
    };
    delete document.attachments;
    await expect(
      importJsonWithAttachments(app.store, JSON.stringify(document), app.service),
    ).rejects.toThrow(/names an attachment \(Quarterly-Budget\.pdf\) the file does not carry/);
    // The import that cannot take attachments says so instead of dropping them.
    expect(() => importJson(app.store, JSON.stringify(document))).toThrow(ImportError);
  });

  it('Markdown names each attachment with its type and size', async () => {
    await conversationWithFiles();
    const snapshot = app.store.load('c');
    if (!snapshot) throw new Error('no conversation');
    const markdown = toMarkdown(snapshot);
    expect(markdown).toMatch(/\[Attachment: Quarterly-Budget\.pdf \(PDF, \d+ KB, 30 pages\)\]/);
    expect(markdown).toMatch(/\[Attachment: diagram\.png \(PNG, \d+ (KB|bytes), 320×200\)\]/);
  });
});

describe('attachments schema (migration 6)', () => {
  it('upgrades a database from before attachments: old messages stay searchable', () => {
    const path = join(folder.dir, 'v5.db');
    databaseAtVersion(path, 5, 'the capybara question');
    const db = openDatabase(path);
    try {
      expect(searchMessages(db, 'capybara').map((hit) => hit.messageId)).toEqual(['m']);
      expect(new ConversationStore(db).load('c')?.turns[0]?.attachments).toBeUndefined();
    } finally {
      db.close();
    }
  });
});

describe('attachments in a window of the conversation', () => {
  it('a window and a page carry the files of their own messages, as the whole branch does', async () => {
    const added = await conversationWithFiles();
    app.store.addTurn('c', turn('u2', 'And this one', added.slice(1, 2)), 'u1');
    app.store.addTurn('c', turn('u3', 'Nothing attached'), 'u2');
    const whole = app.store.load('c')?.turns ?? [];
    const window = app.store.loadWindow('c', { limit: 2 });
    expect(window?.turns).toEqual(whole.slice(1));
    expect(window?.turns[0]?.attachments?.map((file) => file.name)).toEqual(['diagram.png']);
    const page = app.store.turnPage('c', { beforeTurnId: 'u2', limit: 10 });
    expect(page?.turns[0]?.attachments?.map((file) => file.name)).toEqual([
      'Quarterly-Budget.pdf',
      'diagram.png',
    ]);
  });
});
