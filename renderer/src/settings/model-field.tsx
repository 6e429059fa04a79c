import { useId, useState } from 'react';
import { RefreshCw } from 'lucide-react';
import type { ConnectionTarget, ModelInfo } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { TextField } from '../ui/text-field';

interface ModelFieldProps {
  value: string;
  onChange: (model: string) => void;
  /** Where to ask for the list (the form as it stands, key included if one was typed). */
  target: () => ConnectionTarget | null;
  /** Models the preset knows, offered before a list is fetched. */
  known: string[];
}

/**
 * The Model field: free text (a native combobox: the input with a datalist, searchable as one
 * types), with the provider's own list as suggestions once loaded.
 */
export function ModelField({ value, onChange, target, known }: ModelFieldProps) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [models, setModels] = useState<ModelInfo[] | null>(null);
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null);
  const [loading, setLoading] = useState(false);
  const ids = { list: useId() };

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
      <TextField
        label={t('fields.model')}
        spellCheck={false}
        list={ids.list}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        help={message && !message.error ? message.text : undefined}
        trailing={
          <Button icon={RefreshCw} disabled={loading} onClick={() => void load()}>
            {loading ? t('modelField.loading') : t('modelField.load')}
          </Button>
        }
      />
      <datalist id={ids.list}>
        {suggestions.map((model) => (
          <option key={model.id} value={model.id}>
            {model.label ?? model.id}
          </option>
        ))}
      </datalist>
      {/* Not the field's error: the model typed is not wrong because the list could not load. */}
      {message?.error ? (
        <p className="settings-error" role="alert">
          {message.text}
        </p>
      ) : null}
    </>
  );
}
