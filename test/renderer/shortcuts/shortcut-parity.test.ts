import { describe, expect, it } from 'vitest';
import { commandAccelerators } from '../../../main/desktop/menu-template';
import { matchShortcut, shortcuts } from '../../../renderer/src/shortcuts/shortcut-table';

/** An Electron accelerator written as the help sheet's keys. */
const asKeys = (accelerator: string) =>
  accelerator === 'Escape'
    ? ['Esc']
    : accelerator.split(/\+(?!$)/).map((key) => (key === 'CmdOrCtrl' ? 'Mod' : key));

describe('the menu and the page agree on every shortcut', () => {
  it.each(shortcuts.map((shortcut) => [shortcut.id, shortcut] as const))('%s', (id, shortcut) => {
    expect(asKeys(commandAccelerators[id])).toEqual(shortcut.keys);
  });
});

describe('matchShortcut', () => {
  const key = (init: Partial<KeyboardEvent>) => ({
    key: '',
    code: '',
    ctrlKey: false,
    metaKey: false,
    shiftKey: false,
    altKey: false,
    isComposing: false,
    ...init,
  });

  it('reads Mod as Ctrl off macOS and ⌘ on it', () => {
    expect(matchShortcut(key({ key: 'n', ctrlKey: true }), false)).toBe('new-conversation');
    expect(matchShortcut(key({ key: 'n', metaKey: true }), false)).toBeNull();
    expect(matchShortcut(key({ key: 'n', metaKey: true }), true)).toBe('new-conversation');
    expect(matchShortcut(key({ key: 'n', ctrlKey: true }), true)).toBeNull();
  });

  it('matches brackets by physical key, whatever Shift types', () => {
    const next = key({ key: '}', code: 'BracketRight', ctrlKey: true, shiftKey: true });
    expect(matchShortcut(next, false)).toBe('next-conversation');
    const previous = key({ key: 'ü', code: 'BracketLeft', ctrlKey: true, shiftKey: true });
    expect(matchShortcut(previous, false)).toBe('previous-conversation');
  });

  it('leaves Esc, Ctrl+K, plain keys, AltGr and IME composition alone', () => {
    expect(matchShortcut(key({ key: 'Escape' }), false)).toBeNull();
    expect(matchShortcut(key({ key: 'k', ctrlKey: true }), false)).toBeNull();
    expect(matchShortcut(key({ key: 'n' }), false)).toBeNull();
    expect(matchShortcut(key({ key: 'n', ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(matchShortcut(key({ key: '/', isComposing: true }), false)).toBeNull();
  });
});
