import { useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { KeyRound, Trash2 } from 'lucide-react';
import type { PresetId, ProfilesState, ProviderProfileView } from '../../../preload/api';
import { chatRequestUrl, displayUrl } from '../../../common/request-url';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { DialogFooter } from '../ui/dialog';
import { SelectField } from '../ui/select';
import { TextAreaField, TextField } from '../ui/text-field';
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
  /** The dialog's footer slot: Test connection, Cancel and Save are rendered there (a portal). */
  footer: HTMLElement | null;
}

/**
 * One provider profile's form, in three groups (connection, model, advanced). The key is
 * write-only: empty keeps it, "Remove key" deletes it. Its actions live in the dialog's sticky
 * footer (`footer`), portalled there so they stay in sight while the form scrolls; Save submits
 * this form through its `form` attribute.
 */
export function ProfileEditor({
  state,
  initial,
  saved,
  onSaved,
  onDeleted,
  onClose,
  footer,
}: ProfileEditorProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const keyInput = useRef<HTMLInputElement>(null);
  const ids = { form: useId() };
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
    <form id={ids.form} className="settings-form" onSubmit={onSubmit} noValidate>
      <section className="settings-group">
        <h3 className="settings-group-title">{t('setup.connectionHeading')}</h3>
        <p className="settings-group-help">{t('setup.connectionHelp')}</p>
        <SelectField
          label={t('fields.provider')}
          value={draft.preset}
          onChange={(event) => setDraft(switchPreset(state, draft, event.target.value as PresetId))}
          options={state.presets.map((option) => ({ value: option.id, label: option.label }))}
        />
        <TextField
          label={t('profileEditor.name')}
          value={draft.name}
          onChange={(event) => edit({ name: event.target.value })}
        />
        <TextField
          label={t('profileEditor.baseUrl')}
          inputMode="url"
          spellCheck={false}
          help={requestUrl ? t('profileEditor.requestsGoTo', { url: requestUrl }) : undefined}
          value={draft.baseUrl}
          onChange={(event) => edit({ baseUrl: event.target.value })}
        />
        <TextField
          ref={keyInput}
          label={t('fields.apiKey')}
          type="password"
          autoComplete="off"
          spellCheck={false}
          placeholder={keyPlaceholder}
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
          trailing={
            hasKey ? (
              <Button icon={KeyRound} disabled={busy} onClick={() => void onRemoveKey()}>
                {t('profileEditor.removeKey')}
              </Button>
            ) : null
          }
        />
        <KeyProtectionNote protection={state.keyProtection} />
      </section>

      <section className="settings-group">
        <h3 className="settings-group-title">{t('setup.modelHeading')}</h3>
        <p className="settings-group-help">{t('setup.modelHelp')}</p>
        <ModelField
          value={draft.model}
          onChange={(model) => edit({ model })}
          target={target}
          known={preset.models}
        />
      </section>

      <section className="settings-group">
        <h3 className="settings-group-title">{t('setup.advancedHeading')}</h3>
        <p className="settings-group-help">{t('setup.advancedHelp')}</p>
        <TextAreaField
          label={t('profileEditor.headers')}
          rows={2}
          spellCheck={false}
          placeholder={t('profileEditor.headersPlaceholder')}
          value={draft.headers}
          onChange={(event) => edit({ headers: event.target.value })}
        />
        <TextField
          label={t('profileEditor.proxy')}
          inputMode="url"
          spellCheck={false}
          placeholder={t('profileEditor.proxyPlaceholder')}
          help={t('profileEditor.proxyHint')}
          value={draft.proxyUrl ?? ''}
          onChange={(event) => edit({ proxyUrl: event.target.value })}
        />
      </section>

      {saved ? (
        <div className="settings-danger-zone">
          <Button variant="ghost" icon={Trash2} onClick={() => void onDelete()}>
            {t('profileEditor.deleteProfile')}
          </Button>
        </div>
      ) : null}

      {footer
        ? createPortal(
            <DialogFooter
              start={
                <div className="settings-footer-status">
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
                </div>
              }
            >
              <Button onClick={onClose}>{t('profileEditor.cancel')}</Button>
              <Button type="submit" form={ids.form} variant="primary" disabled={busy}>
                {t('profileEditor.save')}
              </Button>
            </DialogFooter>,
            footer,
          )
        : null}
    </form>
  );
}
