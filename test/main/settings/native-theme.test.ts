import { describe, expect, it, vi } from 'vitest';
import type { AppSettingsView, ThemeChoice } from '../../../preload/api';
import { followThemeSetting } from '../../../main/settings/native-theme';
import type * as FakeElectron from '../electron/fake-electron';

vi.mock('electron', () => import('../electron/fake-electron'));

function setting(theme: ThemeChoice) {
  let view = { theme, fontSize: 'default', sendWith: 'enter' } as AppSettingsView;
  const listeners = new Set<(view: AppSettingsView) => void>();
  return {
    view: () => view,
    onChange: (listener: (next: AppSettingsView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: ThemeChoice) {
      view = { ...view, theme: next };
      for (const listener of listeners) listener(view);
    },
  };
}

describe('followThemeSetting', () => {
  it("sets Electron's theme source from the setting at once, then follows each change", async () => {
    const { nativeTheme, resetFakeElectron } =
      (await import('electron')) as unknown as typeof FakeElectron;
    resetFakeElectron();
    const prefs = setting('dark');
    const stop = followThemeSetting(nativeTheme, prefs);
    expect(nativeTheme.themeSource).toBe('dark');
    prefs.set('light');
    expect(nativeTheme.themeSource).toBe('light');
    prefs.set('system');
    expect(nativeTheme.themeSource).toBe('system');
    stop();
    prefs.set('dark');
    expect(nativeTheme.themeSource).toBe('system');
  });

  it('does not write the same value again (each write makes Electron re-theme)', () => {
    const writes: ThemeChoice[] = [];
    let current: ThemeChoice = 'light';
    const target = {
      get themeSource() {
        return current;
      },
      set themeSource(value: ThemeChoice) {
        writes.push(value);
        current = value;
      },
    };
    const prefs = setting('light');
    followThemeSetting(target, prefs);
    prefs.set('light');
    prefs.set('dark');
    expect(writes).toEqual(['dark']);
  });
});
