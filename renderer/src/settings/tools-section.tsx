import { useState } from 'react';
import type { IpcResult, McpServerView, ToolPreferences, ToolsState } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { mergeServer, useToolsState } from '../tools/use-tool-servers';
import { ToolImport } from './tool-import';
import { ToolPreferencesForm, ToolRules } from './tool-rules';
import { ToolServerForm } from './tool-server-form';
import { draftOfServer, newServerDraft, type ServerDraft } from './tool-server-draft';
import { ToolServerItem } from './tool-server-item';

/** What the section shows under the list: nothing, the server form, or the import panel. */
type Panel = { kind: 'none' } | { kind: 'form'; draft: ServerDraft } | { kind: 'import' };

/**
 * Settings → Tools: MCP servers (status live from `tools:server-changed`, switches, Retry,
 * Edit, Remove, per-tool switches), adding, editing and importing servers, the permission
 * rules, and the tool preferences.
 */
export function ToolsSection() {
  const { api } = useServices();
  const { t } = useTranslation();
  const { state, error, setState } = useToolsState(api, { start: true });
  const [panel, setPanel] = useState<Panel>({ kind: 'none' });
  const [actionError, setActionError] = useState<string | null>(null);

  if (error) {
    return (
      <p role="alert" className="settings-error">
        {t('tools.settings.actionFailed', { error })}
      </p>
    );
  }
  if (!state) return <p className="settings-note">{t('tools.settings.loading')}</p>;

  /** Run a call; show main's sentence when it fails, else hand its value on. */
  async function act<T>(call: () => Promise<IpcResult<T>>, then: (value: T) => void) {
    setActionError(null);
    const result = await settle(call);
    if (!result.ok)
      return setActionError(t('tools.settings.actionFailed', { error: result.error.message }));
    then(result.value);
  }
  const withServer = (server: McpServerView) =>
    setState((current) =>
      current ? { ...current, servers: mergeServer(current.servers, server) } : current,
    );
  const withState = (next: ToolsState) => setState(next);

  const toggleServer = (server: McpServerView, enabled: boolean) =>
    act(
      () =>
        api.tools.saveServer({
          id: server.id,
          name: server.name,
          enabled,
          transport: server.transport,
          ...(server.command !== undefined ? { command: server.command } : {}),
          args: server.args,
          ...(server.cwd !== undefined ? { cwd: server.cwd } : {}),
          ...(server.url !== undefined ? { url: server.url } : {}),
          // null keeps each stored value: a switch never touches secrets.
          env: Object.fromEntries(server.envNames.map((name) => [name, null])),
          headers: Object.fromEntries(server.headerNames.map((name) => [name, null])),
        }),
      withServer,
    );
  const remove = (server: McpServerView) =>
    act(
      () => api.tools.removeServer({ id: server.id }),
      () =>
        setState((current) =>
          current
            ? {
                ...current,
                servers: current.servers.filter((one) => one.id !== server.id),
                rules: current.rules.filter((rule) => rule.serverId !== server.id),
              }
            : current,
        ),
    );
  const setPreferences = (patch: Partial<ToolPreferences>) =>
    act(() => api.tools.setPreferences(patch), withState);

  return (
    <div className="settings-tools">
      <h3>{t('tools.settings.servers')}</h3>
      {state.servers.length === 0 ? (
        <p className="settings-note">{t('tools.settings.noServers')}</p>
      ) : (
        <ul className="tool-servers" aria-label={t('tools.settings.servers')}>
          {state.servers.map((server) => (
            <ToolServerItem
              key={server.id}
              server={server}
              onToggle={(enabled) => void toggleServer(server, enabled)}
              onRetry={() => void act(() => api.tools.connectServer({ id: server.id }), withServer)}
              onEdit={() => setPanel({ kind: 'form', draft: draftOfServer(server) })}
              onRemove={() => void remove(server)}
              onToolToggle={(tool, enabled) =>
                void act(
                  () => api.tools.setToolEnabled({ serverId: server.id, tool, enabled }),
                  withServer,
                )
              }
            />
          ))}
        </ul>
      )}
      {actionError ? (
        <p role="alert" className="settings-error">
          {actionError}
        </p>
      ) : null}
      <div className="settings-actions">
        <button
          type="button"
          className="quiet-button"
          onClick={() => setPanel({ kind: 'form', draft: newServerDraft() })}
        >
          {t('tools.settings.add')}
        </button>
        <button type="button" className="quiet-button" onClick={() => setPanel({ kind: 'import' })}>
          {t('tools.settings.import')}
        </button>
      </div>
      {panel.kind === 'form' ? (
        <ToolServerForm
          key={panel.draft.id ?? 'new'}
          initial={panel.draft}
          onSaved={(server) => {
            withServer(server);
            setPanel({ kind: 'none' });
          }}
          onCancel={() => setPanel({ kind: 'none' })}
        />
      ) : null}
      {panel.kind === 'import' ? (
        <ToolImport
          onImported={(result) =>
            setState((current) =>
              current
                ? { ...current, servers: result.added.reduce(mergeServer, current.servers) }
                : current,
            )
          }
        />
      ) : null}
      <ToolRules
        rules={state.rules}
        onRemove={(id) => void act(() => api.tools.removeRule({ id }), withState)}
      />
      <ToolPreferencesForm preferences={state.preferences} onChange={setPreferences} />
    </div>
  );
}
