import { useState } from 'react';
import { Plus, Radar } from 'lucide-react';
import type { LocalServer, ProfilesState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';

interface LocalServersProps {
  state: ProfilesState;
  /** A server was added as a profile: the new state and the new profile's id. */
  onAdded: (state: ProfilesState, id: string) => void;
}

type Probe =
  | { phase: 'idle' }
  | { phase: 'probing' }
  | { phase: 'done'; servers: LocalServer[] }
  | { phase: 'failed'; message: string };

/** On demand, the same probe as the first run: Ollama and LM Studio, each offered as a profile. */
export function LocalServers({ state, onAdded }: LocalServersProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [probe, setProbe] = useState<Probe>({ phase: 'idle' });
  const [error, setError] = useState<string | null>(null);

  async function detect() {
    setProbe({ phase: 'probing' });
    setError(null);
    const result = await settle(() => api.localServers.probe());
    setProbe(
      result.ok
        ? { phase: 'done', servers: result.value.servers }
        : { phase: 'failed', message: result.error.message },
    );
  }

  async function add(server: LocalServer) {
    setError(null);
    // Both servers speak the OpenAI-compatible API; the preset says so where it is known.
    const kind =
      state.presets.find((preset) => preset.id === server.preset)?.kind ?? 'openai-compatible';
    const result = await settle(() =>
      api.profiles.save({
        name: server.name,
        preset: server.preset,
        kind,
        baseUrl: server.baseUrl,
        model: server.models[0] ?? '',
        headers: {},
        defaults: {},
      }),
    );
    if (!result.ok) return setError(result.error.message);
    onAdded(result.value.state, result.value.profile.id);
  }

  const added = (server: LocalServer) =>
    state.profiles.some(
      (profile) => profile.preset === server.preset && profile.baseUrl === server.baseUrl,
    );

  return (
    <section className="settings-local-servers" aria-label={t('localServers.label')}>
      <div className="settings-local-head">
        <p className="settings-group-help">{t('setup.localHelp')}</p>
        <Button icon={Radar} disabled={probe.phase === 'probing'} onClick={() => void detect()}>
          {t('localServers.detect')}
        </Button>
      </div>
      {probe.phase === 'probing' ? (
        <p role="status" className="settings-status">
          {t('localServers.looking')}
        </p>
      ) : null}
      {probe.phase === 'failed' ? (
        <p role="alert" className="settings-error">
          {probe.message}
        </p>
      ) : null}
      {probe.phase === 'done' && probe.servers.length === 0 ? (
        <p role="status" className="settings-note">
          {t('localServers.none')}
        </p>
      ) : null}
      {probe.phase === 'done' && probe.servers.length > 0 ? (
        <ul className="settings-server-list" aria-label={t('localServers.found')}>
          {probe.servers.map((server) => (
            <li key={`${server.preset} ${server.baseUrl}`}>
              <span>
                <strong>{server.name}</strong>
                {t('localServers.at', { url: server.baseUrl })}
                {server.models.length
                  ? t('localServers.withModels', { models: server.models.join(', ') })
                  : t('localServers.noModels')}
              </span>
              {added(server) ? (
                <span className="settings-status">{t('localServers.added')}</span>
              ) : (
                <Button
                  size="sm"
                  icon={Plus}
                  disabled={server.models.length === 0}
                  onClick={() => void add(server)}
                >
                  {t('localServers.add', { server: server.name })}
                </Button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
    </section>
  );
}
