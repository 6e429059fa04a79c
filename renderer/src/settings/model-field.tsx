import { useId, useState } from 'react';
import type { ConnectionTarget, ModelInfo } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';

interface ModelFieldProps {
  value: string;
  onChange: (model: string) => void;
  /** Where to ask for the list (the form as it stands, key included if one was typed). */
  target: () => ConnectionTarget | null;
  /** Models the preset knows, offered before a list is fetched. */
  known: string[];
}

/** The Model field: free text, with the provider's own list as suggestions once loaded. */
export function ModelField({ value, onChange, target, known }: ModelFieldProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const ids = { input: useId(), list: useId() };

  async function load() {
    const request = target();
    if (!request) return;
    setLoading(true);
    setMessage(null);
    const result = await settle(() => api.models.list(request));
    setLoading(false);
    if (!result.ok) return setMessage({ text: result.error.message, error: true });
    if (!result.value.ok) {
      return setMessage({
        text: t('modelField.loadFailed', { error: result.value.error.message }),
        error: true,
      });
    }
    setModels(result.value.models);
    const count = result.value.models.length;
    setMessage({ text: t('modelField.available', { count }), error: false });
  }

  const suggestions: ModelInfo[] = models ?? known.map((id) => ({ id }));
  return (
    <>
      <label htmlFor={ids.input}>{t('fields.model')}</label>
      <div className="settings-key-row">
        <input
          id={ids.input}
          type="text"
          spellCheck={false}
          list={ids.list}
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
        <button type="button" disabled={loading} onClick={() => void load()}>
          {loading ? t('modelField.loading') : t('modelField.load')}
        </button>
      </div>
      <datalist id={ids.list}>
        {suggestions.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label ?? model.id}
          </option>
        ))}
      </datalist>
      {message ? (
        <p
          className={message.error ? 'settings-error' : 'settings-note'}
          role={message.error ? 'alert' : undefined}
        >
          {message.text}
        </p>
      ) : null}
    </>
  );
}
