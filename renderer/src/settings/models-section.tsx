import { useId, useState, type FormEvent } from 'react';
import type { GenerationDefaults, ProfilesState, ReasoningEffort } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { draftOf, presetOf, saveRequest } from './profile-draft';

/** A number field's value, or undefined when it is empty. */
function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/** Per-profile request defaults: temperature, output limit and reasoning where the provider has it. */
export function ModelsSection({
  state,
  onChange,
}: {
  state: ProfilesState;
  onChange: (state: ProfilesState) => void;
}) {
  const { api } = useServices();
  const { t } = useTranslation();
  const [profileId, setProfileId] = useState(state.activeId ?? state.profiles[0]?.id ?? '');
  const profile = state.profiles.find((entry) => entry.id === profileId);
  const ids = { profile: useId(), temperature: useId(), max: useId(), reasoning: useId() };
  const [values, setValues] = useState(() => fields(profile?.defaults ?? {}));
  const [status, setStatus] = useState<string | null>(null);

  if (!profile) return <p className="settings-note">{t('modelDefaults.needsProfile')}</p>;
  const set = (key: keyof Fields) => (value: string) => setValues({ ...values, [key]: value });
  const reasoning = presetOf(state, profile.preset).reasoning;

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!profile) return;
    const defaults: GenerationDefaults = {
      temperature: numberOrUndefined(values.temperature),
      maxOutputTokens: numberOrUndefined(values.max),
      thinkingBudget:
        reasoning === 'thinking-budget' ? numberOrUndefined(values.reasoning) : undefined,
      reasoningEffort:
        reasoning === 'effort' && values.reasoning
          ? (values.reasoning as ReasoningEffort)
          : undefined,
    };
    const draft = { ...draftOf(profile), defaults };
    const result = await settle(() =>
      api.profiles.save(saveRequest(state, draft, profile.headers, undefined)),
    );
    if (!result.ok) return setStatus(result.error.message);
    onChange(result.value.state);
    setStatus(t('modelDefaults.saved'));
  }

  return (
    <form className="settings-form" onSubmit={onSubmit} noValidate>
      <label htmlFor={ids.profile}>{t('modelDefaults.profile')}</label>
      <select
        id={ids.profile}
        value={profileId}
        onChange={(event) => {
          const next = state.profiles.find((entry) => entry.id === event.target.value);
          setProfileId(event.target.value);
          setValues(fields(next?.defaults ?? {}));
        }}
      >
        {state.profiles.map((entry) => (
          <option key={entry.id} value={entry.id}>
            {entry.name} · {entry.model}
          </option>
        ))}
      </select>
      <NumberField
        id={ids.temperature}
        label={t('modelDefaults.temperature')}
        limits={{ min: 0, max: 2, step: 0.1 }}
        placeholder={t('modelDefaults.providerDefault')}
        value={values.temperature}
        onChange={set('temperature')}
      />
      <NumberField
        id={ids.max}
        label={t('modelDefaults.maxTokens')}
        limits={{ min: 1, step: 1 }}
        placeholder={t('modelDefaults.providerDefault')}
        value={values.max}
        onChange={set('max')}
      />
      {reasoning === 'thinking-budget' ? (
        <NumberField
          id={ids.reasoning}
          label={t('modelDefaults.thinkingBudget')}
          limits={{ min: 1024, step: 1024 }}
          placeholder={t('modelDefaults.off')}
          value={values.reasoning}
          onChange={set('reasoning')}
        />
      ) : reasoning === 'effort' ? (
        <>
          <label htmlFor={ids.reasoning}>{t('modelDefaults.reasoningEffort')}</label>
          <select
            id={ids.reasoning}
            value={values.reasoning}
            onChange={(event) => set('reasoning')(event.target.value)}
          >
            <option value="">{t('modelDefaults.providerDefault')}</option>
            <option value="low">{t('modelDefaults.efforts.low')}</option>
            <option value="medium">{t('modelDefaults.efforts.medium')}</option>
            <option value="high">{t('modelDefaults.efforts.high')}</option>
          </select>
        </>
      ) : (
        <p className="settings-note">{t('modelDefaults.noReasoning')}</p>
      )}
      <p role="status" className="settings-status">
        {status}
      </p>
      <div className="settings-actions">
        <button type="submit" className="primary-button">
          {t('modelDefaults.save')}
        </button>
      </div>
    </form>
  );
}

/** The form's values as typed: numbers stay text until saved, so a half-typed one is kept. */
interface Fields {
  temperature: string;
  max: string;
  reasoning: string;
}

/** A labelled number input; `limits` are the input's min, max and step. */
function NumberField({
  id,
  label,
  limits,
  placeholder,
  value,
  onChange,
}: {
  id: string;
  label: string;
  limits: { min: number; max?: number; step: number };
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        {...limits}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.target.value)}
      />
    </>
  );
}

function fields(defaults: GenerationDefaults): Fields {
  return {
    temperature: defaults.temperature?.toString() ?? '',
    max: defaults.maxOutputTokens?.toString() ?? '',
    reasoning: defaults.thinkingBudget?.toString() ?? defaults.reasoningEffort ?? '',
  };
}
