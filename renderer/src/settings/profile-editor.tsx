import { useId, useRef, useState, type FormEvent } from 'react';
import type { PresetId, ProfilesState, ProviderProfileView } from '../../../preload/api';
import { chatRequestUrl, displayUrl } from '../../../common/request-url';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { ConnectionCheck } from './connection-check';
import { KeyProtectionNote } from './key-protection-note';
import { ModelField } from './model-field';
import {
  parseHeaders,
  presetOf,
  saveRequest,
  switchPreset,
  type ProfileDraft,
} from './profile-draft';

interface ProfileEditorProps {
  state: ProfilesState;
  initial: ProfileDraft;
  /** The saved profile being edited (null for a new one). */
  saved: ProviderProfileView | null;
  onSaved: (state: ProfilesState) => void;
  onDeleted: (state: ProfilesState) => void;
  onClose: () => void;
}

/** One provider profile's form. The key is write-only: empty keeps it, "Remove key" deletes it. */
export function ProfileEditor({
  state,
  initial,
  saved,
  onSaved,
  onDeleted,
  onClose,
}: ProfileEditorProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const ids = {
    name: useId(),
    preset: useId(),
    baseUrl: useId(),
    baseUrlHint: useId(),
    key: useId(),
    headers: useId(),
    proxy: useId(),
    proxyHint: useId(),
  };
  const preset = presetOf(state, draft.preset);
  // Where chat requests will go as the form stands, so a base URL missing /v1 shows at once.
  const requestUrl =
    draft.baseUrl.trim() === ''
      ? null
      : displayUrl(
          chatRequestUrl(
            preset.kind,
            draft.baseUrl,
            draft.model.trim() || preset.models[0] || 'model',
          ),
        );
  const edit = (change: Partial<ProfileDraft>) =>
    setDraft((current) => ({ ...current, ...change }));

  function target() {
    const headers = parseHeaders(draft.headers);
    if (typeof headers === 'string') {
      setError(headers);
      return null;
    }
    const key = apiKey.trim();
    const proxyUrl = draft.proxyUrl?.trim();
    return {
      ...(saved ? { profileId: saved.id } : {}),
      kind: preset.kind,
      baseUrl: draft.baseUrl.trim(),
      headers,
      ...(proxyUrl ? { proxyUrl } : {}),
      ...(key ? { apiKey: key } : {}),
    };
  }

  async function save(key: string | null | undefined): Promise<boolean> {
    const headers = parseHeaders(draft.headers);
    if (typeof headers === 'string') {
      setError(headers);
      return false;
    }
    setBusy(true);
    setError(null);
    setStatus(null);
    const result = await settle(() => api.profiles.save(saveRequest(state, draft, headers, key)));
    setBusy(false);
    if (!result.ok) {
      setError(result.error.message);
      return false;
    }
    edit({ id: result.value.profile.id });
    onSaved(result.value.state);
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
    setStatus(t('profileEditor.keyRemoved'));
    keyInput.current?.focus();
  }

  async function onDelete() {
    if (!saved) return;
    const result = await settle(() => api.profiles.delete({ id: saved.id }));
    if (!result.ok) return setError(result.error.message);
    onDeleted(result.value);
  }

  const hasKey = saved?.hasKey ?? false;
  const keyPlaceholder = hasKey
    ? saved?.keyHint
      ? t('profileEditor.keySavedHint', { hint: saved.keyHint })
      : t('profileEditor.keySaved')
    : preset.keyRequired
      ? t('profileEditor.noKey')
      : t('profileEditor.keyNotNeeded');
  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={ids.preset}>{t('fields.provider')}</label>
      <select
        id={ids.preset}
        value={draft.preset}
        onChange={(event) => setDraft(switchPreset(state, draft, event.target.value as PresetId))}
      >
        {state.presets.map((option) => (
          <option key={option.id} value={option.id}>
            {option.label}
          </option>
        ))}
      </select>

      <label htmlFor={ids.name}>{t('profileEditor.name')}</label>
      <input
        id={ids.name}
        type="text"
        value={draft.name}
        onChange={(event) => edit({ name: event.target.value })}
      />

      <label htmlFor={ids.baseUrl}>{t('profileEditor.baseUrl')}</label>
      <input
        id={ids.baseUrl}
        type="text"
        inputMode="url"
        spellCheck={false}
        aria-describedby={requestUrl ? ids.baseUrlHint : undefined}
        value={draft.baseUrl}
        onChange={(event) => edit({ baseUrl: event.target.value })}
      />
      {requestUrl ? (
        <p id={ids.baseUrlHint} className="settings-note settings-request-url">
          {t('profileEditor.requestsGoTo', { url: requestUrl })}
        </p>
      ) : null}

      <label htmlFor={ids.key}>{t('fields.apiKey')}</label>
      <div className="settings-key-row">
        <input
          ref={keyInput}
          id={ids.key}
          type="password"
          autoComplete="off"
          placeholder={keyPlaceholder}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
        {hasKey ? (
          <button type="button" disabled={busy} onClick={() => void onRemoveKey()}>
            {t('profileEditor.removeKey')}
          </button>
        ) : null}
      </div>
      <KeyProtectionNote protection={state.keyProtection} />

      <ModelField
        value={draft.model}
        onChange={(model) => edit({ model })}
        target={target}
        known={preset.models}
      />

      <label htmlFor={ids.headers}>{t('profileEditor.headers')}</label>
      <textarea
        id={ids.headers}
        rows={2}
        spellCheck={false}
        placeholder={t('profileEditor.headersPlaceholder')}
        value={draft.headers}
        onChange={(event) => edit({ headers: event.target.value })}
      />

      <label htmlFor={ids.proxy}>{t('profileEditor.proxy')}</label>
      <input
        id={ids.proxy}
        type="text"
        inputMode="url"
        spellCheck={false}
        placeholder={t('profileEditor.proxyPlaceholder')}
        aria-describedby={ids.proxyHint}
        value={draft.proxyUrl ?? ''}
        onChange={(event) => edit({ proxyUrl: event.target.value })}
      />
      <p id={ids.proxyHint} className="settings-note">
        {t('profileEditor.proxyHint')}
      </p>

      <ConnectionCheck
        request={() => {
          const base = target();
          return base ? { ...base, model: draft.model.trim() || 'unknown' } : null;
        }}
      />

      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
      <p role="status" className="settings-status">
        {status}
      </p>

      <div className="settings-actions">
        {saved ? (
          <button type="button" className="quiet-button" onClick={() => void onDelete()}>
            {t('profileEditor.deleteProfile')}
          </button>
        ) : null}
        <button type="button" className="quiet-button" onClick={onClose}>
          {t('profileEditor.cancel')}
        </button>
        <button type="submit" className="primary-button" disabled={busy}>
          {t('profileEditor.save')}
        </button>
      </div>
    </form>
  );
}
