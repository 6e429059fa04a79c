/**
 * The spellchecker never fetches dictionaries from Google's servers unless the user said so:
 * on Windows and Linux it is off (and downloads point nowhere) until "Download spelling
 * dictionaries" is on; macOS keeps its own spellchecker, which downloads nothing.
 */
import { describe, expect, it, vi } from 'vitest';
import type { AppSettingsView } from '../../../preload/api';
import {
  blockedDictionaryUrl,
  followSpellcheckSetting,
} from '../../../main/settings/spellcheck-setting';

function preference(downloadSpellingDictionaries: boolean) {
  let view = { theme: 'system', downloadSpellingDictionaries } as AppSettingsView;
  const listeners = new Set<(view: AppSettingsView) => void>();
  return {
    view: () => view,
    onChange: (listener: (next: AppSettingsView) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next: Partial<AppSettingsView>) {
      view = { ...view, ...next };
      for (const listener of listeners) listener(view);
    },
  };
}

function fakeSession() {
  return {
    setSpellCheckerEnabled: vi.fn((_enable: boolean) => {}),
    setSpellCheckerDictionaryDownloadURL: vi.fn((_url: string) => {}),
  };
}

describe('followSpellcheckSetting', () => {
  it.each(['linux', 'win32'] as const)(
    'on %s, is off by default with downloads pointed at nothing on this machine',
    (platform) => {
      const session = fakeSession();
      followSpellcheckSetting(session, platform, preference(false));
      expect(session.setSpellCheckerEnabled).toHaveBeenCalledExactlyOnceWith(false);
      expect(session.setSpellCheckerDictionaryDownloadURL).toHaveBeenCalledExactlyOnceWith(
        blockedDictionaryUrl,
      );
      expect(new URL(blockedDictionaryUrl).hostname).toBe('127.0.0.1');
    },
  );

  it('when the user opted in, spell checks with the default dictionary server', () => {
    const session = fakeSession();
    followSpellcheckSetting(session, 'linux', preference(true));
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledExactlyOnceWith(true);
    expect(session.setSpellCheckerDictionaryDownloadURL).not.toHaveBeenCalled();
  });

  it('turning the setting off stops the spellchecker and blocks downloads at once', () => {
    const session = fakeSession();
    const prefs = preference(true);
    const stop = followSpellcheckSetting(session, 'win32', prefs);
    prefs.set({ theme: 'dark' });
    expect(session.setSpellCheckerEnabled).toHaveBeenCalledTimes(1);
    prefs.set({ downloadSpellingDictionaries: false });
    expect(session.setSpellCheckerEnabled).toHaveBeenLastCalledWith(false);
    expect(session.setSpellCheckerDictionaryDownloadURL).toHaveBeenCalledWith(blockedDictionaryUrl);
    prefs.set({ downloadSpellingDictionaries: true });
    expect(session.setSpellCheckerEnabled).toHaveBeenLastCalledWith(true);
    stop();
    prefs.set({ downloadSpellingDictionaries: false });
    expect(session.setSpellCheckerEnabled).toHaveBeenLastCalledWith(true);
  });

  it('on macOS leaves the OS spellchecker alone, whatever the setting', () => {
    const session = fakeSession();
    const prefs = preference(false);
    followSpellcheckSetting(session, 'darwin', prefs);
    prefs.set({ downloadSpellingDictionaries: true });
    expect(session.setSpellCheckerEnabled).not.toHaveBeenCalled();
    expect(session.setSpellCheckerDictionaryDownloadURL).not.toHaveBeenCalled();
  });
});
