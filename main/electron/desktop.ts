/**
 * Parley as a desktop citizen: the application menu, the context menu, the reload keys a
 * release ignores, the main window's remembered place, the tray icon and the global shortcut
 * that opens the quick-ask window. The decisions live in main/desktop/*; this is the glue.
 */
import { Menu, Tray, app, globalShortcut, nativeImage, screen } from 'electron';
import type { BrowserWindow, Display, WebContents } from 'electron';
import { join } from 'node:path';
import type { AppCommand } from '../../preload/api';
import { sendEvent } from '../events/send-event';
import {
  readDesktopPreferences,
  rememberWindow,
  writeDesktopPreferences,
  type DesktopPreferences,
} from '../desktop/desktop-file';
import { buildAppMenu, buildContextMenu, type MenuCommand } from '../desktop/menu-template';
import { isReloadKey } from '../desktop/reload-keys';
import { displayKey, restoreWindowState, type WindowState } from '../desktop/window-state';
import type { Log } from '../log';
import { createMainWindow } from './window';

/** What the desktop glue needs from the app. */
export interface DesktopOptions {
  platform: NodeJS.Platform;
  /** Not packaged: Reload and the developer tools stay in the menu, reload keys work. */
  dev: boolean;
  /** The UI's URL; the quick-ask window loads it with `#quick-ask`. */
  uiUrl: string;
  preloadPath: string;
  /** The tray icon (a PNG; resized for the platform). */
  trayIconPath: string;
  /** The main window, opened first if none is. */
  showMainWindow(): BrowserWindow;
  /** The main window if one is open. */
  mainWindow(): BrowserWindow | null;
  checkForUpdates(): void;
  onContentsDestroyed(webContentsId: number): void;
  /**
   * Send a conversation's running reply to the main window's page from now on (ChatService's
   * `handOver`): called before quick ask closes, whose closing would otherwise stop it.
   */
  handOver(conversationId: string, to: WebContents): void;
  log: Log;
}

/** The desktop pieces, for index.ts. */
export interface Desktop {
  /** Where the main window opens: its place for the current displays, made visible. */
  initialWindowState(): WindowState | null;
  /** Menus, keys and place-saving for a newly created main window. */
  attachMainWindow(window: BrowserWindow): void;
  /** Send a command to the main window's page (opening the window first if needed). */
  sendCommand(command: AppCommand): void;
  /**
   * Quick ask's "Continue in Parley": hand a reply still streaming to the main window, close
   * quick ask, and open the conversation in the main window (where the reply goes on live).
   */
  continueInMain(conversationId: string): void;
  /** Open, focus or (when focused) close the quick-ask window. */
  toggleQuickAsk(): void;
}

/** The displays with the primary one first (the fallback place). */
function displays(): Display[] {
  const primary = screen.getPrimaryDisplay();
  return [primary, ...screen.getAllDisplays().filter((display) => display.id !== primary.id)];
}

/** Wire the menu, tray and global shortcut. Call once, after `ready`. */
export function startDesktop(options: DesktopOptions): Desktop {
  const file = join(app.getPath('userData'), 'desktop.json');
  let preferences: DesktopPreferences = readDesktopPreferences(file);
  let quickAsk: BrowserWindow | null = null;

  const sendCommand = (command: AppCommand) => {
    const window = options.showMainWindow();
    const contents = window.webContents;
    // A window opened just now hears nothing until its page has loaded.
    if (contents.isLoading())
      contents.once('did-finish-load', () => sendEvent(contents, 'app:command', command));
    else sendEvent(contents, 'app:command', command);
  };
  const command = (type: MenuCommand) => sendCommand({ type });

  const blockReloadKeys = (contents: WebContents) => {
    if (options.dev) return;
    contents.on('before-input-event', (event, input) => {
      if (isReloadKey(input)) event.preventDefault();
    });
  };

  const toggleQuickAsk = () => {
    if (quickAsk && !quickAsk.isDestroyed()) {
      if (quickAsk.isFocused()) quickAsk.close();
      else quickAsk.focus();
      return;
    }
    const window = createMainWindow({
      url: `${options.uiUrl}#quick-ask`,
      preloadPath: options.preloadPath,
      onContentsDestroyed: options.onContentsDestroyed,
      log: options.log,
      overrides: {
        title: 'Quick Ask — Parley',
        width: 620,
        height: 440,
        minWidth: 420,
        minHeight: 260,
        center: true,
        minimizable: false,
        maximizable: false,
        fullscreenable: false,
        skipTaskbar: true,
        alwaysOnTop: true,
      },
    });
    blockReloadKeys(window.webContents);
    window.on('closed', () => {
      if (quickAsk === window) quickAsk = null;
    });
    quickAsk = window;
  };

  const menuActions = { command, checkForUpdates: options.checkForUpdates };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenu(options.platform, menuActions, { appName: app.name, dev: options.dev }),
    ),
  );

  const shortcut = preferences.quickAskShortcut;
  if (shortcut !== '') {
    try {
      if (!globalShortcut.register(shortcut, toggleQuickAsk)) {
        options.log(`the quick-ask shortcut ${shortcut} is taken by another app`, null);
      }
    } catch (error) {
      options.log(`the quick-ask shortcut ${shortcut} is not a valid accelerator`, error);
    }
  }
  app.on('will-quit', () => globalShortcut.unregisterAll());

  const icon = nativeImage.createFromPath(options.trayIconPath);
  const tray = new Tray(
    options.platform === 'linux' ? icon : icon.resize({ width: 16, height: 16 }),
  );
  tray.setToolTip('Parley');
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Quick Ask', accelerator: shortcut || undefined, click: toggleQuickAsk },
      { label: 'Show Parley', click: () => options.showMainWindow() },
      { type: 'separator' },
      { role: 'quit' },
    ]),
  );
  tray.on('click', toggleQuickAsk);

  return {
    initialWindowState: () =>
      restoreWindowState(preferences.windows, displays(), { width: 1100, height: 800 }),
    attachMainWindow(window) {
      const contents = window.webContents;
      blockReloadKeys(contents);
      contents.on('context-menu', (_event, params) => {
        const send = (action: 'copy-markdown' | 'regenerate' | 'edit', x: number, y: number) =>
          sendEvent(contents, 'app:command', { type: 'context', action, x, y });
        Menu.buildFromTemplate(buildContextMenu(params, send)).popup({ window });
      });
      window.on('close', () => {
        const state = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
        preferences = rememberWindow(preferences, displayKey(displays()), state);
        try {
          writeDesktopPreferences(file, preferences);
        } catch (error) {
          options.log('could not save the window position', error);
        }
      });
    },
    sendCommand,
    continueInMain(conversationId) {
      options.handOver(conversationId, options.showMainWindow().webContents);
      quickAsk?.close();
      sendCommand({ type: 'open-conversation', conversationId });
      options.mainWindow()?.focus();
    },
    toggleQuickAsk,
  };
}
