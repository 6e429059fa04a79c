import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { invokeChannelNames } from '../../../preload/api';
import type * as FakeElectron from './fake-electron';

vi.mock('electron', () => import('./fake-electron'));
// The real module requires the Electron binary's API at load; a dev run never reads autoUpdater.
vi.mock('electron-updater', () => ({ default: {} }));

// The lifecycle is under test here, not the services: they are stand-ins that record calls.
const state = vi.hoisted(() => ({
  services: null as null | ReturnType<typeof makeServices>,
  createServicesError: null as Error | null,
}));
function makeServices() {
  return {
    chat: {
      abortForSink: vi.fn(),
      stop: vi.fn(),
      handOver: vi.fn(),
    },
    profiles: {},
    settings: fakeSettings(),
    shutdown: vi.fn(() => Promise.resolve()),
  };
}
/** Preferences whose theme a test sets; `change` plays a saved change. */
function fakeSettings() {
  let theme: 'system' | 'light' | 'dark' = 'dark';
  const listeners = new Set<(view: { theme: typeof theme }) => void>();
  return {
    view: () => ({ theme, downloadSpellingDictionaries: false }),
    onChange: (listener: (view: { theme: typeof theme }) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    change(next: typeof theme) {
      theme = next;
      for (const listener of listeners) listener({ theme });
    },
  };
}
vi.mock('../../../main/services', () => ({
  createServices: vi.fn((platform: unknown) => {
    if (state.createServicesError) throw state.createServicesError;
    expect(platform).toMatchObject({ platform: 'electron' });
    return state.services;
  }),
}));
vi.mock('../../../main/electron/electron-platform', () => ({
  electronPlatform: vi.fn(() => ({ platform: 'electron' })),
}));

// Where main/electron/index.ts sits: it is run from source here, so baseDir is its folder.
const entryDir = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  '..',
  'main',
  'electron',
);
const allInvokeChannels = invokeChannelNames;

let electron: typeof FakeElectron;
let userData: string;
let ready: { resolve(): void; reject(error: unknown): void };

/** Import main/electron/index.ts afresh, as Electron would run it, with `ready` held until released. */
async function launch(options: { packaged?: boolean; lock?: boolean } = {}) {
  electron.fakeApp.isPackaged = options.packaged ?? false;
  electron.fakeApp.requestSingleInstanceLock.mockReturnValue(options.lock ?? true);
  await import('../../../main/electron/index');
}

async function becomeReady() {
  ready.resolve();
  await new Promise((resolve) => setImmediate(resolve));
}

function mainWindow() {
  const window = electron.FakeBrowserWindow.instances.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

beforeEach(async () => {
  vi.resetModules();
  // The same instance main/electron/index.ts will get; a fresh one after each reset.
  electron = (await import('electron')) as unknown as typeof FakeElectron;
  electron.resetFakeElectron();
  // Main's log file goes to <userData>/logs: a fresh folder per test, removed after.
  userData = mkdtempSync(join(tmpdir(), 'parley-user-data-'));
  electron.fakeApp.getPath.mockImplementation(() => userData);
  electron.fakeApp.whenReady.mockImplementation(
    () =>
      new Promise<void>((resolve, reject) => {
        ready = { resolve, reject };
      }),
  );
  state.services = makeServices();
  state.createServicesError = null;
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.stubEnv('VITE_DEV_SERVER_URL', '');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  vi.useRealTimers();
  rmSync(userData, { recursive: true, force: true });
});

describe('startup', () => {
  it('registers the app scheme before ready and wires everything after', async () => {
    await launch();
    expect(electron.fakeApp.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalledOnce();
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    expect(electron.ipcMain.handle).not.toHaveBeenCalled();
    expect(electron.FakeBrowserWindow.instances).toHaveLength(0);

    await becomeReady();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(mainWindow().loadURL).toHaveBeenCalledWith('app://parley/index.html');
    const prefs = mainWindow().options.webPreferences as { preload: string };
    expect(prefs.preload).toBe(join(entryDir, 'preload.cjs'));
  });

  it('sets nativeTheme.themeSource from the setting before the window, and follows changes', async () => {
    await launch();
    expect(electron.nativeTheme.themeSource).toBe('system');
    let atWindow: string | null = null;
    electron.FakeBrowserWindow.loadResult = () => {
      atWindow = electron.nativeTheme.themeSource;
      return Promise.resolve();
    };
    await becomeReady();
    expect(atWindow).toBe('dark');
    state.services?.settings.change('light');
    expect(electron.nativeTheme.themeSource).toBe('light');
    state.services?.settings.change('system');
    expect(electron.nativeTheme.themeSource).toBe('system');
  });

  it.skipIf(process.platform === 'darwin')(
    'on Windows and Linux, turns the spellchecker off and blocks dictionary downloads before the window',
    async () => {
      await launch();
      const spelling = electron.session.defaultSession;
      let atWindow: unknown[] = [];
      electron.FakeBrowserWindow.loadResult = () => {
        atWindow = [
          spelling.setSpellCheckerEnabled.mock.calls,
          spelling.setSpellCheckerDictionaryDownloadURL.mock.calls,
        ];
        return Promise.resolve();
      };
      await becomeReady();
      expect(atWindow).toEqual([[[false]], [['http://127.0.0.1:9/']]]);
    },
  );

  it('registers a handler for every invoke channel in the contract', async () => {
    await launch();
    await becomeReady();
    expect([...electron.ipcMain.handlers.keys()].sort()).toEqual([...allInvokeChannels].sort());
  });

  it('answers only pages of app://parley', async () => {
    await launch();
    await becomeReady();
    const stop = electron.ipcMain.handlers.get('chat:stop');
    const sender = mainWindow().webContents;
    const payload = { streamId: 's1' };

    await expect(
      stop?.({ sender, senderFrame: { url: 'https://evil.example/' } }, payload),
    ).resolves.toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    await expect(stop?.({ sender, senderFrame: null }, payload)).resolves.toMatchObject({
      ok: false,
      error: { kind: 'forbidden' },
    });
    expect(state.services?.chat.stop).not.toHaveBeenCalled();

    await expect(
      stop?.({ sender, senderFrame: { url: 'app://parley/index.html' } }, payload),
    ).resolves.toEqual({ ok: true, value: null });
    expect(state.services?.chat.stop).toHaveBeenCalledWith(payload);
  });

  it('hands over to the running instance when it is not the first', async () => {
    await launch({ lock: false });
    expect(electron.fakeApp.quit).toHaveBeenCalled();
    expect(electron.fakeApp.whenReady).not.toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).not.toHaveBeenCalled();
  });

  it('logs and exits when startup fails, rather than running without a window', async () => {
    state.createServicesError = new Error('disk full');
    await launch();
    await becomeReady();
    expect(console.error).toHaveBeenCalledWith(
      expect.stringContaining('could not start'),
      state.createServicesError,
    );
    expect(electron.fakeApp.exit).toHaveBeenCalledWith(1);
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Parley could not start',
      'Something went wrong while starting. Details are in the log file (Settings → Data → logs/main.log).',
    );
    // The file the message points to holds the sentence and the error behind it.
    const logged = readFileSync(join(userData, 'logs', 'main.log'), 'utf8');
    expect(logged).toContain('Parley could not start');
    expect(logged).toContain('Error: disk full');
  });

  it('a database that cannot be opened is named to the user, who is told nothing changed', async () => {
    const { DatabaseOpenError } = await import('../../../main/storage/database');
    state.createServicesError = new DatabaseOpenError(
      'Parley could not prepare its conversation database.',
      new Error('The database was written by a newer Parley (schema 9; this one knows 2).'),
    );
    await launch();
    await becomeReady();
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Parley could not start',
      expect.stringMatching(
        /could not prepare .* not changed\.\s+The database was written by a newer Parley/s,
      ),
    );
    expect(electron.fakeApp.exit).toHaveBeenCalledWith(1);
  });
});

describe('dev server', () => {
  it('loads the dev server and trusts only its origin', async () => {
    vi.stubEnv('VITE_DEV_SERVER_URL', 'http://localhost:5173/');
    await launch();
    await becomeReady();
    expect(mainWindow().loadURL).toHaveBeenCalledWith('http://localhost:5173/');
    expect(electron.session.defaultSession.webRequest.onHeadersReceived).toHaveBeenCalled();

    const stop = electron.ipcMain.handlers.get('chat:stop');
    const sender = mainWindow().webContents;
    const fromDev = { sender, senderFrame: { url: 'http://localhost:5173/' } };
    const fromApp = { sender, senderFrame: { url: 'app://parley/index.html' } };
    await expect(stop?.(fromDev, { streamId: 's' })).resolves.toMatchObject({ ok: true });
    await expect(stop?.(fromApp, { streamId: 's' })).resolves.toMatchObject({ ok: false });
  });

  it('is ignored by a packaged app', async () => {
    vi.stubEnv('VITE_DEV_SERVER_URL', 'https://attacker.example/');
    await launch({ packaged: true });
    await becomeReady();
    expect(mainWindow().loadURL).toHaveBeenCalledWith('app://parley/index.html');
  });
});

describe('windows', () => {
  it('aborts the generations of a window when it closes', async () => {
    await launch();
    await becomeReady();
    const window = mainWindow();
    window.close();
    expect(state.services?.chat.abortForSink).toHaveBeenCalledExactlyOnceWith(
      window.webContents.id,
    );
  });

  it('focuses the existing window when a second instance starts', async () => {
    await launch();
    await becomeReady();
    const window = mainWindow();
    window.isMinimized.mockReturnValue(true);
    electron.fakeApp.emit('second-instance');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
  });

  it.each([
    ['linux', true],
    ['win32', true],
    ['darwin', false],
  ] as const)('on %s, closing the last window quits: %s', async (platform, quits) => {
    vi.spyOn(process, 'platform', 'get').mockReturnValue(platform);
    await launch();
    await becomeReady();
    mainWindow().close();
    electron.fakeApp.emit('window-all-closed');
    expect(electron.fakeApp.quit).toHaveBeenCalledTimes(quits ? 1 : 0);
  });

  it('re-creates the window on activate when none is open (macOS)', async () => {
    await launch();
    await becomeReady();
    electron.fakeApp.emit('activate');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(1);
    mainWindow().close();
    electron.fakeApp.emit('activate');
    expect(electron.FakeBrowserWindow.instances).toHaveLength(2);
    expect(mainWindow().closed).toBe(false);
  });

  it('locks down every page that is created, as a second line of defence', async () => {
    await launch();
    await becomeReady();
    const stray = new electron.FakeWebContents();
    electron.fakeApp.emit('web-contents-created', electron.fakeEvent(), stray);

    const navigation = electron.fakeEvent({ url: 'https://example.com/' });
    stray.emit('will-navigate', navigation);
    expect(navigation.preventDefault).toHaveBeenCalled();
    expect(stray.windowOpenHandler?.({ url: 'https://example.com/' })).toEqual({
      action: 'deny',
    });
    const webview = electron.fakeEvent();
    stray.emit('will-attach-webview', webview, {}, {});
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(electron.shell.openExternal).not.toHaveBeenCalled();
  });
});

describe('quitting', () => {
  it('waits for generations to stop before it quits', async () => {
    await launch();
    await becomeReady();
    let finishShutdown = () => {};
    state.services?.shutdown.mockReturnValue(
      new Promise<void>((resolve) => (finishShutdown = resolve)),
    );

    const first = electron.fakeEvent();
    electron.fakeApp.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(state.services?.shutdown).toHaveBeenCalledOnce();
    // Asking again while it waits does not start a second shutdown.
    electron.fakeApp.emit('before-quit', electron.fakeEvent());
    expect(state.services?.shutdown).toHaveBeenCalledOnce();
    expect(electron.fakeApp.quit).not.toHaveBeenCalled();

    finishShutdown();
    await new Promise((resolve) => setImmediate(resolve));
    expect(electron.fakeApp.quit).toHaveBeenCalledOnce();
    const second = electron.fakeEvent();
    electron.fakeApp.emit('before-quit', second);
    expect(second.preventDefault).not.toHaveBeenCalled();
  });

  it('quits anyway when stopping takes too long', async () => {
    await launch();
    await becomeReady();
    vi.useFakeTimers();
    state.services?.shutdown.mockReturnValue(new Promise<void>(() => {}));
    electron.fakeApp.emit('before-quit', electron.fakeEvent());
    const { shutdownGraceMs } = await import('../../../main/electron/index');
    await vi.advanceTimersByTimeAsync(shutdownGraceMs - 1);
    expect(electron.fakeApp.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(electron.fakeApp.quit).toHaveBeenCalledOnce();
  });

  it('logs a failed shutdown and still quits', async () => {
    await launch();
    await becomeReady();
    const failure = new Error('boom');
    state.services?.shutdown.mockRejectedValue(failure);
    electron.fakeApp.emit('before-quit', electron.fakeEvent());
    await new Promise((resolve) => setImmediate(resolve));
    expect(console.error).toHaveBeenCalledWith(expect.stringContaining('quit'), failure);
    expect(electron.fakeApp.quit).toHaveBeenCalledOnce();
  });

  it('does not hold a quit that comes before the app is ready', async () => {
    await launch();
    const event = electron.fakeEvent();
    electron.fakeApp.emit('before-quit', event);
    expect(event.preventDefault).not.toHaveBeenCalled();
  });
});

describe('desktop', () => {
  it('installs the menu, the tray and the quick-ask shortcut once ready', async () => {
    await launch();
    expect(electron.Menu.setApplicationMenu).not.toHaveBeenCalled();
    await becomeReady();
    expect(electron.Menu.setApplicationMenu).toHaveBeenCalledOnce();
    expect(electron.FakeTray.instances).toHaveLength(1);
    expect(electron.globalShortcut.register).toHaveBeenCalledOnce();
  });

  it('hands a quick-ask conversation to the main window over app:command', async () => {
    const { createServices } = await import('../../../main/services');
    await launch();
    await becomeReady();
    const platform = vi.mocked(createServices).mock.calls.at(-1)?.[0];
    platform?.continueInMain?.('conv-1');
    // A reply still streaming in quick ask goes on in the main window's page.
    expect(state.services?.chat.handOver).toHaveBeenCalledExactlyOnceWith(
      'conv-1',
      mainWindow().webContents,
    );
    expect(mainWindow().webContents.send).toHaveBeenCalledWith('app:command', {
      type: 'open-conversation',
      conversationId: 'conv-1',
    });
  });

  it('blocks the reload keys only in a packaged app', async () => {
    await launch({ packaged: true });
    await becomeReady();
    expect(mainWindow().webContents.listenerCount('before-input-event')).toBe(1);
  });
});
