/**
 * The native menus as plain data: the application menu for each platform and the context menu
 * for a point in the page. Electron-free, so the platform conventions are unit-tested; the edge
 * (main/electron/desktop.ts) hands these to `Menu.buildFromTemplate`.
 */
import type { AppCommand, ContextAction } from '../../preload/api';

/** The Electron menu roles Parley uses (a subset of `MenuItemConstructorOptions['role']`). */
export type MenuRole =
  | 'about'
  | 'services'
  | 'hide'
  | 'hideOthers'
  | 'unhide'
  | 'quit'
  | 'undo'
  | 'redo'
  | 'cut'
  | 'copy'
  | 'paste'
  | 'pasteAndMatchStyle'
  | 'delete'
  | 'selectAll'
  | 'reload'
  | 'forceReload'
  | 'toggleDevTools'
  | 'resetZoom'
  | 'zoomIn'
  | 'zoomOut'
  | 'togglefullscreen'
  | 'minimize'
  | 'zoom'
  | 'front'
  | 'close'
  | 'window'
  | 'help';

/** One menu item; structurally a `MenuItemConstructorOptions`. */
export interface MenuItemSpec {
  label?: string;
  role?: MenuRole;
  type?: 'separator' | 'submenu';
  accelerator?: string;
  /** False: the accelerator is shown but the page handles the key (no double trigger). */
  registerAccelerator?: boolean;
  enabled?: boolean;
  submenu?: MenuItemSpec[];
  click?: () => void;
}

/** The commands a menu item can send to the main window's page. */
export type MenuCommand = Exclude<AppCommand, { type: 'open-conversation' | 'context' }>['type'];

/** What the menu's own items do. */
export interface MenuActions {
  /** Send a command to the main window (opening one first if none is open). */
  command(type: MenuCommand): void;
  checkForUpdates(): void;
}

/** The accelerator each page command shows in the menu; the page binds the same keys. */
export const commandAccelerators: Record<MenuCommand, string> = {
  'new-conversation': 'CmdOrCtrl+N',
  search: 'CmdOrCtrl+K',
  settings: 'CmdOrCtrl+,',
  stop: 'Escape',
  regenerate: 'CmdOrCtrl+Shift+R',
  'previous-conversation': 'CmdOrCtrl+Shift+[',
  'next-conversation': 'CmdOrCtrl+Shift+]',
  'focus-composer': '/',
  shortcuts: 'CmdOrCtrl+/',
};

const separator: MenuItemSpec = { type: 'separator' };

/** The application menu for `platform`; `dev` adds Reload and the developer tools. */
export function buildAppMenu(
  platform: NodeJS.Platform,
  actions: MenuActions,
  options: { appName?: string; dev?: boolean } = {},
): MenuItemSpec[] {
  const mac = platform === 'darwin';
  const appName = options.appName ?? 'Parley';
  const item = (label: string, command: MenuCommand): MenuItemSpec => ({
    label,
    accelerator: commandAccelerators[command],
    // The page owns the keys, so they work the same in a test browser and never fire twice.
    registerAccelerator: false,
    click: () => actions.command(command),
  });
  const settings = item(mac ? 'Settings…' : 'Settings', 'settings');
  const menus: MenuItemSpec[] = [];
  if (mac) {
    menus.push({
      label: appName,
      submenu: [
        { role: 'about' },
        separator,
        settings,
        separator,
        { role: 'services' },
        separator,
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        separator,
        { role: 'quit' },
      ],
    });
  }
  menus.push({
    label: mac ? 'File' : '&File',
    submenu: [
      item('New Conversation', 'new-conversation'),
      separator,
      ...(mac ? [{ role: 'close' } as const] : [settings, separator, { role: 'quit' } as const]),
    ],
  });
  menus.push({
    label: mac ? 'Edit' : '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      ...(mac ? [{ role: 'pasteAndMatchStyle' } as const] : []),
      { role: 'delete' },
      separator,
      { role: 'selectAll' },
    ],
  });
  menus.push({
    label: mac ? 'View' : '&View',
    submenu: [
      item('Search…', 'search'),
      separator,
      // Never in a release: Ctrl/Cmd+R must not throw away the page (see reload-keys.ts).
      ...(options.dev
        ? [{ role: 'reload' } as const, { role: 'toggleDevTools' } as const, separator]
        : []),
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  });
  menus.push({
    label: mac ? 'Conversation' : '&Conversation',
    submenu: [
      item('Stop Reply', 'stop'),
      item('Regenerate Reply', 'regenerate'),
      separator,
      item('Previous Conversation', 'previous-conversation'),
      item('Next Conversation', 'next-conversation'),
      separator,
      item('Focus Message Box', 'focus-composer'),
    ],
  });
  menus.push({
    label: mac ? 'Window' : '&Window',
    role: 'window',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, separator, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });
  menus.push({
    label: mac ? 'Help' : '&Help',
    role: 'help',
    submenu: [
      item('Keyboard Shortcuts', 'shortcuts'),
      { label: 'Check for Updates…', click: () => actions.checkForUpdates() },
      ...(mac ? [] : [separator, { role: 'about' } as const]),
    ],
  });
  return menus;
}

/** What was under the pointer when the context menu was asked for (from ContextMenuParams). */
export interface ContextTarget {
  x: number;
  y: number;
  selectionText: string;
  isEditable: boolean;
}

/** The context menu for a point: edit roles in a field, Copy for a selection, message actions. */
export function buildContextMenu(
  target: ContextTarget,
  send: (action: ContextAction, x: number, y: number) => void,
): MenuItemSpec[] {
  if (target.isEditable) {
    return [
      { role: 'undo' },
      { role: 'redo' },
      separator,
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      separator,
      { role: 'selectAll' },
    ];
  }
  const at = (action: ContextAction) => () => send(action, target.x, target.y);
  return [
    { role: 'copy', enabled: target.selectionText.trim() !== '' },
    // The page finds the message at (x, y); on empty space these do nothing.
    { label: 'Copy as Markdown', click: at('copy-markdown') },
    separator,
    { label: 'Regenerate', click: at('regenerate') },
    { label: 'Edit', click: at('edit') },
  ];
}
