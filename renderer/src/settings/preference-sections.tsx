import { useState } from 'react';
import { FolderOpen, Monitor, Moon, Sun } from 'lucide-react';
import type { FontSize, SendShortcut, ThemeChoice } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { preferencesFor, usePreferences } from './preferences-store';
import { useTranslation } from '../i18n';
import { isMac } from '../shortcuts/shortcut-table';
import { Button } from '../ui/button';
import { SegmentedControl, type Segment } from '../ui/segmented-control';
import { Switch } from '../ui/switch';

const themeIcons = { system: Monitor, light: Sun, dark: Moon } as const;
const themes: ThemeChoice[] = ['system', 'light', 'dark'];
const fontSizeChoices: FontSize[] = ['small', 'default', 'large'];

/** Light, dark, or the system's; and the text size. Both apply at once. */
export function AppearanceSection() {
  const { api } = useServices();
  const { theme, fontSize } = usePreferences(api);
  const { t } = useTranslation();
  const themeSegments: Array<Segment<ThemeChoice>> = themes.map((value) => ({
    value,
    label: t(`preferences.themes.${value}`),
    icon: themeIcons[value],
  }));
  const sizeSegments: Array<Segment<FontSize>> = fontSizeChoices.map((value) => ({
    value,
    label: t(`preferences.sizes.${value}`),
  }));
  return (
    <section className="settings-group">
      <h3 className="settings-group-title">{t('setup.appearanceHeading')}</h3>
      <p className="settings-group-help">{t('setup.appearanceHelp')}</p>
      <SegmentedControl
        label={t('preferences.theme')}
        value={theme}
        segments={themeSegments}
        onValueChange={(value) => void preferencesFor(api).update({ theme: value })}
      />
      <SegmentedControl
        label={t('preferences.textSize')}
        value={fontSize}
        segments={sizeSegments}
        onValueChange={(value) => void preferencesFor(api).update({ fontSize: value })}
      />
    </section>
  );
}

/** How the composer sends, and whether spelling dictionaries may be downloaded. */
export function BehaviourSection() {
  const { api } = useServices();
  const { sendWith } = usePreferences(api);
  const { t } = useTranslation();
  return (
    <>
      <section className="settings-group">
        <h3 className="settings-group-title">{t('setup.composerHeading')}</h3>
        <SendWithChoice sendWith={sendWith} />
      </section>
      <section className="settings-group">
        <h3 className="settings-group-title">{t('setup.spellingHeading')}</h3>
        <SpellingDictionaries />
      </section>
    </>
  );
}

/** Enter or Ctrl/Cmd+Enter sends; the help line says what the chosen one does. */
function SendWithChoice({ sendWith }: { sendWith: SendShortcut }) {
  const { api } = useServices();
  const { t } = useTranslation();
  const segments: Array<Segment<SendShortcut>> = [
    { value: 'enter', label: t('setup.sendEnter') },
    { value: 'mod-enter', label: isMac() ? t('setup.sendCmdEnter') : t('setup.sendCtrlEnter') },
  ];
  return (
    <SegmentedControl
      label={t('preferences.sendWith')}
      help={t(`preferences.send.${sendWith}`)}
      value={sendWith}
      segments={segments}
      onValueChange={(value) => void preferencesFor(api).update({ sendWith: value })}
    />
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
  if (isMac()) return <p className="settings-group-help">{t('preferences.spellingMac')}</p>;
  return (
    <Switch
      label={t('preferences.spellingDownload')}
      description={t('preferences.spellingDownloadNote')}
      checked={downloadSpellingDictionaries}
      onCheckedChange={(checked) =>
        void preferencesFor(api).update({ downloadSpellingDictionaries: checked })
      }
    />
  );
}

/** Where the data lives, and a way to see it. */
export function DataSection() {
  const { api } = useServices();
  const { dataDir } = usePreferences(api);
  const { t } = useTranslation();
  const [error, setError] = useState<string | null>(null);
  return (
    <section className="settings-group">
      <h3 className="settings-group-title">{t('setup.dataHeading')}</h3>
      <p className="settings-group-help">
        {t('preferences.dataBefore')} <code>{dataDir || t('preferences.dataFolder')}</code>
        {t('preferences.dataAfter')}
      </p>
      <div>
        <Button
          icon={FolderOpen}
          onClick={() =>
            void settle(() => api.settings.openDataFolder()).then((result) =>
              setError(result.ok ? null : result.error.message),
            )
          }
        >
          {t('preferences.openDataFolder')}
        </Button>
      </div>
      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
