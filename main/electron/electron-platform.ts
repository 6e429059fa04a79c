/**
 * What main's services get from Electron: the system's network stack, JSON store files in
 * userData, and the OS keychain through safeStorage. The harness builds the same `Platform`
 * from plain Node.
 */
import { app, BrowserWindow, clipboard, dialog, net, safeStorage, session, shell } from 'electron';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { log as mainLog, type Log } from '../log';
import { loginEnvironment } from '../mcp/login-environment';
import type { FileDialogs } from '../chat/conversation-service';
import type { FetchLike, FetchVia } from '../providers/types';
import type { Platform } from '../services';
import type { KeyCipher } from '../storage/key-cipher';
import { openJsonFileStore } from '../storage/json-file-store';

/** The `Platform` for `createServices` in the app. Call after `ready`: safeStorage needs it. */
export function electronPlatform(log: Log = mainLog): Platform {
  // Filled while the stores open: the user hears about a damaged file at start.
  const notices: string[] = [];
  const userData = app.getPath('userData');
  return {
    env: process.env,
    // net.fetch, not Node's: it honours the system proxy and the OS certificate store.
    fetch: (url, init) => net.fetch(url, init),
    // A profile's explicit proxy: its own session, so the system proxy stays for the rest.
    fetchVia: proxiedFetch(),
    databasePath: join(userData, 'parley.db'),
    settingsStore: openJsonFileStore(join(userData, 'settings.json'), {
      what: 'settings file',
      log,
      notices,
    }),
    // Owner-only: the file holds ciphertext, but there is no reason for anyone else to read it.
    secretsStore: openJsonFileStore(join(userData, 'secrets.json'), {
      what: 'saved API keys file',
      mode: 0o600,
      log,
      notices,
    }),
    cipher: safeStorageCipher(),
    openExternal: (url) => shell.openExternal(url),
    writeClipboard: (text) => clipboard.writeText(text),
    dataDir: userData,
    openPath: (path) => shell.openPath(path),
    notices,
    dialogs: electronDialogs(),
    log,
    // GUI apps on macOS (and some Linux desktops) do not inherit the shell's PATH, where `npx`
    // and `uvx` live: stdio MCP servers start with the login shell's environment, read once.
    loginEnvironment: loginEnvironment({ log }),
  };
}

/**
 * `fetchVia` for the app: each proxy URL gets its own in-memory session whose proxy is set
 * once (awaited before its first request); sessions are kept per URL.
 */
export function proxiedFetch(): FetchVia {
  const ready = new Map<string, Promise<Electron.Session>>();
  const sessionFor = (proxyUrl: string) => {
    let pending = ready.get(proxyUrl);
    if (!pending) {
      const ses = session.fromPartition(`parley-proxy:${proxyUrl}`);
      pending = ses.setProxy({ proxyRules: proxyUrl }).then(() => ses);
      // A failed setProxy is not cached: the next request tries again.
      pending.catch(() => ready.delete(proxyUrl));
      ready.set(proxyUrl, pending);
    }
    return pending;
  };
  return (proxyUrl): FetchLike =>
    async (url, init) =>
      (await sessionFor(proxyUrl)).fetch(url, init);
}

/** A `KeyCipher` over safeStorage's async API (the sync one is deprecated). */
export function safeStorageCipher(platform: NodeJS.Platform = process.platform): KeyCipher {
  return {
    isAvailable: () => safeStorage.isAsyncEncryptionAvailable(),
    // Linux without a keyring falls back to `basic_text`: a hard-coded key, obfuscation only.
    isStrong: () =>
      platform !== 'linux' || safeStorage.getSelectedStorageBackend() !== 'basic_text',
    encrypt: (plainText) => safeStorage.encryptStringAsync(plainText),
    decrypt: async (cipherText) =>
      (await safeStorage.decryptStringAsync(Buffer.from(cipherText))).result,
  };
}

// An export is text; anything this large is not one, and reading it would stall main.
const maxImportBytes = 200 * 1024 * 1024;

/** Save and Open dialogs for export and import, attached to the focused window. */
export function electronDialogs(): FileDialogs {
  return {
    async saveFile(suggestedName, content) {
      const options = {
        defaultPath: join(app.getPath('documents'), suggestedName),
        filters: [
          suggestedName.endsWith('.md')
            ? { name: 'Markdown', extensions: ['md'] }
            : { name: 'JSON', extensions: ['json'] },
        ],
      };
      const window = BrowserWindow.getFocusedWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { saved: false, fileName: suggestedName };
      await writeFile(result.filePath, content, 'utf8');
      return { saved: true, fileName: basename(result.filePath) };
    },
    async openJsonFile() {
      const options = {
        properties: ['openFile' as const],
        filters: [{ name: 'Parley export', extensions: ['json'] }],
      };
      const window = BrowserWindow.getFocusedWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      const path = result.filePaths[0];
      if (result.canceled || !path) return null;
      if ((await stat(path)).size > maxImportBytes) return '';
      return readFile(path, 'utf8');
    },
    async openFiles() {
      const options = {
        properties: ['openFile' as const, 'multiSelections' as const],
        filters: [
          {
            name: 'Images, PDFs and text',
            extensions: [
              'png',
              'jpg',
              'jpeg',
              'webp',
              'gif',
              'pdf',
              'txt',
              'md',
              'csv',
              'json',
              'log',
            ],
          },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const window = BrowserWindow.getFocusedWindow();
      const result = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
    },
    async saveBytes(suggestedName, bytes) {
      const options = { defaultPath: join(app.getPath('downloads'), suggestedName) };
      const window = BrowserWindow.getFocusedWindow();
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return { saved: false };
      await writeFile(result.filePath, bytes);
      return { saved: true };
    },
  };
}
