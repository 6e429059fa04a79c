import { useId, useState } from 'react';
import type { McpServerStatus, McpServerView } from '../../../preload/api';
import { useTranslation } from '../i18n';

interface ToolServerItemProps {
  server: McpServerView;
  onToggle: (enabled: boolean) => void;
  onRetry: () => void;
  onEdit: () => void;
  onRemove: () => void;
  onToolToggle: (tool: string, enabled: boolean) => void;
}

type Translate = ReturnType<typeof useTranslation>['t'];

/** A server's state in a few words ("connected · 3 tools", "restarting in 2 s"). */
export function serverStateText(status: McpServerStatus, t: Translate): string {
  switch (status.state) {
    case 'stopped':
      return t('tools.settings.state.stopped');
    case 'starting':
      return t('tools.settings.state.starting');
    case 'connected':
      return t('tools.settings.state.connected', { count: status.toolCount });
    case 'failed':
      return t('tools.settings.state.failed');
    case 'restarting':
      return t('tools.settings.state.restarting', {
        seconds: Math.ceil(status.delayMs / 1000),
        attempt: status.attempt,
      });
  }
}

/**
 * One configured server in Settings → Tools: name, state (and the start-up doctor's findings
 * when it failed), its switch, Retry / Edit / Remove (Remove asks first), and its tools, each
 * with its own switch and read-only / destructive badges.
 */
export function ToolServerItem(props: ToolServerItemProps) {
  const { server, onToggle, onRetry, onEdit, onRemove, onToolToggle } = props;
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  const [showTools, setShowTools] = useState(false);
  const toolsId = useId();
  const { status } = server;
  const problem =
    status.state === 'failed' || status.state === 'restarting' ? status.problem : null;
  return (
    <li className="tool-server" aria-label={server.name}>
      <div className="tool-server-head">
        <label className="settings-check">
          <input
            type="checkbox"
            role="switch"
            checked={server.enabled}
            aria-label={t('tools.settings.enableServer', { name: server.name })}
            onChange={(event) => onToggle(event.target.checked)}
          />
          <strong>{server.name}</strong>
        </label>
        <span className="tool-server-state">{serverStateText(status, t)}</span>
      </div>
      {problem ? (
        <div className="tool-server-problem">
          <p className="settings-error">{problem.message}</p>
          {problem.command ? (
            <p>{t('tools.settings.problem.command', { command: problem.command })}</p>
          ) : null}
          {problem.exitCode !== undefined ? (
            <p>
              {problem.exitCode === null
                ? t('tools.settings.problem.killed')
                : t('tools.settings.problem.exitCode', { code: problem.exitCode })}
            </p>
          ) : null}
          {problem.stderrTail.length > 0 ? (
            <>
              <p>{t('tools.settings.problem.stderr')}</p>
              <pre className="tool-server-stderr">{problem.stderrTail.join('\n')}</pre>
            </>
          ) : null}
          {problem.hints.length > 0 ? (
            <>
              <p>{t('tools.settings.problem.hints')}</p>
              <ul>
                {problem.hints.map((hint, index) => (
                  <li key={index}>{hint}</li>
                ))}
              </ul>
            </>
          ) : null}
        </div>
      ) : null}
      <div className="settings-actions">
        {status.state !== 'connected' && status.state !== 'starting' ? (
          <button type="button" className="quiet-button" onClick={onRetry}>
            {t('tools.settings.retry')}
          </button>
        ) : null}
        <button type="button" className="quiet-button" onClick={onEdit}>
          {t('tools.settings.edit')}
        </button>
        {confirming ? (
          <span role="group" aria-label={t('tools.settings.confirmRemove', { name: server.name })}>
            {t('tools.settings.confirmRemove', { name: server.name })}{' '}
            <button type="button" className="quiet-button" onClick={onRemove}>
              {t('tools.settings.confirm')}
            </button>
            <button type="button" className="quiet-button" onClick={() => setConfirming(false)}>
              {t('tools.settings.cancel')}
            </button>
          </span>
        ) : (
          <button type="button" className="quiet-button" onClick={() => setConfirming(true)}>
            {t('tools.settings.remove')}
          </button>
        )}
      </div>
      {server.tools.length > 0 ? (
        <>
          <button
            type="button"
            className="quiet-button"
            aria-expanded={showTools}
            aria-controls={toolsId}
            onClick={() => setShowTools(!showTools)}
          >
            {t('tools.settings.showTools', { count: server.tools.length })}
          </button>
          {showTools ? (
            <ul id={toolsId} className="tool-server-tools">
              {server.tools.map((tool) => (
                <li key={tool.name}>
                  <label className="settings-check">
                    <input
                      type="checkbox"
                      role="switch"
                      checked={tool.enabled}
                      aria-label={t('tools.settings.toolSwitch', { tool: tool.name })}
                      onChange={(event) => onToolToggle(tool.name, event.target.checked)}
                    />
                    <span>{tool.title ?? tool.name}</span>
                  </label>
                  {tool.readOnly ? (
                    <span className="tool-badge">{t('tools.settings.readOnly')}</span>
                  ) : null}
                  {tool.destructive ? (
                    <span className="tool-badge tool-badge-danger">
                      {t('tools.settings.destructive')}
                    </span>
                  ) : null}
                  {tool.description ? <p className="settings-note">{tool.description}</p> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
