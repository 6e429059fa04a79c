import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { ExternalLink, Eye, EyeOff, HardDrive } from 'lucide-react';
import type { LocalServer, ModelInfo, PresetId, ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { preferencesFor } from '../settings/preferences-store';
import { presetOf } from '../settings/profile-draft';
import { Button, IconButton } from '../ui/button';
import { Dialog, DialogBody, DialogFooter, dialogPaneClass } from '../ui/dialog';
import { SelectField } from '../ui/select';
import { TextField } from '../ui/text-field';
import { keyPages, keyPageSite } from './key-pages';
import './onboarding.css';
import { useTranslation } from '../i18n';

interface OnboardingDialogProps {
  state: ProfilesState;
  /** Set up: the first conversation can start. */
  onDone: () => void;
  onSkip: () => void;
}

/** The provider's model list, fetched once a key is entered. */
type ModelList =
  | { phase: 'idle' }
  | { phase: 'loading' }
  | { phase: 'loaded'; models: ModelInfo[] }
  | { phase: 'failed'; message: string };

/**
 * First run with nothing configured: a short intro, then a local server Parley found, or a
 * provider and a key (with a link to the page where that provider's keys are made, a show/hide
 * toggle, and the provider's own model list once the key is in). The backdrop is opaque: the
 * empty window behind has nothing to say yet.
 */
export function OnboardingDialog({ state, onDone, onSkip }: OnboardingDialogProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [servers, setServers] = useState<LocalServer[] | null>(null);
  const hosted = state.presets.filter((preset) => !preset.local);
  const [presetId, setPresetId] = useState<PresetId>('anthropic');
  const preset = presetOf(state, presetId);
  const [model, setModel] = useState(preset.models[0] ?? '');
  const [apiKey, setApiKey] = useState('');
  const [keyShown, setKeyShown] = useState(false);
  const [modelList, setModelList] = useState<ModelList>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const ids = { local: useId(), list: useId() };
  // Which key (and provider) the last listing was asked for: a stale answer is dropped.
  const listedFor = useRef('');

  useEffect(() => {
    let live = true;
    void settle(() => api.localServers.probe()).then((result) => {
      if (live) setServers(result.ok ? result.value.servers : []);
    });
    return () => {
      live = false;
    };
  }, [api]);

  /** Ask the provider for its models with the key as typed (the settings' own call). */
  async function loadModels(id: PresetId, key: string) {
    const chosen = presetOf(state, id);
    const request = `${id}\n${key}`;
    if (key === '' || listedFor.current === request) return;
    listedFor.current = request;
    setModelList({ phase: 'loading' });
    const result = await settle(() =>
      api.models.list({ kind: chosen.kind, baseUrl: chosen.baseUrl, headers: {}, apiKey: key }),
    );
    if (listedFor.current !== request) return;
    if (!result.ok) return setModelList({ phase: 'failed', message: result.error.message });
    if (!result.value.ok) {
      return setModelList({
        phase: 'failed',
        message: t('modelField.loadFailed', { error: result.value.error.message }),
      });
    }
    const models = result.value.models;
    setModelList({ phase: 'loaded', models });
    // Keep the preset's model if the provider offers it; else the provider's first.
    setModel((current) =>
      models.some((entry) => entry.id === current) ? current : (models[0]?.id ?? current),
    );
  }

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

  const keyPage = keyPages[presetId];
  const listed = modelList.phase === 'loaded' && modelList.models.length > 0 ? modelList : null;
  return (
    <Dialog
      title={t('onboarding.title')}
      description={t('setup.onboardingIntro')}
      onClose={onSkip}
      backdrop="opaque"
      className="onboarding-dialog"
    >
      <form className={`settings-form ${dialogPaneClass}`} onSubmit={onSubmit} noValidate>
        <DialogBody className="settings-body">
          <section className="settings-group" aria-labelledby={ids.local}>
            <h3 id={ids.local} className="settings-group-title">
              {t('onboarding.local')}
            </h3>
            {servers === null ? (
              <p role="status" className="settings-group-help">
                {t('onboarding.looking')}
              </p>
            ) : null}
            {servers?.length === 0 ? (
              <p className="settings-group-help">{t('onboarding.noServer')}</p>
            ) : null}
            {servers?.map((server) => (
              <div key={server.preset} className="onboarding-server">
                <HardDrive className="ui-icon" aria-hidden="true" />
                <p>
                  <strong>{server.name}</strong>{' '}
                  {server.models.length
                    ? t('onboarding.runningWith', { models: server.models.join(', ') })
                    : t('onboarding.runningEmpty')}
                </p>
                <Button
                  variant="primary"
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
                </Button>
              </div>
            ))}
          </section>

          <section className="settings-group">
            <h3 className="settings-group-title">{t('onboarding.hosted')}</h3>
            <SelectField
              label={t('fields.provider')}
              value={presetId}
              onChange={(event) => {
                const next = presetOf(state, event.target.value as PresetId);
                setPresetId(next.id);
                setModel(next.models[0] ?? '');
                setModelList({ phase: 'idle' });
                listedFor.current = '';
                void loadModels(next.id, apiKey.trim());
              }}
              options={hosted.map((option) => ({ value: option.id, label: option.label }))}
            />
            <TextField
              label={t('fields.apiKey')}
              type={keyShown ? 'text' : 'password'}
              autoComplete="off"
              spellCheck={false}
              value={apiKey}
              onChange={(event) => setApiKey(event.target.value)}
              // The list is asked for once the key is in (leaving the field), not per keystroke.
              onBlur={() => void loadModels(presetId, apiKey.trim())}
              help={
                <>
                  {keyPage ? (
                    <a
                      className="onboarding-key-link"
                      href={keyPage}
                      onClick={(event) => {
                        // Opened by main in the user's browser, never inside the app.
                        event.preventDefault();
                        void settle(() => api.links.open({ url: keyPage }));
                      }}
                    >
                      {t('setup.getKey', { site: keyPageSite(keyPage) })}
                      <ExternalLink className="onboarding-link-icon" aria-hidden="true" />
                    </a>
                  ) : null}{' '}
                  {t('setup.keyHelp', { provider: preset.label })}
                </>
              }
              trailing={
                <IconButton
                  icon={keyShown ? EyeOff : Eye}
                  label={t('setup.showKey')}
                  aria-pressed={keyShown}
                  variant="secondary"
                  onClick={() => setKeyShown((shown) => !shown)}
                />
              }
            />
            {listed ? (
              <SelectField
                label={t('fields.model')}
                value={model}
                onChange={(event) => setModel(event.target.value)}
                options={listed.models.map((entry) => ({
                  value: entry.id,
                  label: entry.label ?? entry.id,
                }))}
              />
            ) : (
              <>
                <TextField
                  label={t('fields.model')}
                  spellCheck={false}
                  list={ids.list}
                  value={model}
                  onChange={(event) => setModel(event.target.value)}
                  help={
                    modelList.phase === 'loading'
                      ? t('setup.modelsLoading')
                      : modelList.phase === 'failed'
                        ? modelList.message
                        : t('setup.modelsAfterKey', { provider: preset.label })
                  }
                />
                <datalist id={ids.list}>
                  {preset.models.map((id) => (
                    <option key={id} value={id} />
                  ))}
                </datalist>
              </>
            )}
            {error ? (
              <p role="alert" className="settings-error">
                {error}
              </p>
            ) : null}
          </section>
        </DialogBody>
        <DialogFooter>
          <Button variant="ghost" onClick={onSkip}>
            {t('onboarding.skip')}
          </Button>
          <Button type="submit" variant="primary">
            {t('onboarding.start')}
          </Button>
        </DialogFooter>
      </form>
    </Dialog>
  );
}
