/**
 * A stand-in for the 'electron' module in main-process tests: just enough of app, BrowserWindow,
 * ipcMain, protocol, net, shell, session, safeStorage and nativeTheme to drive Parley's edge.
 * Use with `vi.mock('electron', () => import('./fake-electron'))`.
 */
import { EventEmitter } from 'node:events';
import { vi } from 'vitest';

/** An Electron-style event: records whether a listener cancelled it. */
export function fakeEvent<T extends object>(fields: T = {} as T) {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault: vi.fn(function (this: { defaultPrevented: boolean }) {
      this.defaultPrevented = true;
    }),
  };
}

/** A session whose permission handlers the tests can call. */
export class FakeSession {
  setPermissionRequestHandler = vi.fn();
  setPermissionCheckHandler = vi.fn();
  webRequest = { onHeadersReceived: vi.fn() };
}

let nextContentsId = 1;

/** A WebContents: an event emitter with a window-open handler slot. */
export class FakeWebContents extends EventEmitter {
  readonly id = nextContentsId++;
  session = new FakeSession();
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.windowOpenHandler = handler;
  });
  isDestroyed = vi.fn(() => false);
  send = vi.fn();
}

/** A BrowserWindow that records its options and never renders. */
export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows = vi.fn(() => FakeBrowserWindow.instances.filter((w) => !w.closed));
  /** What every window's `loadURL` resolves or rejects with. */
  static loadResult: (url: string) => Promise<void> = () => Promise.resolve();
  readonly webContents = new FakeWebContents();
  closed = false;
  loadURL = vi.fn((url: string) => FakeBrowserWindow.loadResult(url));
  show = vi.fn();
  focus = vi.fn();
  restore = vi.fn();
  isMinimized = vi.fn(() => false);

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    fakeApp.emit('web-contents-created', fakeEvent(), this.webContents);
  }

  /** Close as Electron does: the page goes, then the window reports closed. */
  close(): void {
    this.closed = true;
    this.webContents.emit('destroyed');
    this.emit('closed');
  }
}

class FakeApp extends EventEmitter {
  isPackaged = false;
  requestSingleInstanceLock = vi.fn(() => true);
  quit = vi.fn();
  exit = vi.fn();
  whenReady = vi.fn(() => Promise.resolve());
  getPath = vi.fn((_name: string) => '/tmp/parley-user-data');
  getVersion = vi.fn(() => '0.1.0');
}

/** The fake `app`. */
export const fakeApp = new FakeApp();
export { fakeApp as app, FakeBrowserWindow as BrowserWindow };

/** The fake `ipcMain`: handlers by channel. */
export const ipcMain = {
  handlers: new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>(),
  handle: vi.fn(
    (channel: string, listener: (event: unknown, payload: unknown) => Promise<unknown>) => {
      ipcMain.handlers.set(channel, listener);
    },
  ),
};

/** The fake `protocol`. */
export const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };

/** The fake `net`. */
export const net = { fetch: vi.fn() };

/** The fake `shell`. */
export const shell = { openExternal: vi.fn((_url: string) => Promise.resolve()) };

/** The fake `clipboard`. */
export const clipboard = { writeText: vi.fn((_text: string) => {}) };

/** The fake `session`. */
export const session = { defaultSession: new FakeSession() };

/** The fake `nativeTheme`. */
export const nativeTheme = { shouldUseDarkColors: false };

/** The fake `safeStorage`: reversible "encryption" so round trips can be checked. */
export const safeStorage = {
  // The deprecated sync API, present so tests can assert it is never used.
  isEncryptionAvailable: vi.fn(() => true),
  encryptString: vi.fn(),
  decryptString: vi.fn(),
  isAsyncEncryptionAvailable: vi.fn(() => Promise.resolve(true)),
  getSelectedStorageBackend: vi.fn((): string => 'gnome_libsecret'),
  encryptStringAsync: vi.fn((plainText: string) =>
    Promise.resolve(Buffer.from(`enc:${plainText}`)),
  ),
  decryptStringAsync: vi.fn((cipherText: Buffer) =>
    Promise.resolve({ shouldReEncrypt: false, result: cipherText.toString().replace(/^enc:/, '') }),
  ),
};

/** Forget every window, handler and call, so each test starts clean. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  fakeApp.removeAllListeners();
  fakeApp.isPackaged = false;
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadResult = () => Promise.resolve();
  ipcMain.handlers.clear();
  nativeTheme.shouldUseDarkColors = false;
  fakeApp.getPath.mockImplementation(() => '/tmp/parley-user-data');
  safeStorage.getSelectedStorageBackend.mockImplementation(() => 'gnome_libsecret');
}
