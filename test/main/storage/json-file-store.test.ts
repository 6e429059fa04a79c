import { mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DamagedFileError,
  JsonFileStore,
  openJsonFileStore,
  writeFileAtomic,
} from '../../../main/storage/json-file-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-json-store-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const now = () => new Date('2026-01-02T03:04:05.678Z');

describe('JsonFileStore', () => {
  it('starts empty without a file and creates it on the first write', async () => {
    const path = join(dir, 'settings.json');
    const store = new JsonFileStore(path);
    expect(store.get('profile')).toBeUndefined();
    expect(await readdir(dir)).toEqual([]);
    store.set('profile', { model: 'm' });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ profile: { model: 'm' } });
    expect(new JsonFileStore(path).get('profile')).toEqual({ model: 'm' });
  });

  it('writes several changes as one document, and undefined removes a key', async () => {
    const path = join(dir, 'settings.json');
    const store = new JsonFileStore(path);
    store.update({ a: 1, b: 2, c: 3 });
    store.update({ a: 10, b: undefined });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ a: 10, c: 3 });
    store.delete('c');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ a: 10 });
  });

  it('hands out copies: changing a value read does not change the store', () => {
    const store = new JsonFileStore(join(dir, 'settings.json'));
    store.set('profile', { model: 'm' });
    const read = store.get('profile') as { model: string };
    read.model = 'changed';
    expect(store.get('profile')).toEqual({ model: 'm' });
  });

  it('leaves no temporary file behind and writes an owner-only file when asked', async () => {
    const path = join(dir, 'secrets.json');
    new JsonFileStore(path, { mode: 0o600 }).set('apiKeys', { p1: 'Y2lwaGVy' });
    expect(await readdir(dir)).toEqual(['secrets.json']);
    if (process.platform !== 'win32') expect((await stat(path)).mode & 0o077).toBe(0);
  });

  it('keeps the old file whole when a write fails', async () => {
    const path = join(dir, 'settings.json');
    const store = new JsonFileStore(path);
    store.set('a', 1);
    // A value JSON cannot hold makes the write throw before anything reaches the file.
    expect(() => store.set('b', 10n)).toThrow();
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ a: 1 });
    expect(store.get('b')).toBeUndefined();
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it.each([
    ['not JSON', '{"profile": {"model": "m"'],
    ['not an object', '[1, 2]'],
    ['null', 'null'],
  ])('refuses a file that is %s', async (_name, text) => {
    const path = join(dir, 'settings.json');
    await writeFile(path, text);
    expect(() => new JsonFileStore(path)).toThrow(DamagedFileError);
  });
});

describe('writeFileAtomic', () => {
  it('replaces the file and creates its folder', async () => {
    const path = join(dir, 'nested', 'file.json');
    writeFileAtomic(path, 'one');
    writeFileAtomic(path, 'two');
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readdir(join(dir, 'nested'))).toEqual(['file.json']);
  });
});

describe('openJsonFileStore', () => {
  const options = (log = vi.fn(), notices: string[] = []) => ({
    what: 'settings file',
    log,
    notices,
    now,
  });

  it('sets a file that is not JSON aside, starts afresh, logs and tells the user', async () => {
    const path = join(dir, 'settings.json');
    await writeFile(path, '{"profile": {"model": "m"');
    const log = vi.fn();
    const notices: string[] = [];
    const store = openJsonFileStore(path, options(log, notices));

    const aside = join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-678Z');
    await expect(readFile(aside, 'utf8')).resolves.toBe('{"profile": {"model": "m"');
    expect(store.get('profile')).toBeUndefined();
    store.set('profile', { model: 'fresh' });
    expect(new JsonFileStore(path).get('profile')).toEqual({ model: 'fresh' });
    expect(log).toHaveBeenCalledExactlyOnceWith(
      expect.stringContaining(aside),
      expect.any(DamagedFileError),
    );
    expect(notices).toEqual([
      `Parley could not read your settings file, so it started afresh. The old file was kept as ${aside}; nothing was deleted.`,
    ]);
  });

  it('leaves a healthy or missing file where it is, without a notice', async () => {
    const notices: string[] = [];
    const log = vi.fn();
    openJsonFileStore(join(dir, 'secrets.json'), options(log, notices));
    await writeFile(join(dir, 'settings.json'), '{"profile": {"model": "m"}}');
    const store = openJsonFileStore(join(dir, 'settings.json'), options(log, notices));
    expect(store.get('profile')).toEqual({ model: 'm' });
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(notices).toEqual([]);
    expect(log).not.toHaveBeenCalled();
  });

  it('does not move a file aside for failures other than a damaged document', async () => {
    // A folder where the file should be: reading fails with EISDIR, which moving would "fix".
    await mkdir(join(dir, 'settings.json'));
    expect(() => openJsonFileStore(join(dir, 'settings.json'), options())).toThrow();
    expect(await readdir(dir)).toEqual(['settings.json']);
  });
});
