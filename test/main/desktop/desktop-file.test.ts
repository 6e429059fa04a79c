import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  defaultQuickAskShortcut,
  maxRememberedConfigurations,
  readDesktopPreferences,
  rememberWindow,
  writeDesktopPreferences,
} from '../../../main/desktop/desktop-file';

const file = () => join(mkdtempSync(join(tmpdir(), 'parley-desktop-')), 'desktop.json');
const state = (x: number) => ({ bounds: { x, y: 0, width: 800, height: 600 }, maximized: false });

describe('desktop.json', () => {
  it('starts from the defaults when missing or damaged', () => {
    const path = file();
    const defaults = { windows: {}, quickAskShortcut: defaultQuickAskShortcut };
    expect(readDesktopPreferences(path)).toEqual(defaults);
    writeFileSync(path, '{"windows": ');
    expect(readDesktopPreferences(path)).toEqual(defaults);
  });

  it('round-trips the window places and the shortcut', () => {
    const path = file();
    const preferences = rememberWindow(
      { windows: {}, quickAskShortcut: 'Alt+Space' },
      'a',
      state(10),
    );
    writeDesktopPreferences(path, preferences);
    expect(readDesktopPreferences(path)).toEqual(preferences);
    expect(readFileSync(path, 'utf8')).toContain('"quickAskShortcut": "Alt+Space"');
  });

  it('keeps what is valid when one field is not', () => {
    const path = file();
    writeFileSync(path, JSON.stringify({ windows: { a: { bounds: 'no' } }, quickAskShortcut: '' }));
    expect(readDesktopPreferences(path)).toEqual({ windows: {}, quickAskShortcut: '' });
  });

  it('remembers only the most recent configurations', () => {
    const path = file();
    let preferences = { windows: {}, quickAskShortcut: '' };
    for (let i = 0; i < maxRememberedConfigurations + 3; i++) {
      preferences = rememberWindow(preferences, `key-${i}`, state(i));
    }
    // Seen again: it becomes the newest and survives the trim.
    preferences = rememberWindow(preferences, 'key-0', state(99));
    writeDesktopPreferences(path, preferences);
    const kept = Object.keys(readDesktopPreferences(path).windows);
    expect(kept).toHaveLength(maxRememberedConfigurations);
    expect(kept.at(-1)).toBe('key-0');
    expect(kept).not.toContain('key-1');
  });
});
