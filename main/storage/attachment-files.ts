import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

/** A content address: SHA-256 of the bytes, 64 lowercase hex digits. */
const idPattern = /^[0-9a-f]{64}$/;

/**
 * Flush a folder's entries, so a rename survives a power cut on POSIX file systems (fsync on the
 * file covers its bytes, not its name). Windows cannot open a folder for this and its NTFS
 * journals renames; there, and on any failure, it is skipped: the worst case is a file lost
 * whose row was never written either (the row follows `write`).
 */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Not supported here (Windows): see above.
  }
}

/**
 * Attachment bytes, content-addressed on disk: `<root>/<first 2 hex>/<sha256>` (root is
 * `<dataDir>/attachments`). The same bytes are stored once, whatever their name or how often
 * they are attached.
 *
 * Why files and not SQLite blobs: attachments are up to 50 MB each, and blobs that size would
 * make the conversation database (and its WAL, backups and any VACUUM) grow by every file, while
 * node:sqlite reads a blob whole into memory for any read; files keep the database small and
 * fast for the transcript and search, are read only when bytes are needed (sending, export,
 * open, save), and a name derived from the content makes a write idempotent (a file already
 * present is not written again).
 *
 * Crash safety: a file is written to a temporary name in its folder, flushed to disk, then
 * renamed into place, so its final name only ever holds whole bytes; the caller records the
 * attachment in SQLite only after `write` resolves, so no row (and no message) names a file
 * that is not fully written. A crash between write and row leaves an unnamed file, which
 * `sweepOrphans` deletes at the next start.
 */
export class AttachmentFiles {
  constructor(readonly root: string) {}

  /** Where the bytes of `id` live. @throws Error when `id` is not a SHA-256 in hex. */
  pathOf(id: string): string {
    if (!idPattern.test(id)) throw new Error(`Not an attachment id: ${id}`);
    return join(this.root, id.slice(0, 2), id);
  }

  /** Whether the bytes of `id` are on disk. */
  has(id: string): boolean {
    return existsSync(this.pathOf(id));
  }

  /** Store `bytes` as `id` (their SHA-256): temp file, flush, rename; skipped when present. */
  async write(id: string, bytes: Uint8Array): Promise<void> {
    const path = this.pathOf(id);
    if (existsSync(path) && statSync(path).size === bytes.byteLength) return;
    const dir = join(this.root, id.slice(0, 2));
    mkdirSync(dir, { recursive: true });
    const temp = join(dir, `.${id}.${randomBytes(6).toString('hex')}.tmp`);
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
    await syncFolder(dir);
  }

  /** The bytes of `id`. @throws the fs error (ENOENT) when they are not on disk. */
  read(id: string): Buffer {
    return readFileSync(this.pathOf(id));
  }

  /** Delete the bytes of `id` (nothing happens when they are already gone). */
  remove(id: string): void {
    rmSync(this.pathOf(id), { force: true });
  }

  /**
   * Delete every file under the root that is not one of `keep`: leftovers of a crash (temp files,
   * bytes whose row was never written or whose row was deleted before the file). Run at start,
   * before any intake, so no write is in flight. Returns how many files went.
   */
  sweepOrphans(keep: ReadonlySet<string>): number {
    if (!existsSync(this.root)) return 0;
    let removed = 0;
    for (const folder of readdirSync(this.root, { withFileTypes: true })) {
      if (!folder.isDirectory() || !/^[0-9a-f]{2}$/.test(folder.name)) continue;
      const dir = join(this.root, folder.name);
      for (const file of readdirSync(dir)) {
        if (keep.has(file)) continue;
        rmSync(join(dir, file), { force: true });
        removed += 1;
      }
    }
    return removed;
  }
}
