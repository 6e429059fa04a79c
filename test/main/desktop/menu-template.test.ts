import { describe, expect, it, vi } from 'vitest';
import {
  buildAppMenu,
  buildContextMenu,
  commandAccelerators,
  type MenuItemSpec,
} from '../../../main/desktop/menu-template';
import { isReloadKey } from '../../../main/desktop/reload-keys';

function actions() {
  return { command: vi.fn(), checkForUpdates: vi.fn() };
}

/** Every item of a menu, depth first. */
function flatten(items: MenuItemSpec[]): MenuItemSpec[] {
  return items.flatMap((item) => [item, ...flatten(item.submenu ?? [])]);
}

const labels = (items: MenuItemSpec[]) => items.map((item) => item.label ?? item.role ?? '—');
const roles = (items: MenuItemSpec[]) => flatten(items).flatMap((item) => item.role ?? []);
const byLabel = (items: MenuItemSpec[], label: string) => {
  const found = flatten(items).find((item) => item.label === label);
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
};

describe('the application menu', () => {
  it('has the macOS app menu first: about, settings, services, hide, quit', () => {
    const menu = buildAppMenu('darwin', actions(), { appName: 'Parley' });
    expect(labels(menu)).toEqual([
      'Parley',
      'File',
      'Edit',
      'View',
      'Conversation',
      'Window',
      'Help',
    ]);
    expect(labels(menu[0]?.submenu ?? []).filter((label) => label !== '—')).toEqual([
      'about',
      'Settings…',
      'services',
      'hide',
      'hideOthers',
      'unhide',
      'quit',
    ]);
    expect(roles(menu)).toEqual(expect.arrayContaining(['front', 'zoom', 'pasteAndMatchStyle']));
  });

  it.each(['win32', 'linux'] as const)(
    'on %s puts Settings and Quit in File, About in Help',
    (platform) => {
      const menu = buildAppMenu(platform, actions());
      expect(labels(menu)).toEqual([
        '&File',
        '&Edit',
        '&View',
        '&Conversation',
        '&Window',
        '&Help',
      ]);
      const file = labels(menu[0]?.submenu ?? []);
      expect(file).toEqual(['New Conversation', '—', 'Settings', '—', 'quit']);
      expect(roles(menu.at(-1)?.submenu ?? [])).toEqual(['about']);
      expect(roles(menu)).not.toContain('services');
    },
  );

  it.each(['darwin', 'win32', 'linux'] as const)(
    'has the standard Edit roles on %s',
    (platform) => {
      const edit = buildAppMenu(platform, actions()).find((menu) => menu.label?.endsWith('Edit'));
      expect(roles(edit?.submenu ?? [])).toEqual(
        expect.arrayContaining(['undo', 'redo', 'cut', 'copy', 'paste', 'delete', 'selectAll']),
      );
    },
  );

  it('shows the page shortcuts without registering them, and sends each as a command', () => {
    const menuActions = actions();
    const menu = buildAppMenu('linux', menuActions);
    const commands = flatten(menu).filter((item) => item.accelerator !== undefined);
    expect(commands.length).toBe(Object.keys(commandAccelerators).length);
    for (const item of commands) {
      expect(item.registerAccelerator).toBe(false);
      item.click?.();
    }
    expect(menuActions.command.mock.calls.map(([type]) => type).sort()).toEqual(
      Object.keys(commandAccelerators).sort(),
    );
    expect(byLabel(menu, 'Regenerate Reply').accelerator).toBe('CmdOrCtrl+Shift+R');
    expect(byLabel(menu, 'Keyboard Shortcuts').accelerator).toBe('CmdOrCtrl+/');
  });

  it('checks for updates from Help', () => {
    const menuActions = actions();
    byLabel(buildAppMenu('darwin', menuActions), 'Check for Updates…').click?.();
    expect(menuActions.checkForUpdates).toHaveBeenCalledOnce();
  });

  it('offers Reload and the developer tools only in development', () => {
    expect(roles(buildAppMenu('linux', actions()))).not.toEqual(expect.arrayContaining(['reload']));
    expect(roles(buildAppMenu('linux', actions()))).not.toContain('toggleDevTools');
    expect(roles(buildAppMenu('linux', actions(), { dev: true }))).toEqual(
      expect.arrayContaining(['reload', 'toggleDevTools']),
    );
  });
});

describe('the context menu', () => {
  const target = { x: 40, y: 300, selectionText: '', isEditable: false };

  it('offers Copy for a selection and the message actions at the point', () => {
    const send = vi.fn();
    const menu = buildContextMenu({ ...target, selectionText: 'some words' }, send);
    expect(labels(menu)).toEqual(['copy', 'Copy as Markdown', '—', 'Regenerate', 'Edit']);
    expect(menu[0]?.enabled).toBe(true);
    for (const item of menu) item.click?.();
    expect(send.mock.calls).toEqual([
      ['copy-markdown', 40, 300],
      ['regenerate', 40, 300],
      ['edit', 40, 300],
    ]);
  });

  it('greys out Copy with nothing selected', () => {
    expect(buildContextMenu(target, vi.fn())[0]).toEqual({ role: 'copy', enabled: false });
  });

  it('gives a text field its edit roles instead', () => {
    const menu = buildContextMenu({ ...target, isEditable: true }, vi.fn());
    expect(roles(menu)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
  });
});

describe('reload keys', () => {
  const key = (
    key: string,
    mods: Partial<Record<'control' | 'meta' | 'shift' | 'alt', boolean>> = {},
  ) => ({
    type: 'keyDown',
    key,
    control: false,
    meta: false,
    shift: false,
    alt: false,
    ...mods,
  });

  it('blocks Ctrl+R, Cmd+R and F5', () => {
    expect(isReloadKey(key('r', { control: true }))).toBe(true);
    expect(isReloadKey(key('R', { meta: true }))).toBe(true);
    expect(isReloadKey(key('F5'))).toBe(true);
    expect(isReloadKey(key('F5', { control: true }))).toBe(true);
  });

  it('lets Regenerate (Ctrl/Cmd+Shift+R), typing and key-ups through', () => {
    expect(isReloadKey(key('R', { control: true, shift: true }))).toBe(false);
    expect(isReloadKey(key('r'))).toBe(false);
    expect(isReloadKey({ ...key('r', { control: true }), type: 'keyUp' })).toBe(false);
  });
});
