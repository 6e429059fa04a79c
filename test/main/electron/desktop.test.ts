import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './fake-electron';
import type { MenuItemSpec } from '../../../main/desktop/menu-template';

vi.mock('electron', () => import('./fake-electron'));

const { startDesktop } = await import('../../../main/electron/desktop');
const { createMainWindow } = await import('../../../main/electron/window');

let userData: string;

/** Start the desktop glue with a main window the test owns. */
function start(overrides: { dev?: boolean; platform?: NodeJS.Platform; loading?: boolean } = {}) {
  let main: electron.FakeBrowserWindow | null = null;
  const checkForUpdates = vi.fn();
  const onContentsDestroyed = vi.fn();
  const log = vi.fn();
  // Records whether quick ask was still open when its reply was handed over.
  const handOver = vi.fn((_id: string, _to: unknown) => quickOpenAtHandOver.push(quickIsOpen()));
  const quickOpenAtHandOver: boolean[] = [];
  const quickIsOpen = () => {
    const quick = electron.FakeBrowserWindow.instances.find((window) => window !== main);
    return quick !== undefined && !quick.closed;
  };
  const openMain = () => {
    main = createMainWindow({
      url: 'app://parley/index.html',
      preloadPath: '/app/preload.cjs',
      onContentsDestroyed,
      log,
    }) as unknown as electron.FakeBrowserWindow;
    main.webContents.isLoading.mockReturnValue(overrides.loading ?? false);
    return main;
  };
  const desktop = startDesktop({
    platform: overrides.platform ?? 'linux',
    dev: overrides.dev ?? false,
    uiUrl: 'app://parley/index.html',
    preloadPath: '/app/preload.cjs',
    trayIconPath: '/app/dist/tray.png',
    showMainWindow: () => (main ?? openMain()) as never,
    mainWindow: () => main as never,
    checkForUpdates,
    onContentsDestroyed,
    handOver,
    log,
  });
  const attach = () => {
    const window = openMain();
    desktop.attachMainWindow(window as never);
    return window;
  };
  return {
    desktop,
    attach,
    checkForUpdates,
    log,
    handOver,
    quickOpenAtHandOver,
    mainWindow: () => main,
  };
}

function menuItem(items: unknown[], label: string): MenuItemSpec {
  for (const item of items as MenuItemSpec[]) {
    if (item.label === label) return item;
    const inner = item.submenu ? menuItem(item.submenu, label) : null;
    if (inner?.label === label) return inner;
  }
  return {};
}

beforeEach(() => {
  electron.resetFakeElectron();
  userData = mkdtempSync(join(tmpdir(), 'parley-desktop-glue-'));
  electron.fakeApp.getPath.mockImplementation(() => userData);
});

describe('the application menu', () => {
  it('is installed, and its commands reach the main page over app:command', () => {
    const { attach, checkForUpdates } = start();
    const window = attach();
    const menu = electron.FakeMenu.applicationMenu?.template ?? [];
    menuItem(menu, 'New Conversation').click?.();
    menuItem(menu, 'Keyboard Shortcuts').click?.();
    menuItem(menu, 'Check for Updates…').click?.();
    expect(window.webContents.send.mock.calls).toEqual([
      ['app:command', { type: 'new-conversation' }],
      ['app:command', { type: 'shortcuts' }],
    ]);
    expect(checkForUpdates).toHaveBeenCalledOnce();
  });

  it('opens a main window for a command when none is open, and sends once it has loaded', () => {
    const { mainWindow } = start({ loading: true });
    menuItem(electron.FakeMenu.applicationMenu?.template ?? [], 'Search…').click?.();
    const contents = mainWindow()?.webContents;
    expect(contents?.send).not.toHaveBeenCalled();
    contents?.emit('did-finish-load');
    expect(contents?.send).toHaveBeenCalledWith('app:command', { type: 'search' });
  });
});

describe('the main window', () => {
  it('blocks the reload keys in a release but lets Regenerate through', () => {
    const window = start().attach();
    const press = (input: Record<string, unknown>) => {
      const event = electron.fakeEvent();
      window.webContents.emit('before-input-event', event, {
        type: 'keyDown',
        control: false,
        meta: false,
        shift: false,
        alt: false,
        ...input,
      });
      return event.defaultPrevented;
    };
    expect(press({ key: 'r', control: true })).toBe(true);
    expect(press({ key: 'F5' })).toBe(true);
    expect(press({ key: 'R', control: true, shift: true })).toBe(false);
  });

  it('keeps the reload keys in development', () => {
    const window = start({ dev: true }).attach();
    expect(window.webContents.listenerCount('before-input-event')).toBe(0);
  });

  it('pops up a context menu whose message actions name the point', () => {
    const window = start().attach();
    window.webContents.emit('context-menu', electron.fakeEvent(), {
      x: 12,
      y: 34,
      selectionText: 'hi',
      isEditable: false,
    });
    const menu = electron.FakeMenu.built.at(-1);
    expect(menu?.popup).toHaveBeenCalledWith({ window });
    menuItem(menu?.template ?? [], 'Copy as Markdown').click?.();
    expect(window.webContents.send).toHaveBeenCalledWith('app:command', {
      type: 'context',
      action: 'copy-markdown',
      x: 12,
      y: 34,
    });
  });

  it('remembers its place for these displays and opens there next time', () => {
    const window = start().attach();
    window.getNormalBounds.mockReturnValue({ x: 300, y: 200, width: 900, height: 650 });
    window.isMaximized.mockReturnValue(true);
    window.emit('close', electron.fakeEvent());
    const saved = JSON.parse(readFileSync(join(userData, 'desktop.json'), 'utf8'));
    expect(Object.values(saved.windows)).toEqual([
      { bounds: { x: 300, y: 200, width: 900, height: 650 }, maximized: true },
    ]);
    expect(start().desktop.initialWindowState()).toEqual({
      bounds: { x: 300, y: 200, width: 900, height: 650 },
      maximized: true,
    });
  });

  it('comes back on screen when the display it was on is gone', () => {
    const window = start().attach();
    electron.screen.displays.push({
      id: 2,
      bounds: { x: 1920, y: 0, width: 1920, height: 1080 },
      workArea: { x: 1920, y: 0, width: 1920, height: 1080 },
    });
    window.getNormalBounds.mockReturnValue({ x: 2500, y: 100, width: 900, height: 650 });
    window.emit('close', electron.fakeEvent());
    electron.screen.displays.pop();
    // Back to one display, which has no saved place: centred on it, at the default size.
    expect(start().desktop.initialWindowState()).toEqual({
      bounds: { x: 410, y: 153, width: 1100, height: 800 },
      maximized: false,
    });
  });
});

describe('tray and quick ask', () => {
  it('registers the default global shortcut, which opens a small quick-ask window', () => {
    start();
    const toggle = electron.globalShortcut.registered.get('CommandOrControl+Shift+Space');
    expect(toggle).toBeTypeOf('function');
    toggle?.();
    const quick = electron.FakeBrowserWindow.instances.at(-1);
    expect(quick?.loadURL).toHaveBeenCalledWith('app://parley/index.html#quick-ask');
    expect(quick?.options).toMatchObject({ width: 620, alwaysOnTop: true, skipTaskbar: true });
    expect(quick?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true });
    // Pressed again while it has focus: it goes away.
    toggle?.();
    expect(quick?.closed).toBe(true);
  });

  it('uses the shortcut from desktop.json, and none when it is empty', () => {
    writeFileSync(join(userData, 'desktop.json'), JSON.stringify({ quickAskShortcut: 'Alt+Q' }));
    start();
    expect([...electron.globalShortcut.registered.keys()]).toEqual(['Alt+Q']);
    electron.resetFakeElectron();
    electron.fakeApp.getPath.mockImplementation(() => userData);
    writeFileSync(join(userData, 'desktop.json'), JSON.stringify({ quickAskShortcut: '' }));
    start();
    expect(electron.globalShortcut.register).not.toHaveBeenCalled();
  });

  it('logs a shortcut another app holds, and releases its own on quit', () => {
    electron.globalShortcut.register.mockReturnValueOnce(false);
    const { log } = start();
    expect(log).toHaveBeenCalledWith(expect.stringContaining('taken by another app'), null);
    electron.fakeApp.emit('will-quit');
    expect(electron.globalShortcut.unregisterAll).toHaveBeenCalled();
  });

  it('has a tray icon with Quick Ask, Show Parley and Quit', () => {
    const { mainWindow } = start({ platform: 'darwin' });
    const tray = electron.FakeTray.instances[0];
    expect(tray?.image).toMatchObject({ path: '/app/dist/tray.png', width: 16 });
    const menu = electron.FakeMenu.built.at(-1)?.template as MenuItemSpec[];
    expect(menu.map((item) => item.label ?? item.role ?? '—')).toEqual([
      'Quick Ask',
      'Show Parley',
      '—',
      'quit',
    ]);
    menu[1]?.click?.();
    expect(mainWindow()).not.toBeNull();
  });

  it('continues a quick-ask conversation in the main window, its reply handed over first', () => {
    const { desktop, attach, handOver, quickOpenAtHandOver } = start();
    const main = attach();
    desktop.toggleQuickAsk();
    const quick = electron.FakeBrowserWindow.instances.at(-1);
    desktop.continueInMain('conv-7');
    expect(quick?.closed).toBe(true);
    // To the main window's page, while quick ask (whose closing stops what streams there) was open.
    expect(handOver).toHaveBeenCalledWith('conv-7', main.webContents);
    expect(quickOpenAtHandOver).toEqual([true]);
    expect(main.webContents.send).toHaveBeenCalledWith('app:command', {
      type: 'open-conversation',
      conversationId: 'conv-7',
    });
    expect(main.focus).toHaveBeenCalled();
  });
});
