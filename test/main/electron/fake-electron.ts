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
  setSpellCheckerEnabled = vi.fn((_enable: boolean) => {});
  setSpellCheckerDictionaryDownloadURL = vi.fn((_url: string) => {});
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
  isLoading = vi.fn(() => false);
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
  maximize = vi.fn();
  isMaximized = vi.fn(() => false);
  isFocused = vi.fn(() => true);
  isDestroyed = vi.fn(() => this.closed);
  getNormalBounds = vi.fn(() => ({ x: 10, y: 20, width: 1100, height: 800 }));

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

/** A session from `session.fromPartition`: records its proxy and answers fetches. */
export class FakePartitionSession extends FakeSession {
  constructor(readonly partition: string) {
    super();
  }
  setProxy = vi.fn((_config: { proxyRules?: string }) => Promise.resolve());
  fetch = vi.fn((_url: string, _init?: RequestInit) => Promise.resolve(new Response('ok')));
}

/** The fake `session`: `fromPartition` gives one session per partition, as Electron does. */
export const session = {
  defaultSession: new FakeSession(),
  partitions: new Map<string, FakePartitionSession>(),
  fromPartition: vi.fn((partition: string) => {
    let found = session.partitions.get(partition);
    if (!found) {
      found = new FakePartitionSession(partition);
      session.partitions.set(partition, found);
    }
    return found;
  }),
};

/** The fake `nativeTheme`. */
export const nativeTheme = {
  shouldUseDarkColors: false,
  themeSource: 'system' as 'system' | 'light' | 'dark',
};

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

/** A menu built from a template: keeps the template so tests can read and click it. */
export class FakeMenu {
  static applicationMenu: FakeMenu | null = null;
  static built: FakeMenu[] = [];
  static buildFromTemplate = vi.fn((template: unknown[]) => {
    const menu = new FakeMenu(template);
    FakeMenu.built.push(menu);
    return menu;
  });
  static setApplicationMenu = vi.fn((menu: FakeMenu | null) => {
    FakeMenu.applicationMenu = menu;
  });
  popup = vi.fn();
  constructor(readonly template: unknown[]) {}
}
export { FakeMenu as Menu };

/** A tray icon that records its menu and can be clicked. */
export class FakeTray extends EventEmitter {
  static instances: FakeTray[] = [];
  setToolTip = vi.fn();
  setContextMenu = vi.fn();
  constructor(readonly image: unknown) {
    super();
    FakeTray.instances.push(this);
  }
}
export { FakeTray as Tray };

/** The fake `nativeImage`: images that remember their path and size. */
export const nativeImage = {
  createFromPath: vi.fn((path: string) => ({
    path,
    resize: (size: { width: number; height: number }) => ({ path, ...size }),
  })),
};

/** The fake `globalShortcut`: registered accelerators and their callbacks. */
export const globalShortcut = {
  registered: new Map<string, () => void>(),
  register: vi.fn((accelerator: string, callback: () => void) => {
    globalShortcut.registered.set(accelerator, callback);
    return true;
  }),
  unregisterAll: vi.fn(() => globalShortcut.registered.clear()),
};

/** The fake `screen`: one 1920×1080 display unless a test sets others. */
export const screen = {
  displays: [] as Array<{ id: number; bounds: Rect; workArea: Rect }>,
  getAllDisplays: vi.fn(() => screen.displays),
  getPrimaryDisplay: vi.fn(() => screen.displays[0]),
};
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
const defaultDisplay = () => ({
  id: 1,
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 25, width: 1920, height: 1055 },
});
screen.displays = [defaultDisplay()];

/** The fake `dialog`: message boxes answer with `messageBoxResponse`. */
export const dialog = {
  messageBoxResponse: 0,
  showMessageBox: vi.fn((_options: unknown) =>
    Promise.resolve({ response: dialog.messageBoxResponse, checkboxChecked: false }),
  ),
  showErrorBox: vi.fn((_title: string, _content: string) => {}),
};

/** Forget every window, handler and call, so each test starts clean. */
export function resetFakeElectron(): void {
  vi.clearAllMocks();
  fakeApp.removeAllListeners();
  fakeApp.isPackaged = false;
  FakeBrowserWindow.instances = [];
  FakeBrowserWindow.loadResult = () => Promise.resolve();
  ipcMain.handlers.clear();
  session.partitions.clear();
  FakeMenu.applicationMenu = null;
  FakeMenu.built = [];
  FakeTray.instances = [];
  globalShortcut.registered.clear();
  screen.displays = [defaultDisplay()];
  dialog.messageBoxResponse = 0;
  nativeTheme.shouldUseDarkColors = false;
  nativeTheme.themeSource = 'system';
  fakeApp.getPath.mockImplementation(() => '/tmp/parley-user-data');
  safeStorage.getSelectedStorageBackend.mockImplementation(() => 'gnome_libsecret');
}
