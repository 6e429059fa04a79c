import type { AppSettingsView } from '../../preload/api';

/**
 * The spellchecker switches of Electron's session (`session.defaultSession` in the app). On
 * Windows and Linux Electron's spellchecker uses Hunspell dictionaries it downloads from
 * Google's servers (Electron docs, "SpellChecker"; `setSpellCheckerDictionaryDownloadURL`: "By
 * default Electron will download hunspell dictionaries from the Chromium CDN"); on macOS it
 * uses the OS spellchecker and downloads nothing.
 */
export interface SpellcheckSession {
  setSpellCheckerEnabled(enable: boolean): void;
  setSpellCheckerDictionaryDownloadURL(url: string): void;
}

/** The preferences, and a way to hear when they change (SettingsService in the app). */
export interface SpellcheckPreference {
  view(): AppSettingsView;
  onChange(listener: (view: AppSettingsView) => void): () => void;
}

/**
 * Where dictionaries are "downloaded" from while downloading is off: the discard port on this
 * machine, so even a download Chromium starts regardless never leaves the computer.
 */
export const blockedDictionaryUrl = 'http://127.0.0.1:9/';

/**
 * Spell checking without asking nothing of a third party: on macOS the OS spellchecker is left
 * on; elsewhere the spellchecker runs only when "Download spelling dictionaries" is on (off by
 * default). Turning it off applies at once (spellchecker off, downloads pointed nowhere);
 * turning it on enables the spellchecker now, and dictionaries come from Chromium's server from
 * the next start (the download address is only left at Electron's default from a start with
 * the setting on). Returns a function that stops following the setting.
 */
export function followSpellcheckSetting(
  session: SpellcheckSession,
  platform: NodeJS.Platform,
  preference: SpellcheckPreference,
): () => void {
  if (platform === 'darwin') return () => {};
  let allowed = preference.view().downloadSpellingDictionaries;
  const apply = () => {
    session.setSpellCheckerEnabled(allowed);
    if (!allowed) session.setSpellCheckerDictionaryDownloadURL(blockedDictionaryUrl);
  };
  apply();
  return preference.onChange((view) => {
    if (view.downloadSpellingDictionaries === allowed) return;
    allowed = view.downloadSpellingDictionaries;
    apply();
  });
}
