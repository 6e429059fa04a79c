import { useEffect, useRef, useState } from 'react';
import type { McpServerView, McpTransportKind } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import {
  draftProblems,
  saveRequestOf,
  type SecretRow,
  type ServerDraft,
} from './tool-server-draft';

// The record's type makes it name every transport the contract has (the page imports types only).
const transportLabel: Record<McpTransportKind, string> = {
  stdio: 'tools.settings.form.stdio',
  'streamable-http': 'tools.settings.form.streamableHttp',
  sse: 'tools.settings.form.sse',
};
const transports = Object.keys(transportLabel) as McpTransportKind[];

interface ToolServerFormProps {
  initial: ServerDraft;
  onSaved: (server: McpServerView) => void;
  onCancel: () => void;
}

/**
 * Add or edit one MCP server: name, transport, and for stdio the command, its arguments (one
 * per line), working folder and environment; for HTTP the URL and headers. Problems are said in
 * plain words before anything is sent; main's refusal is shown as main words it.
 */
export function ToolServerForm({ initial, onSaved, onCancel }: ToolServerFormProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [shown, setShown] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const problems = draftProblems(draft);
  const set = (patch: Partial<ServerDraft>) => setDraft({ ...draft, ...patch });
  const stdio = draft.transport === 'stdio';
  const nameField = useRef<HTMLInputElement>(null);
  // The form opens below the list on a click: take the user to it.
  useEffect(() => nameField.current?.focus(), []);

  async function save() {
    setShown(true);
    if (problems.length > 0) return;
    setSaving(true);
    setError(null);
    const result = await settle(() => api.tools.saveServer(saveRequestOf(draft)));
    setSaving(false);
    if (!result.ok)
      return setError(t('tools.settings.form.saveFailed', { error: result.error.message }));
    onSaved(result.value);
  }

  const title = initial.id
    ? t('tools.settings.form.editTitle', { name: initial.name })
    : t('tools.settings.form.addTitle');

  return (
    <form
      className="settings-form tool-server-form"
      aria-label={title}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <h3>{title}</h3>
      <label>
        {t('tools.settings.form.name')}
        <input
          ref={nameField}
          value={draft.name}
          onChange={(event) => set({ name: event.target.value })}
        />
      </label>
      <label>
        {t('tools.settings.form.transport')}
        <select
          value={draft.transport}
          onChange={(event) => set({ transport: event.target.value as McpTransportKind })}
        >
          {transports.map((transport) => (
            <option key={transport} value={transport}>
              {t(transportLabel[transport])}
            </option>
          ))}
        </select>
      </label>
      {stdio ? (
        <>
          <label>
            {t('tools.settings.form.command')}
            <input
              value={draft.command}
              spellCheck={false}
              onChange={(event) => set({ command: event.target.value })}
            />
          </label>
          <label>
            {t('tools.settings.form.args')}
            <textarea
              rows={3}
              value={draft.args}
              spellCheck={false}
              onChange={(event) => set({ args: event.target.value })}
            />
          </label>
          <label>
            {t('tools.settings.form.cwd')}
            <input
              value={draft.cwd}
              spellCheck={false}
              onChange={(event) => set({ cwd: event.target.value })}
            />
          </label>
          <SecretRows
            legend={t('tools.settings.form.env')}
            rows={draft.env}
            onChange={(env) => set({ env })}
          />
        </>
      ) : (
        <>
          <label>
            {t('tools.settings.form.url')}
            <input
              type="url"
              value={draft.url}
              spellCheck={false}
              onChange={(event) => set({ url: event.target.value })}
            />
          </label>
          <SecretRows
            legend={t('tools.settings.form.headers')}
            rows={draft.headers}
            onChange={(headers) => set({ headers })}
          />
        </>
      )}
      {shown && problems.length > 0 ? (
        <ul role="alert" className="settings-error">
          {problems.map((problem, index) => (
            <li key={index}>{t(`tools.settings.form.${problem.key}`, problem.values)}</li>
          ))}
        </ul>
      ) : null}
      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
      <div className="settings-actions">
        <button type="submit" className="primary-button" disabled={saving}>
          {t('tools.settings.form.save')}
        </button>
        <button type="button" className="quiet-button" onClick={onCancel}>
          {t('tools.settings.form.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * Name/value rows for environment variables or headers. A stored row's value field starts
 * empty (the value stays in main) and keeps the stored value unless the user types a new one.
 */
function SecretRows(props: {
  legend: string;
  rows: SecretRow[];
  onChange: (rows: SecretRow[]) => void;
}) {
  const { legend, rows, onChange } = props;
  const { t } = useTranslation();
  const update = (index: number, patch: Partial<SecretRow>) =>
    onChange(rows.map((row, at) => (at === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="tool-secret-rows">
      <legend>{legend}</legend>
      {rows.map((row, index) => (
        <div key={index} className="tool-secret-row">
          <input
            aria-label={t('tools.settings.form.rowName')}
            value={row.name}
            spellCheck={false}
            // A stored name is fixed: renaming would orphan the value main keeps under it.
            readOnly={row.stored}
            onChange={(event) => update(index, { name: event.target.value })}
          />
          <input
            aria-label={t('tools.settings.form.rowValue')}
            type="password"
            autoComplete="off"
            value={row.value}
            placeholder={row.stored ? t('tools.settings.form.stored') : ''}
            onChange={(event) => update(index, { value: event.target.value })}
          />
          <button
            type="button"
            className="quiet-button"
            aria-label={t('tools.settings.form.removeRow', { name: row.name || index + 1 })}
            onClick={() => onChange(rows.filter((_, at) => at !== index))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className="quiet-button"
        onClick={() => onChange([...rows, { name: '', value: '', stored: false }])}
      >
        {t('tools.settings.form.addRow')}
      </button>
    </fieldset>
  );
}
