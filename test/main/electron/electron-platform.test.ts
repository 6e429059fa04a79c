import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SecretStore } from '../../../main/storage/secret-store';
import {
  app,
  clipboard,
  net,
  resetFakeElectron,
  safeStorage,
  session,
  shell,
} from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));

const { electronPlatform, safeStorageCipher } =
  await import('../../../main/electron/electron-platform');

let userData: string;
beforeEach(async () => {
  resetFakeElectron();
  userData = await mkdtemp(join(tmpdir(), 'parley-platform-'));
  app.getPath.mockImplementation(() => userData);
});
afterEach(() => rm(userData, { recursive: true, force: true }));

describe('electronPlatform', () => {
  it('fetchVia fetches over a session per proxy URL whose proxy is set once, before the first request', async () => {
    const platform = electronPlatform(vi.fn());
    const via = platform.fetchVia;
    if (!via) throw new Error('fetchVia missing');
    const proxyUrl = 'socks5://127.0.0.1:1080';
    const fetch = via(proxyUrl);
    const response = await fetch('https://api.example.com/v1/models', { method: 'GET' });
    expect(await response.text()).toBe('ok');
    const ses = session.partitions.get(`parley-proxy:${proxyUrl}`);
    expect(ses?.setProxy).toHaveBeenCalledWith({ proxyRules: proxyUrl });
    expect(ses?.fetch).toHaveBeenCalledWith('https://api.example.com/v1/models', { method: 'GET' });
    const setOrder = ses?.setProxy.mock.invocationCallOrder[0] ?? Infinity;
    const fetchOrder = ses?.fetch.mock.invocationCallOrder[0] ?? -1;
    expect(setOrder).toBeLessThan(fetchOrder);

    await via(proxyUrl)('https://api.example.com/v1/other', { method: 'POST' });
    await fetch('https://api.example.com/v1/third', {});
    expect(session.fromPartition).toHaveBeenCalledTimes(1);
    expect(ses?.setProxy).toHaveBeenCalledTimes(1);
    expect(ses?.fetch).toHaveBeenCalledTimes(3);

    await via('http://proxy:8080')('https://api.example.com/', {});
    expect(session.partitions.get('parley-proxy:http://proxy:8080')?.setProxy).toHaveBeenCalledWith(
      {
        proxyRules: 'http://proxy:8080',
      },
    );
    expect(net.fetch).not.toHaveBeenCalled();
  });

  it('reads the process environment', () => {
    expect(electronPlatform(vi.fn()).env).toBe(process.env);
  });

  it('opens links with the OS browser through shell.openExternal', async () => {
    await electronPlatform(vi.fn()).openExternal('https://example.com/');
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/');
  });

  it('copies text with the clipboard module', () => {
    electronPlatform(vi.fn()).writeClipboard('hello');
    expect(clipboard.writeText).toHaveBeenCalledExactlyOnceWith('hello');
  });

  it('fetches through net.fetch (system proxy and certificates)', async () => {
    const response = new Response('ok');
    net.fetch.mockResolvedValueOnce(response);
    const init = { method: 'POST', body: '{}' };
    await expect(electronPlatform(vi.fn()).fetch('https://api.example/v1', init)).resolves.toBe(
      response,
    );
    expect(net.fetch).toHaveBeenCalledExactlyOnceWith('https://api.example/v1', init);
  });

  it('keeps settings and secrets in separate files in userData, secrets owner-only', async () => {
    const platform = electronPlatform(vi.fn());
    platform.settingsStore.set('profile', { model: 'm' });
    platform.secretsStore.set('apiKey', 'Y2lwaGVy');
    expect(JSON.parse(await readFile(join(userData, 'settings.json'), 'utf8'))).toMatchObject({
      profile: { model: 'm' },
    });
    expect(JSON.parse(await readFile(join(userData, 'secrets.json'), 'utf8'))).toMatchObject({
      apiKey: 'Y2lwaGVy',
    });
    if (process.platform !== 'win32') {
      expect((await stat(join(userData, 'secrets.json'))).mode & 0o077).toBe(0);
    }
  });

  it('starts with no notices when the files are healthy', async () => {
    await writeFile(join(userData, 'settings.json'), '{"profile": {"model": "m"}}');
    expect(electronPlatform(vi.fn()).notices).toEqual([]);
  });

  it('a damaged settings file moved aside becomes a start notice naming where it went', async () => {
    await writeFile(join(userData, 'settings.json'), '{"profile": {"model": "m"');
    const platform = electronPlatform(vi.fn());

    const aside = (await readdir(userData)).find((name) =>
      name.startsWith('settings.json.corrupt-'),
    );
    expect(aside).toBeDefined();
    expect(platform.notices).toEqual([
      `Parley could not read your settings file, so it started afresh. The old file was kept as ${join(userData, aside ?? '')}; nothing was deleted.`,
    ]);
    // The app still starts on a fresh store.
    expect(platform.settingsStore.get('profile')).toBeUndefined();
  });

  it('a damaged secrets file is announced too, on its own', async () => {
    await writeFile(join(userData, 'secrets.json'), 'not json');
    const { notices } = electronPlatform(vi.fn());
    const aside = (await readdir(userData)).find((name) =>
      name.startsWith('secrets.json.corrupt-'),
    );
    expect(aside).toBeDefined();
    expect(notices).toEqual([
      `Parley could not read your saved API keys file, so it started afresh. The old file was kept as ${join(userData, aside ?? '')}; nothing was deleted.`,
    ]);
  });

  it('passes its log on to the services', () => {
    const log = vi.fn();
    expect(electronPlatform(log).log).toBe(log);
  });
});

describe('safeStorageCipher', () => {
  it('encrypts and decrypts with the async safeStorage API only', async () => {
    const cipher = safeStorageCipher('darwin');
    await expect(cipher.isAvailable()).resolves.toBe(true);
    const sealed = await cipher.encrypt('sk-secret');
    expect(safeStorage.encryptStringAsync).toHaveBeenCalledWith('sk-secret');
    await expect(cipher.decrypt(new Uint8Array(sealed))).resolves.toBe('sk-secret');
    const decryptArgument = safeStorage.decryptStringAsync.mock.calls[0]?.[0];
    expect(Buffer.isBuffer(decryptArgument)).toBe(true);
    expect(safeStorage.isAsyncEncryptionAvailable).toHaveBeenCalled();
    expect(safeStorage.isEncryptionAvailable).not.toHaveBeenCalled();
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(safeStorage.decryptString).not.toHaveBeenCalled();
  });

  it('reports when encryption is unavailable', async () => {
    safeStorage.isAsyncEncryptionAvailable.mockResolvedValueOnce(false);
    await expect(safeStorageCipher('linux').isAvailable()).resolves.toBe(false);
  });

  it("calls Linux's basic_text backend not strong", () => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(safeStorageCipher('linux').isStrong()).toBe(false);
  });

  it.each(['gnome_libsecret', 'kwallet5', 'kwallet6'])('calls Linux with %s strong', (backend) => {
    safeStorage.getSelectedStorageBackend.mockReturnValue(backend);
    expect(safeStorageCipher('linux').isStrong()).toBe(true);
  });

  it.each(['darwin', 'win32'] as const)('calls %s strong without asking for a backend', (os) => {
    safeStorage.getSelectedStorageBackend.mockReturnValue('basic_text');
    expect(safeStorageCipher(os).isStrong()).toBe(true);
    expect(safeStorage.getSelectedStorageBackend).not.toHaveBeenCalled();
  });

  it('never lets the plaintext key reach the secrets file', async () => {
    const platform = electronPlatform(vi.fn());
    const secrets = new SecretStore(platform.secretsStore, safeStorageCipher('darwin'));
    await secrets.setKey('p1', 'sk-ant-very-secret');
    const file = await readFile(join(userData, 'secrets.json'), 'utf8');
    expect(file).not.toContain('sk-ant-very-secret');
    await expect(secrets.getKey('p1')).resolves.toBe('sk-ant-very-secret');
  });
});
