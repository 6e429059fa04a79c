/**
 * The main window and the rules every page of Parley lives under: sandboxed, isolated, locked
 * to the app's origin, no popups, no webviews, no permissions.
 */
import { BrowserWindow, nativeTheme, shell } from 'electron';
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import type { Log } from '../log';
import { externalUrlToOpen, originOf } from '../security';

/** What the main window needs from the app. */
export interface MainWindowOptions {
  /** The page to load: app://parley/index.html, or the Vite dev server in dev. */
  url: string;
  /** Absolute path of the bundled preload (dist-electron/preload.cjs). */
  preloadPath: string;
  /** Called with the page's webContents id once it is gone, so its generations stop. */
  onContentsDestroyed: (webContentsId: number) => void;
  log: Log;
  /** Where to open and whether maximized (remembered per display set; see desktop/window-state). */
  initialState?: {
    bounds: { x: number; y: number; width: number; height: number };
    maximized: boolean;
  } | null;
  /** Options that differ from the main window's (the quick-ask window is small). */
  overrides?: BrowserWindowConstructorOptions;
}

/** The window's colour before the renderer paints, so a dark system shows no white flash. */
export const windowBackground = { light: '#ffffff', dark: '#1e1e1e' } as const;

/** The BrowserWindow options: every renderer safeguard on, hidden until the first paint. */
export function mainWindowOptions(
  preloadPath: string,
  dark: boolean,
): BrowserWindowConstructorOptions {
  return {
    title: 'Parley',
    width: 1100,
    height: 800,
    minWidth: 480,
    minHeight: 400,
    show: false,
    backgroundColor: dark ? windowBackground.dark : windowBackground.light,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      // On for every window; whether it may run (and download dictionaries) on Windows and
      // Linux is the session's switch, set from the settings (settings/spellcheck-setting.ts).
      spellcheck: true,
    },
  };
}

/**
 * Keep a page on `allowedOrigin`: navigation elsewhere is cancelled, window.open never opens an
 * Electron window, webviews never attach. Each refused link goes to `onLeavingLink`, which the
 * main window uses to open safe links in the OS so links in replies still work.
 */
export function lockDownWebContents(
  contents: WebContents,
  allowedOrigin: string,
  onLeavingLink: (url: string) => void = () => {},
): void {
  contents.on('will-navigate', (event) => {
    if (originOf(event.url) === allowedOrigin) return;
    event.preventDefault();
    onLeavingLink(event.url);
  });
  contents.setWindowOpenHandler(({ url }) => {
    onLeavingLink(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Refuse every permission a page asks for (camera, notifications, …): Parley needs none. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

/** Open a link in the user's browser or mail app, if it is one of the schemes that is safe to. */
export function openExternally(url: string, log: Log): void {
  const target = externalUrlToOpen(url);
  if (target === null) {
    log('refused to open a link that is not http, https or mailto', null);
    return;
  }
  shell.openExternal(target).catch((error: unknown) => log('could not open a link', error));
}

/** Create the main window, harden it, load the UI, and show it once it has painted. */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    ...mainWindowOptions(options.preloadPath, nativeTheme.shouldUseDarkColors),
    ...options.initialState?.bounds,
    ...options.overrides,
  });
  const contents = window.webContents;
  // Read now: a destroyed WebContents throws on every property access.
  const contentsId = contents.id;
  denyAllPermissions(contents.session);
  lockDownWebContents(contents, originOf(options.url) ?? '', (url) =>
    openExternally(url, options.log),
  );
  contents.once('destroyed', () => options.onContentsDestroyed(contentsId));
  window.once('ready-to-show', () => {
    // Not before: maximize() shows a window, which would flash it before its first paint.
    if (options.initialState?.maximized) window.maximize();
    window.show();
  });
  window
    .loadURL(options.url)
    .catch((error: unknown) => options.log('could not load the UI', error));
  return window;
}
