import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setAside, setAsideNotice } from '../../../main/storage/set-aside';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-aside-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('setAside', () => {
  it('renames the file and its existing companions to one .corrupt-<time> name, colon-free', async () => {
    const path = join(dir, 'parley.db');
    await writeFile(path, 'db');
    await writeFile(`${path}-wal`, 'wal');
    const aside = setAside(path, () => new Date('2026-01-02T03:04:05.678Z'), ['-wal', '-shm']);
    expect(aside).toBe(`${path}.corrupt-2026-01-02T03-04-05-678Z`);
    expect((await readdir(dir)).sort()).toEqual([
      'parley.db.corrupt-2026-01-02T03-04-05-678Z',
      'parley.db.corrupt-2026-01-02T03-04-05-678Z-wal',
    ]);
    expect(await readFile(`${aside}-wal`, 'utf8')).toBe('wal');
  });
});

describe('setAsideNotice', () => {
  it('names the file and where it went, or only that Parley started afresh', () => {
    expect(setAsideNotice('conversation database', '/data/parley.db.corrupt-x')).toBe(
      'Parley could not read your conversation database, so it started afresh. The old file was kept as /data/parley.db.corrupt-x; nothing was deleted.',
    );
    expect(setAsideNotice('settings file', null)).toBe(
      'Parley could not read your settings file, so it started afresh.',
    );
  });
});
