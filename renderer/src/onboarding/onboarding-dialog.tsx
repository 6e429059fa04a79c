import { useEffect, useId, useState, type FormEvent } from 'react';
import type { LocalServer, PresetId, ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { Modal } from '../settings/modal';
import { preferencesFor } from '../settings/preferences-store';
import { presetOf } from '../settings/profile-draft';
import './onboarding.css';
import { useTranslation } from '../i18n';

interface OnboardingDialogProps {
  state: ProfilesState;
  /** Set up: the first conversation can start. */
  onDone: () => void;
  onSkip: () => void;
}

/** First run with nothing configured: a local server Parley found, or a provider and a key. */
export function OnboardingDialog({ state, onDone, onSkip }: OnboardingDialogProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [servers, setServers] = useState<LocalServer[] | null>(null);
  const hosted = state.presets.filter((preset) => !preset.local);
  const [presetId, setPresetId] = useState<PresetId>('anthropic');
  const preset = presetOf(state, presetId);
  const [model, setModel] = useState(preset.models[0] ?? '');
  const [apiKey, setApiKey] = useState('');
  const [error, setError] = useState<string | null>(null);
  const ids = { preset: useId(), key: useId(), model: useId() };

  useEffect(() => {
    let live = true;
    void settle(() => api.localServers.probe()).then((result) => {
      if (live) setServers(result.ok ? result.value.servers : []);
    });
    return () => {
      live = false;
    };
  }, [api]);

  async function create(fields: {
    preset: PresetId;
    baseUrl: string;
    model: string;
    apiKey?: string;
  }) {
    setError(null);
    const chosen = presetOf(state, fields.preset);
    const result = await settle(() =>
      api.profiles.save({
        name: chosen.label,
        kind: chosen.kind,
        headers: {},
        defaults: {},
        ...fields,
      }),
    );
    if (!result.ok) return setError(result.error.message);
    preferencesFor(api).profilesChanged();
    onDone();
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const key = apiKey.trim();
    if (preset.keyRequired && !key)
      return setError(t('onboarding.needsKey', { provider: preset.label }));
    void create({
      preset: presetId,
      baseUrl: preset.baseUrl,
      model: model.trim(),
      ...(key ? { apiKey: key } : {}),
    });
  }

  return (
    <Modal title={t('onboarding.title')} onClose={onSkip}>
      <section className="onboarding-section" aria-labelledby="onboarding-local">
        <h3 id="onboarding-local">{t('onboarding.local')}</h3>
        {servers === null ? <p role="status">{t('onboarding.looking')}</p> : null}
        {servers?.length === 0 ? <p>{t('onboarding.noServer')}</p> : null}
        {servers?.map((server) => (
          <div key={server.preset} className="onboarding-server">
            <p>
              <strong>{server.name}</strong>{' '}
              {server.models.length
                ? t('onboarding.runningWith', { models: server.models.join(', ') })
                : t('onboarding.runningEmpty')}
            </p>
            <button
              type="button"
              disabled={server.models.length === 0}
              onClick={() =>
                void create({
                  preset: server.preset,
                  baseUrl: server.baseUrl,
                  model: server.models[0] ?? '',
                })
              }
            >
              {t('onboarding.use', { server: server.name })}
            </button>
          </div>
        ))}
      </section>

      <form className="settings-form onboarding-section" onSubmit={onSubmit} noValidate>
        <h3>{t('onboarding.hosted')}</h3>
        <label htmlFor={ids.preset}>{t('fields.provider')}</label>
        <select
          id={ids.preset}
          value={presetId}
          onChange={(event) => {
            const next = presetOf(state, event.target.value as PresetId);
            setPresetId(next.id);
            setModel(next.models[0] ?? '');
          }}
        >
          {hosted.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.key}>{t('fields.apiKey')}</label>
        <input
          id={ids.key}
          type="password"
          autoComplete="off"
          value={apiKey}
          onChange={(event) => setApiKey(event.target.value)}
        />
        <label htmlFor={ids.model}>{t('fields.model')}</label>
        <input
          id={ids.model}
          type="text"
          spellCheck={false}
          value={model}
          onChange={(event) => setModel(event.target.value)}
        />
        {error ? (
          <p role="alert" className="settings-error">
            {error}
          </p>
        ) : null}
        <div className="settings-actions">
          <button type="button" className="quiet-button" onClick={onSkip}>
            {t('onboarding.skip')}
          </button>
          <button type="submit" className="primary-button">
            {t('onboarding.start')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
