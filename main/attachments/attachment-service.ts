/**
 * The attachments behind the attachments:* channels (pick, add-paths, add-data, image, open,
 * save) and what the chat service and export/import need: intake, the content-addressed file
 * store, the attachments tables, and linking attachments to a user message.
 *
 * Wiring (main/services.ts): `new AttachmentService({ store, dataDir, dialogs, openPath, tempDir })`
 * with the ConversationStore already made there, then `attachments.sweep()` after
 * `conversations.purgeDeleted()` at start.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import type { AddAttachmentsResult, AttachmentView } from '../../preload/api';
import { IpcFailureError } from '../errors/ipc-failure';
import { AttachmentFiles } from '../storage/attachment-files';
import type { ConversationStore } from '../storage/conversation-store';
import type { TransferAttachments } from '../storage/conversation-transfer';
import { intakeBytes, intakePath, type IntakeResult, thumbnailOf } from './attachment-intake';

/** How long an attachment added but never sent is kept (ms): a day, for the draft holding it. */
export const draftGraceMs = 24 * 60 * 60 * 1000;

/** The dialogs attachments use: Electron's dialog module in the app, a recorder in tests. */
export interface AttachmentDialogs {
  /** Ask for files to attach (several at once); their paths, or null when cancelled. */
  openFiles(): Promise<string[] | null>;
  /** Ask where to save a copy and write `bytes` there; `saved` false when cancelled. */
  saveBytes(suggestedName: string, bytes: Uint8Array): Promise<{ saved: boolean }>;
}

/** What the attachment service needs. */
export interface AttachmentServiceOptions {
  /** The messages table; its `attachments` are the attachments tables on the same connection. */
  store: ConversationStore;
  /** Parley's data folder: bytes live in `<dataDir>/attachments/<2 hex>/<sha256>`. */
  dataDir: string;
  dialogs: AttachmentDialogs;
  /** Open a file with the OS's app for it (shell.openPath): an error text, '' on success. */
  openPath?: (path: string) => Promise<string>;
  /**
   * Parley's own folder where `open` writes the copy it opens (e.g.
   * `<os temp>/parley-attachments`); `sweep` empties it at start.
   */
  tempDir: string;
  now?: () => number;
  log?: (message: string, error: unknown) => void;
}

/** Adding, viewing, opening and saving attachments, and linking them to messages. */
export class AttachmentService implements TransferAttachments {
  readonly files: AttachmentFiles;
  private readonly now: () => number;

  /** @throws Error when `dataDir` or `tempDir` is empty (files would land in the working folder). */
  constructor(private readonly options: AttachmentServiceOptions) {
    if (!options.dataDir || !options.tempDir) {
      throw new Error('AttachmentService needs a data folder and a temp folder.');
    }
    this.files = new AttachmentFiles(join(options.dataDir, 'attachments'));
    this.now = options.now ?? Date.now;
  }

  private get records() {
    return this.options.store.attachments;
  }

  /** Attach what the user picks in main's file dialog; null when they cancel. */
  async pick(): Promise<AddAttachmentsResult | null> {
    const paths = await this.options.dialogs.openFiles();
    if (paths === null || paths.length === 0) return null;
    return this.addPaths(paths);
  }

  /**
   * Attach files by path (dropped, or picked), one after another (each may be 50 MB in memory):
   * the ones taken, in order, and the ones refused with why.
   */
  async addPaths(paths: readonly string[]): Promise<AddAttachmentsResult> {
    const result: AddAttachmentsResult = { added: [], problems: [] };
    for (const path of paths) await this.keep(await intakePath(path), result);
    return result;
  }

  /** Attach bytes the page held (a pasted image), base64. */
  async addData(name: string, base64: string): Promise<AddAttachmentsResult> {
    const result: AddAttachmentsResult = { added: [], problems: [] };
    await this.keep(await intakeBytes(name, Buffer.from(base64, 'base64')), result);
    return result;
  }

  /**
   * Store an accepted file: bytes first (fully written, renamed into place), then its row, so no
   * row names a file that is not whole. A store failure is reported as a problem for that file.
   */
  private async keep(intake: IntakeResult, result: AddAttachmentsResult): Promise<void> {
    if (!intake.ok) {
      result.problems.push(intake.problem);
      return;
    }
    const { attachment, bytes } = intake;
    try {
      await this.files.write(attachment.id, bytes);
      this.records.put(attachment, this.now());
    } catch (error) {
      this.options.log?.(`could not store attachment ${attachment.name}`, error);
      result.problems.push({
        name: attachment.name,
        message: `Parley could not save ${attachment.name} in its data folder.`,
      });
      return;
    }
    const { text: _text, ...view } = attachment;
    result.added.push(view);
  }

  /** An attachment's view. @throws IpcFailureError not_found when there is none. */
  view(id: string): AttachmentView {
    const view = this.records.view(id);
    if (!view) throw notFound();
    return view;
  }

  /** Views of `ids`, in order. @throws IpcFailureError not_found naming none when one is missing. */
  views(ids: readonly string[]): AttachmentView[] {
    return ids.map((id) => this.view(id));
  }

  /** An attachment's bytes. @throws IpcFailureError not_found when it or its file is gone. */
  bytes(id: string): Buffer {
    this.view(id);
    try {
      return this.files.read(id);
    } catch {
      throw notFound();
    }
  }

  /** The text of a PDF (its text layer, '' when scanned) or text file; null for an image. */
  text(id: string): string | null {
    this.view(id);
    return this.records.text(id);
  }

  /**
   * A larger upright view of an image attachment (≤ `maxEdge` px on its long edge, never
   * enlarged) as a data: URL. @throws IpcFailureError not_found / invalid_payload (not an image).
   */
  async image(id: string, maxEdge = 2048): Promise<string> {
    const view = this.view(id);
    if (view.kind !== 'image') {
      throw new IpcFailureError('invalid_payload', `${view.name} is not an image.`);
    }
    const bytes = this.bytes(id);
    const { hasAlpha } = await sharp(bytes).metadata();
    return thumbnailOf(bytes, maxEdge, hasAlpha === true);
  }

  /**
   * Open an attachment with the OS's app for it: a copy under its name in `tempDir` (the stored
   * file has no extension and must not be edited in place).
   * @throws IpcFailureError not_found, or internal with the OS's words when it cannot open it.
   */
  async open(id: string): Promise<null> {
    const view = this.view(id);
    const dir = join(this.options.tempDir, id.slice(0, 16));
    await mkdir(dir, { recursive: true });
    const path = join(dir, safeFileName(view.name));
    await writeFile(path, this.bytes(id));
    const failure = (await this.options.openPath?.(path)) ?? 'Opening files is not available.';
    if (failure) throw new IpcFailureError('internal', `Could not open ${view.name}: ${failure}`);
    return null;
  }

  /** Save a copy where the user picks; `saved` false when they cancel. */
  async save(id: string): Promise<{ saved: boolean }> {
    const view = this.view(id);
    const { saved } = await this.options.dialogs.saveBytes(safeFileName(view.name), this.bytes(id));
    return { saved };
  }

  /**
   * Make `ids` the attachments of the user message `messageId`, in order (or pass the views as
   * `turn.attachments` to ConversationStore.addTurn, which links them in the same transaction).
   * @throws IpcFailureError not_found when an id is not stored (nothing is linked then).
   */
  attach(messageId: string, ids: readonly string[]): void {
    this.views(ids);
    this.options.store.attach(messageId, ids);
  }

  /** The ids of a message's attachments, in order (an edit that keeps the original's). */
  idsOf(messageId: string): string[] {
    return this.records.idsOf(messageId);
  }

  /**
   * Check and store bytes as intake does (an import's attachments): the stored id, or why they
   * were refused.
   */
  async add(name: string, bytes: Buffer): Promise<{ id: string } | { problem: string }> {
    const result: AddAttachmentsResult = { added: [], problems: [] };
    await this.keep(await intakeBytes(name, bytes), result);
    const added = result.added[0];
    return added ? { id: added.id } : { problem: result.problems[0]?.message ?? name };
  }

  /**
   * At start, after purging deleted conversations: delete attachments nothing uses any more
   * (their conversations were purged) and drafts added over a day ago and never sent, rows
   * first, then files; then any file without a row (a crash between the two), and the copies
   * `open` left for the OS's apps last session. Call it at start only, before any intake: a file
   * being written has no row yet. Returns how many attachments went.
   */
  sweep(): number {
    const unused = this.records.unused(this.now() - draftGraceMs);
    this.records.remove(unused);
    for (const id of unused) this.files.remove(id);
    this.files.sweepOrphans(this.records.ids());
    if (existsSync(this.options.tempDir)) {
      // Only the folders `open` makes (16 hex digits), whatever else shares the folder.
      for (const entry of readdirSync(this.options.tempDir)) {
        if (/^[0-9a-f]{16}$/.test(entry)) {
          rmSync(join(this.options.tempDir, entry), { recursive: true, force: true });
        }
      }
    }
    return unused.length;
  }
}

function notFound(): IpcFailureError {
  return new IpcFailureError('not_found', 'That attachment is no longer there.');
}

/** A name safe as a file name on every OS (the user's name, minus path and reserved characters). */
function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((char) => (char < ' ' || '/\\:*?"<>|'.includes(char) ? '_' : char))
    .join('')
    .replace(/^\.+/, '')
    .trim()
    .slice(0, 200);
  return cleaned || 'attachment';
}
