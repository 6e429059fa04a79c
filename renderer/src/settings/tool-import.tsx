import { useState } from 'react';
import type { McpImportResult } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';

/**
 * Import servers from another app's `mcpServers` JSON (Claude desktop, Cursor): pasted, or a
 * file main's dialog picks. Says what was added and what was skipped, with main's reasons.
 */
export function ToolImport({ onImported }: { onImported: (result: McpImportResult) => void }) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [json, setJson] = useState('');
  const [result, setResult] = useState<McpImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(pasted: string | undefined) {
    setError(null);
    const answer = await settle(() =>
      api.tools.importServers(pasted === undefined ? {} : { json: pasted }),
    );
    if (!answer.ok)
      return setError(t('tools.settings.importFailed', { error: answer.error.message }));
    // null: the user closed the file dialog.
    if (answer.value === null) return;
    setResult(answer.value);
    onImported(answer.value);
  }

  return (
    <section className="settings-form tool-import" aria-label={t('tools.settings.importTitle')}>
      <h3>{t('tools.settings.importTitle')}</h3>
      <p className="settings-note">{t('tools.settings.importHelp')}</p>
      <label>
        {t('tools.settings.importJson')}
        <textarea
          rows={5}
          value={json}
          spellCheck={false}
          onChange={(event) => setJson(event.target.value)}
        />
      </label>
      <div className="settings-actions">
        <button
          type="button"
          className="primary-button"
          disabled={json.trim() === ''}
          onClick={() => void run(json)}
        >
          {t('tools.settings.importPasted')}
        </button>
        <button type="button" className="quiet-button" onClick={() => void run(undefined)}>
          {t('tools.settings.chooseFile')}
        </button>
      </div>
      {error ? (
        <p role="alert" className="settings-error">
          {error}
        </p>
      ) : null}
      {result ? (
        <div role="status" className="settings-status">
          <p>{t('tools.settings.imported', { count: result.added.length })}</p>
          {result.skipped.length > 0 ? (
            <ul>
              {result.skipped.map((skip, index) => (
                <li key={index}>
                  {t('tools.settings.skipped', { name: skip.name, reason: skip.reason })}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
