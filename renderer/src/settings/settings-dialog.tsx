import { useId, useRef, useState, type FormEvent } from 'react';
import type { ProfileView, ProviderKind, SaveProfileRequest } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { Modal } from './modal';
import { baseUrlForKind, defaultBaseUrls, providerLabels } from './provider-defaults';
import './settings.css';

interface SettingsDialogProps {
  /** The active profile, or null while it loads (or if loading failed). */
  profile: ProfileView | null;
  onSaved: (profile: ProfileView) => void;
  onClose: () => void;
}

/** The provider profile form. The key is write-only: empty keeps it, "Remove key" deletes it. */
export function SettingsDialog({ profile, onSaved, onClose }: SettingsDialogProps) {
  const { api } = useServices();
  const [kind, setKind] = useState<ProviderKind>(profile?.kind ?? 'anthropic');
  const [baseUrl, setBaseUrl] = useState(profile?.baseUrl ?? defaultBaseUrls.anthropic);
  const [model, setModel] = useState(profile?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const ids = { kind: useId(), baseUrl: useId(), model: useId(), key: useId(), keyNote: useId() };

  /** Save the form; `key` is a new key, null to remove it, or undefined to keep it. */
  async function save(key: string | null | undefined): Promise<boolean> {
    setSaving(true);
    setError(null);
    setStatus(null);
    const request: SaveProfileRequest = { kind, baseUrl: baseUrl.trim(), model: model.trim() };
    if (key !== undefined) request.apiKey = key;
    const result = await settle(() => api.settings.saveProfile(request));
    setSaving(false);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    onSaved(result.value);
    return true;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const key = apiKey.trim();
    if (await save(key === '' ? undefined : key)) onClose();
  }

  async function onRemoveKey() {
    if (!(await save(null))) return;
    setApiKey('');
    setStatus('Key removed.');
    // The button may vanish with the key; keep focus inside the dialog.
    keyInput.current?.focus();
  }

  const hasKey = profile?.hasKey ?? false;
  return (
    <Modal title="Settings" onClose={onClose}>
      <form className="settings-form" onSubmit={onSubmit} noValidate>
        {profile?.source === 'environment' ? (
          <p className="settings-note">
            Using ANTHROPIC_API_KEY / OPENAI_API_KEY from the environment; saving here overrides it
          </p>
        ) : null}
        <label htmlFor={ids.kind}>Provider</label>
        <select
          id={ids.kind}
          value={kind}
          onChange={(event) => {
            const next = event.target.value as ProviderKind;
            setKind(next);
            setBaseUrl((current) => baseUrlForKind(current, next));
          }}
        >
          {(Object.keys(providerLabels) as ProviderKind[]).map((value) => (
            <option key={value} value={value}>
              {providerLabels[value]}
            </option>
          ))}
        </select>

        <label htmlFor={ids.baseUrl}>Base URL</label>
        <input
          id={ids.baseUrl}
          type="text"
          inputMode="url"
          spellCheck={false}
          value={baseUrl}
          onChange={(event) => setBaseUrl(event.target.value)}
        />

        <label htmlFor={ids.model}>Model</label>
        <input
          id={ids.model}
          type="text"
          spellCheck={false}
          value={model}
          onChange={(event) => setModel(event.target.value)}
        />

        <label htmlFor={ids.key}>API key</label>
        <div className="settings-key-row">
          <input
            ref={keyInput}
            id={ids.key}
            type="password"
            autoComplete="off"
            aria-describedby={profile?.keyEncrypted === false ? ids.keyNote : undefined}
            placeholder={hasKey ? 'Key saved — leave empty to keep it' : 'No key saved'}
            value={apiKey}
            onChange={(event) => setApiKey(event.target.value)}
          />
          {hasKey ? (
            <button type="button" disabled={saving} onClick={() => void onRemoveKey()}>
              Remove key
            </button>
          ) : null}
        </div>
        {profile?.keyEncrypted === false ? (
          <p id={ids.keyNote} className="settings-warning">
            On this system the key is only obfuscated, not encrypted: no OS keychain is available,
            so anyone who can read your files could recover it.
          </p>
        ) : null}

        {error ? (
          <p role="alert" className="settings-error">
            {error}
          </p>
        ) : null}
        {/* Always present: a live region announces changes, not its own arrival. */}
        <p role="status" className="settings-status">
          {status}
        </p>

        <div className="settings-actions">
          <button type="button" className="quiet-button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary-button" disabled={saving}>
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
