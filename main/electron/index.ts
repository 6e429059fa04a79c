/**
 * Parley's main-process entry: one instance, the app:// scheme, main's services and their IPC
 * handlers, the window, and a clean stop of every generation before quitting.
 */
import { BrowserWindow, app, dialog, ipcMain, nativeTheme, session } from 'electron';
import { join } from 'node:path';
import { handleAppProtocol, registerAppScheme, reportDevCsp } from './app-protocol';
import { electronPlatform } from './electron-platform';
import { registerHandlers } from '../ipc/register-handlers';
import { log, logToFolder } from '../log';
import { appOrigin, createSenderCheck, originOf } from '../security';
import { DatabaseOpenError } from '../storage/database';
import { createServices, type Services } from '../services';
import { followThemeSetting } from '../settings/native-theme';
import { followSpellcheckSetting } from '../settings/spellcheck-setting';
import { startDesktop, type Desktop } from './desktop';
import type { UpdatePrompts } from '../desktop/update-controller';
import { createAppUpdater } from './updater';
import { createMainWindow, lockDownWebContents } from './window';

/** Where the app's files are and where the UI comes from. */
export interface AppConfig {
  /** The folder of the built main.js (dist-electron/); preload.cjs sits next to it, dist/ beside it. */
  baseDir: string;
  /** The Vite dev server, in dev only; the app:// build otherwise. */
  devServerUrl?: string;
}

/** How long quitting waits for running generations to unwind before it goes anyway. */
export const shutdownGraceMs = 3_000;

/** Wire the app's lifecycle. Called once, at import, with the values of this process. */
export function startApp(config: AppConfig): void {
  // A second copy would write the same settings files; it hands over to the first and exits.
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  registerAppScheme();
  // An installed app has no terminal: failures also go to <userData>/logs/main.log.
  logToFolder(join(app.getPath('userData'), 'logs'));

  const uiUrl = config.devServerUrl ?? `${appOrigin}/index.html`;
  const uiOrigin = originOf(uiUrl) ?? appOrigin;
  let services: Services | null = null;
  let mainWindow: BrowserWindow | null = null;
  let desktop: Desktop | null = null;

  const openWindow = (ready: Services) => {
    const window = createMainWindow({
      url: uiUrl,
      preloadPath: join(config.baseDir, 'preload.cjs'),
      // A generation streams into one window; when that window goes, so does the generation.
      onContentsDestroyed: (id) => ready.chat.abortForSink(id),
      log,
      initialState: desktop?.initialWindowState(),
    });
    desktop?.attachMainWindow(window);
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
    return window;
  };

  // Second line of defence: whatever creates a page, it cannot leave the app or open windows.
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents, uiOrigin));

  app.on('second-instance', () => {
    if (!services) return;
    if (!mainWindow) {
      openWindow(services);
      return;
    }
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => {
    // macOS apps stay in the dock with no window open.
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('activate', () => {
    if (services && BrowserWindow.getAllWindows().length === 0) openWindow(services);
  });

  let quitting: 'no' | 'stopping' | 'done' = 'no';
  app.on('before-quit', (event) => {
    if (!services || quitting === 'done') return;
    // Hold the quit until generations have stopped, so partial replies are settled and saved.
    event.preventDefault();
    if (quitting === 'stopping') return;
    quitting = 'stopping';
    void settleWithin(services.shutdown(), shutdownGraceMs)
      .catch((error: unknown) => log('stopping generations before quit failed', error))
      .finally(() => {
        quitting = 'done';
        app.quit();
      });
  });

  app
    .whenReady()
    .then(() => {
      handleAppProtocol(join(config.baseDir, '..', 'dist'));
      if (config.devServerUrl) reportDevCsp(config.devServerUrl);
      const ready = createServices({
        ...electronPlatform(log),
        continueInMain: (conversationId) => desktop?.continueInMain(conversationId),
      });
      registerHandlers(ipcMain, ready, createSenderCheck([uiOrigin]), log);
      services = ready;
      // Before the first window, so its background already matches a light or dark choice.
      followThemeSetting(nativeTheme, ready.settings);
      // Also before the first window: no dictionary download may start before the setting says.
      followSpellcheckSetting(session.defaultSession, process.platform, ready.settings);
      const updates = createAppUpdater(app.isPackaged, nativeUpdatePrompts(), log);
      desktop = startDesktop({
        platform: process.platform,
        dev: !app.isPackaged,
        uiUrl,
        preloadPath: join(config.baseDir, 'preload.cjs'),
        trayIconPath: join(config.baseDir, '..', 'dist', 'tray.png'),
        showMainWindow: () => {
          const window = mainWindow ?? openWindow(ready);
          if (window.isMinimized()) window.restore();
          window.show();
          return window;
        },
        mainWindow: () => mainWindow,
        checkForUpdates: () => updates.check(true),
        onContentsDestroyed: (id) => ready.chat.abortForSink(id),
        handOver: (conversationId, contents) => ready.chat.handOver(conversationId, contents),
        log,
      });
      openWindow(ready);
      updates.check();
    })
    .catch((error: unknown) => {
      log('Parley could not start', error);
      // Say why before quitting: a database Parley cannot open is left as it was, for the user.
      dialog.showErrorBox('Parley could not start', startupFailureMessage(error));
      app.exit(1);
    });
}

/** What to tell the user when start-up fails; database problems carry their own sentence. */
export function startupFailureMessage(error: unknown): string {
  if (error instanceof DatabaseOpenError) {
    const cause = error.cause instanceof Error ? `\n\n${error.cause.message}` : '';
    return `${error.message} Your conversations were not changed.${cause}`;
  }
  return 'Something went wrong while starting. Details are in the log file (Settings → Data → logs/main.log).';
}

/** "Restart to update" and update-check results as native message boxes. */
function nativeUpdatePrompts(): UpdatePrompts {
  return {
    async askToRestart(version) {
      const { response } = await dialog.showMessageBox({
        type: 'info',
        message: `Parley ${version} is ready to install.`,
        detail: 'Restart Parley now to update, or it will update the next time you quit.',
        buttons: ['Restart to Update', 'Later'],
        defaultId: 0,
        cancelId: 1,
      });
      return response === 0;
    },
    inform(message) {
      void dialog.showMessageBox({ type: 'info', message, buttons: ['OK'] });
    },
  };
}

/** Resolve when `promise` settles or after `ms`, whichever comes first. */
async function settleWithin(promise: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, ms);
  });
  try {
    await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

startApp({
  baseDir: import.meta.dirname,
  // Never in a packaged app: an environment variable must not point Parley at another page.
  devServerUrl: (!app.isPackaged && process.env.VITE_DEV_SERVER_URL) || undefined,
});
