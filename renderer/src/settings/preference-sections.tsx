import { useState } from 'react';
import type { FontSize, SendShortcut, ThemeChoice } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { preferencesFor, usePreferences } from './preferences-store';
import { useTranslation } from '../i18n';
import { isMac } from '../shortcuts/shortcut-table';

const themes: ThemeChoice[] = ['system', 'light', 'dark'];
const fontSizeChoices: FontSize[] = ['small', 'default', 'large'];
const shortcuts: SendShortcut[] = ['enter', 'mod-enter'];

/** Light, dark, or the system's; and the text size. */
export function AppearanceSection() {
  const { api } = useServices();
  const { theme, fontSize } = usePreferences(api);
  const { t } = useTranslation();
  return (
    <>
      <fieldset className="settings-choices">
        <legend>{t('preferences.theme')}</legend>
        {themes.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              checked={theme === value}
              onChange={() => void preferencesFor(api).update({ theme: value })}
            />
            {t(`preferences.themes.${value}`)}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-choices">
        <legend>{t('preferences.textSize')}</legend>
        {fontSizeChoices.map((value) => (
          <label key={value}>
            <input
              type="radio"
              name="font-size"
              checked={fontSize === value}
              onChange={() => void preferencesFor(api).update({ fontSize: value })}
            />
            {t(`preferences.sizes.${value}`)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** How the composer sends, and whether spelling dictionaries may be downloaded. */
export function BehaviourSection() {
  const { api } = useServices();
  const { sendWith } = usePreferences(api);
  return (
    <>
      <SendWithChoice sendWith={sendWith} />
      <SpellingDictionaries />
    </>
  );
}

/** Enter or Ctrl/Cmd+Enter sends. */
function SendWithChoice({ sendWith }: { sendWith: SendShortcut }) {
  const { api } = useServices();
  const { t } = useTranslation();
  return (
    <fieldset className="settings-choices">
      <legend>{t('preferences.sendWith')}</legend>
      {shortcuts.map((value) => (
        <label key={value}>
          <input
            type="radio"
            name="send-with"
            checked={sendWith === value}
            onChange={() => void preferencesFor(api).update({ sendWith: value })}
          />
          {t(`preferences.send.${value}`)}
        </label>
      ))}
    </fieldset>
  );
}

/**
 * The spellchecker's dictionary download, an explicit choice: on Windows and Linux Electron
 * fetches Hunspell dictionaries from Google's servers, so it is off until the user turns it on.
 * macOS checks spelling with its own spellchecker, which downloads nothing.
 */
function SpellingDictionaries() {
  const { api } = useServices();
  const { downloadSpellingDictionaries } = usePreferences(api);
  const { t } = useTranslation();
  if (isMac()) return <p className="settings-note">{t('preferences.spellingMac')}</p>;
  return (
    <div className="settings-form">
      <label className="settings-check">
        <input
          type="checkbox"
          checked={downloadSpellingDictionaries}
          onChange={(event) =>
            void preferencesFor(api).update({ downloadSpellingDictionaries: event.target.checked })
          }
        />
        {t('preferences.spellingDownload')}
      </label>
      <p className="settings-note">{t('preferences.spellingDownloadNote')}</p>
    </div>
  );
}

/** Where the data lives, and a way to see it. */
export function DataSection() {
  const { api } = useServices();
  const { dataDir } = usePreferences(api);
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="settings-form">
      <p>
        {t('preferences.dataBefore')} <code>{dataDir || t('preferences.dataFolder')}</code>
        {t('preferences.dataAfter')}
      </p>
      <div className="settings-actions">
        <button
          type="button"
          onClick={() =>
            void settle(() => api.settings.openDataFolder()).then((result) =>
              setError(result.ok ? null : result.error.message),
            )
          }
        >
          {t('preferences.openDataFolder')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}
