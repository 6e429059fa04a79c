import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonFileStore } from '../../../main/storage/json-file-store';
import { SettingsFile } from '../../../main/storage/settings-file';
import { migrate, migratedProfileId } from '../../../main/storage/settings-migrations';
import { defaultSettings, settingsSchema } from '../../../main/storage/settings-schema';
import { MemoryStore } from './memory-store';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'parley-settings-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const conf = () => new JsonFileStore(join(dir, 'settings.json'));

describe('settings migrations', () => {
  it('version 1 (one unversioned profile) becomes version 2 with that profile active', () => {
    const { document, migrated } = migrate({
      profile: {
        kind: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
      },
    });
    expect(migrated).toBe(true);
    const parsed = settingsSchema.parse(document);
    expect(parsed.profiles).toEqual([
      {
        id: migratedProfileId,
        name: 'OpenAI-compatible',
        preset: 'openai-compatible',
        kind: 'openai-compatible',
        baseUrl: 'http://127.0.0.1:11434/v1',
        model: 'llama3.2',
        headers: {},
        defaults: {},
      },
    ]);
    expect(parsed.activeProfileId).toBe(migratedProfileId);
    expect(parsed).not.toHaveProperty('profile');
  });

  it('version 1 without a profile becomes the defaults', () => {
    expect(settingsSchema.parse(migrate({}).document)).toEqual(defaultSettings());
  });

  it('a current document is left alone', () => {
    const current = defaultSettings();
    expect(migrate(current)).toEqual({ document: current, migrated: false });
  });

  it('refuses a document from a newer Parley and a nonsense version', () => {
    expect(() => migrate({ schemaVersion: 99 })).toThrow(/newer Parley/);
    expect(() => migrate({ schemaVersion: 'two' })).toThrow(/not a version/);
  });
});

describe('SettingsFile', () => {
  it('a fresh store starts from the defaults and writes them', () => {
    const store = new MemoryStore();
    expect(new SettingsFile(store).read()).toEqual(defaultSettings());
    expect(store.get('schemaVersion')).toBe(2);
  });

  it('migrates a version-1 file in place, on disk', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({
        profile: { kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'm' },
      }),
    );
    const file = new SettingsFile(conf());
    expect(file.read().profiles[0]).toMatchObject({ id: migratedProfileId, preset: 'anthropic' });
    const onDisk = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'));
    expect(onDisk.schemaVersion).toBe(2);
    expect(onDisk).not.toHaveProperty('profile');
  });

  it('a migrated file that cannot be saved (a full disk) stays in use and is not set aside', () => {
    const store = new MemoryStore();
    store.set('profile', { kind: 'anthropic', baseUrl: 'https://api.anthropic.com', model: 'm' });
    store.update = () => {
      throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
    };
    const notices: string[] = [];
    const file = new SettingsFile(store, { notices });
    expect(file.read().profiles[0]).toMatchObject({ id: migratedProfileId, preset: 'anthropic' });
    expect(notices).toEqual([]);
    expect(store.get('profile')).toBeDefined();
  });

  it('a version-2 profile from before the proxy URL still loads, without one, and is not set aside', async () => {
    const profile = {
      id: 'p1',
      name: 'Anthropic',
      preset: 'anthropic',
      kind: 'anthropic',
      baseUrl: 'https://api.anthropic.com',
      model: 'claude-sonnet-4-5',
      headers: {},
      defaults: {},
    };
    const old = { ...defaultSettings(), profiles: [profile], activeProfileId: 'p1' };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(old));
    const notices: string[] = [];
    const file = new SettingsFile(conf(), { notices });
    expect(file.read().profiles).toEqual([profile]);
    expect(file.read().profiles[0]?.proxyUrl).toBeUndefined();
    expect(notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['settings.json']);
  });

  it('a version-2 file from before the font size still loads, as the default size, and is not set aside', async () => {
    const old = {
      ...defaultSettings(),
      appearance: { theme: 'dark' },
    };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(old));
    const notices: string[] = [];
    const file = new SettingsFile(conf(), { notices });
    expect(file.read().appearance).toEqual({ theme: 'dark', fontSize: 'default' });
    expect(notices).toEqual([]);
    expect(await readdir(dir)).toEqual(['settings.json']);
    file.update((draft) => {
      draft.appearance.fontSize = 'large';
    });
    expect(new SettingsFile(conf()).read().appearance).toEqual({
      theme: 'dark',
      fontSize: 'large',
    });
  });

  it('a version-2 file from before the spelling setting loads with dictionary downloads off', async () => {
    const old = { ...defaultSettings(), behaviour: { sendWith: 'mod-enter' } };
    await writeFile(join(dir, 'settings.json'), JSON.stringify(old));
    const notices: string[] = [];
    const file = new SettingsFile(conf(), { notices });
    expect(file.read().behaviour).toEqual({
      sendWith: 'mod-enter',
      downloadSpellingDictionaries: false,
    });
    expect(notices).toEqual([]);
  });

  it('an invalid file is set aside, defaults are used, and the user is told', async () => {
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ ...defaultSettings(), appearance: { theme: 'purple' } }),
    );
    const notices: string[] = [];
    const logged: string[] = [];
    const file = new SettingsFile(conf(), {
      notices,
      log: (message) => logged.push(message),
      now: () => new Date('2026-01-02T03:04:05.000Z'),
    });
    expect(file.read()).toEqual(defaultSettings());
    const aside = join(dir, 'settings.json.corrupt-2026-01-02T03-04-05-000Z');
    expect((await readdir(dir)).sort()).toEqual([
      'settings.json',
      'settings.json.corrupt-2026-01-02T03-04-05-000Z',
    ]);
    expect(JSON.parse(await readFile(aside, 'utf8')).appearance.theme).toBe('purple');
    // The same sentence as for a file that is not JSON at all (set-aside.ts).
    expect(notices).toEqual([
      `Parley could not read your settings file, so it started afresh. The old file was kept as ${aside}; nothing was deleted.`,
    ]);
    expect(logged).toHaveLength(1);
    expect(new SettingsFile(conf()).read()).toEqual(defaultSettings());
  });

  it('writes each change as one write of the whole document', () => {
    const store = new MemoryStore();
    const file = new SettingsFile(store);
    const update = vi.spyOn(store, 'update');
    const set = vi.spyOn(store, 'set');
    file.update((draft) => {
      draft.appearance.theme = 'dark';
      draft.behaviour.sendWith = 'mod-enter';
    });
    expect(update).toHaveBeenCalledOnce();
    expect(set).not.toHaveBeenCalled();
    expect(update.mock.calls[0]?.[0]).toMatchObject({
      appearance: { theme: 'dark' },
      behaviour: { sendWith: 'mod-enter' },
    });
  });

  it('update validates before writing: a bad change throws and nothing is written', () => {
    const store = new MemoryStore();
    const file = new SettingsFile(store);
    expect(() =>
      file.update((draft) => {
        (draft.behaviour as { sendWith: string }).sendWith = 'shift-enter';
      }),
    ).toThrow();
    expect(file.read().behaviour.sendWith).toBe('enter');
    file.update((draft) => {
      draft.appearance.theme = 'dark';
    });
    expect(new SettingsFile(store).read().appearance.theme).toBe('dark');
  });
});
