import { useState } from 'react';
import type { FontSize, SendShortcut, ThemeChoice } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { preferencesFor, usePreferences } from './preferences-store';

const themes: Array<[ThemeChoice, string]> = [
  ['system', 'Follow the system'],
  ['light', 'Light'],
  ['dark', 'Dark'],
];

const fontSizeChoices: Array<[FontSize, string]> = [
  ['small', 'Small'],
  ['default', 'Default'],
  ['large', 'Large'],
];

const shortcuts: Array<[SendShortcut, string]> = [
  ['enter', 'Enter sends, Shift+Enter adds a line'],
  ['mod-enter', 'Ctrl+Enter (⌘+Enter on a Mac) sends, Enter adds a line'],
];

/** Light, dark, or the system's; and the text size. */
export function AppearanceSection() {
  const { api } = useServices();
  const { theme, fontSize } = usePreferences(api);
  return (
    <>
      <fieldset className="settings-choices">
        <legend>Theme</legend>
        {themes.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="theme"
              checked={theme === value}
              onChange={() => void preferencesFor(api).update({ theme: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset className="settings-choices">
        <legend>Text size</legend>
        {fontSizeChoices.map(([value, label]) => (
          <label key={value}>
            <input
              type="radio"
              name="font-size"
              checked={fontSize === value}
              onChange={() => void preferencesFor(api).update({ fontSize: value })}
            />
            {label}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** How the composer sends. */
export function BehaviourSection() {
  const { api } = useServices();
  const { sendWith } = usePreferences(api);
  return (
    <fieldset className="settings-choices">
      <legend>Send messages with</legend>
      {shortcuts.map(([value, label]) => (
        <label key={value}>
          <input
            type="radio"
            name="send-with"
            checked={sendWith === value}
            onChange={() => void preferencesFor(api).update({ sendWith: value })}
          />
          {label}
        </label>
      ))}
    </fieldset>
  );
}

/** Where the data lives, and a way to see it. */
export function DataSection() {
  const { api } = useServices();
  const { dataDir } = usePreferences(api);
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="settings-form">
      <p>
        Conversations, settings and encrypted keys live in{' '}
        <code>{dataDir || 'the app data folder'}</code>. Keys are encrypted with the OS keychain and
        kept apart from the settings.
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
          Open data folder
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
