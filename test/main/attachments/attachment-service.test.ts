import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Turn } from '../../../preload/api';
import { AttachmentService, draftGraceMs } from '../../../main/attachments/attachment-service';
import { IpcFailureError } from '../../../main/errors/ipc-failure';
import { ConversationStore } from '../../../main/storage/conversation-store';
import { openDatabase } from '../../../main/storage/database';
import { png, rotatedJpeg, tempFolder, textPdf } from './attachment-fixtures';

const turn = (id: string, userText: string): Turn => ({
  id,
  userText,
  replies: [],
  activeReply: 0,
  userVersion: 0,
  userVersionCount: 1,
});

function setup(folder: ReturnType<typeof tempFolder>) {
  let clock = 1_000_000;
  const db = openDatabase(join(folder.dir, 'parley.db'));
  const store = new ConversationStore(db, () => clock);
  const picked: { paths: string[] | null } = { paths: null };
  const saved: Array<{ name: string; bytes: Uint8Array }> = [];
  const opened: string[] = [];
  const service = new AttachmentService({
    store,
    dataDir: join(folder.dir, 'data'),
    tempDir: join(folder.dir, 'open'),
    now: () => clock,
    dialogs: {
      openFiles: async () => picked.paths,
      saveBytes: async (name, bytes) => {
        saved.push({ name, bytes });
        return { saved: true };
      },
    },
    openPath: async (path) => {
      opened.push(path);
      return '';
    },
  });
  return {
    db,
    store,
    service,
    picked,
    saved,
    opened,
    advance: (ms: number) => (clock += ms),
    storedFiles: () =>
      existsSync(service.files.root)
        ? readdirSync(service.files.root, { recursive: true, withFileTypes: true })
            .filter((entry) => entry.isFile())
            .map((entry) => entry.name)
        : [],
  };
}

let folder: ReturnType<typeof tempFolder>;
let app: ReturnType<typeof setup>;
beforeEach(() => {
  folder = tempFolder();
  app = setup(folder);
});
afterEach(() => {
  app.db.close();
  folder.dispose();
});

describe('AttachmentService', () => {
  it('stores picked files by content: the same bytes twice are one file on disk', async () => {
    const bytes = await png(600, 300);
    app.picked.paths = [folder.write('a.png', bytes), folder.write('copy of a.png', bytes)];
    const result = await app.service.pick();
    expect(result?.problems).toEqual([]);
    expect(result?.added.map((view) => view.name)).toEqual(['a.png', 'copy of a.png']);
    expect(result?.added[0]?.id).toBe(result?.added[1]?.id);
    const id = result?.added[0]?.id ?? '';
    expect(app.storedFiles()).toEqual([id]);
    expect(readFileSync(app.service.files.pathOf(id))).toEqual(bytes);
    expect(app.service.files.pathOf(id)).toBe(
      join(folder.dir, 'data', 'attachments', id.slice(0, 2), id),
    );
  });

  it('answers null when the dialog is cancelled', async () => {
    app.picked.paths = null;
    expect(await app.service.pick()).toBeNull();
  });

  it('reports refused files beside the added ones, in plain words', async () => {
    const result = await app.service.addPaths([
      folder.write('notes.md', '# Plan'),
      folder.write('empty.txt', ''),
    ]);
    expect(result.added.map((view) => view.kind)).toEqual(['text']);
    expect(result.problems).toEqual([{ name: 'empty.txt', message: 'empty.txt is empty.' }]);
    expect(app.service.text(result.added[0]?.id ?? '')).toBe('# Plan');
  });

  it('takes pasted bytes, and gives a larger upright view of an image (≤ 2048 px)', async () => {
    const pasted = await app.service.addData(
      'Pasted.jpg',
      (await rotatedJpeg()).toString('base64'),
    );
    const id = pasted.added[0]?.id ?? '';
    const view = await app.service.image(id);
    const meta = await sharp(Buffer.from(view.split(',')[1] ?? '', 'base64')).metadata();
    expect({ width: meta.width, height: meta.height }).toEqual({ width: 200, height: 400 });
    const big = await app.service.addData('big.png', (await png(4000, 1000)).toString('base64'));
    const large = await app.service.image(big.added[0]?.id ?? '');
    const largeMeta = await sharp(Buffer.from(large.split(',')[1] ?? '', 'base64')).metadata();
    expect({ width: largeMeta.width, height: largeMeta.height }).toEqual({
      width: 2048,
      height: 512,
    });
  });

  it('opens a copy under its own name, and saves a copy through the dialog', async () => {
    const bytes = await textPdf(2);
    const { added } = await app.service.addPaths([folder.write('report.pdf', bytes)]);
    const id = added[0]?.id ?? '';
    await app.service.open(id);
    expect(app.opened[0]?.endsWith('report.pdf')).toBe(true);
    expect(readFileSync(app.opened[0] ?? '')).toEqual(bytes);
    expect(await app.service.save(id)).toEqual({ saved: true });
    // The copy opened last session is gone at the next start.
    app.service.sweep();
    expect(existsSync(app.opened[0] ?? '')).toBe(false);
    expect(app.saved[0]?.name).toBe('report.pdf');
    expect(Buffer.from(app.saved[0]?.bytes ?? [])).toEqual(bytes);
  });

  it('links attachments to a message in order and loads them with the turn', async () => {
    const { added } = await app.service.addPaths([
      folder.write('b.txt', 'second file'),
      folder.write('a.png', await png(100, 50)),
    ]);
    app.store.createConversation('c', 'Files');
    app.store.addTurn('c', turn('u1', 'Look at these'), null);
    app.service.attach(
      'u1',
      added.map((view) => view.id),
    );
    const loaded = app.store.load('c')?.turns[0]?.attachments;
    expect(loaded?.map((view) => [view.name, view.kind])).toEqual([
      ['b.txt', 'text'],
      ['a.png', 'image'],
    ]);
    expect(loaded?.[1]?.thumbnail).toMatch(/^data:image\//);
  });

  it('refuses to link an id that is not stored, and links nothing then', async () => {
    const { added } = await app.service.addPaths([folder.write('a.txt', 'a')]);
    app.store.createConversation('c', 'Files');
    app.store.addTurn('c', turn('u1', 'Hi'), null);
    const unknown = 'f'.repeat(64);
    expect(() => app.service.attach('u1', [added[0]?.id ?? '', unknown])).toThrow(IpcFailureError);
    expect(app.store.load('c')?.turns[0]?.attachments).toBeUndefined();
  });

  it('purging a conversation deletes the files nothing else uses; drafts go after a day', async () => {
    const shared = folder.write('shared.txt', 'used twice');
    const { added } = await app.service.addPaths([shared, folder.write('only.txt', 'used once')]);
    const [sharedId = '', onlyId = ''] = added.map((view) => view.id);
    app.store.createConversation('keep', 'Keep');
    app.store.addTurn('keep', { ...turn('k1', 'Keep'), attachments: added.slice(0, 1) }, null);
    app.store.createConversation('gone', 'Gone');
    app.store.addTurn('gone', { ...turn('g1', 'Gone'), attachments: added }, null);
    const { added: drafts } = await app.service.addPaths([
      folder.write('draft.txt', 'not sent yet'),
    ]);
    const draftId = drafts[0]?.id ?? '';

    app.store.conversations.softDelete('gone');
    app.store.conversations.purgeDeleted();
    expect(app.service.sweep()).toBe(1);
    expect(app.storedFiles().sort()).toEqual([sharedId, draftId].sort());
    expect(() => app.service.view(onlyId)).toThrow('That attachment is no longer there.');

    app.advance(draftGraceMs + 1);
    expect(app.service.sweep()).toBe(1);
    expect(app.storedFiles()).toEqual([sharedId]);
    expect(app.store.load('keep')?.turns[0]?.attachments?.[0]?.id).toBe(sharedId);
  });

  it('deletes leftovers of a crash at start: temp files and files no row names', async () => {
    const { added } = await app.service.addPaths([folder.write('a.txt', 'kept')]);
    const id = added[0]?.id ?? '';
    app.store.createConversation('c', 'C');
    app.store.addTurn('c', { ...turn('u', 'x'), attachments: added }, null);
    const dir = join(app.service.files.root, id.slice(0, 2));
    writeFileSync(join(dir, `.${id}.abc.tmp`), 'half');
    writeFileSync(join(dir, 'e'.repeat(64)), 'no row');
    app.service.sweep();
    expect(app.storedFiles()).toEqual([id]);
  });
});
