import { useState, type FormEvent } from 'react';
import type { GenerationDefaults, ProfilesState, ReasoningEffort } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { DialogBody, DialogFooter, dialogPaneClass } from '../ui/dialog';
import { SelectField } from '../ui/select';
import { TextField } from '../ui/text-field';
import { draftOf, presetOf, saveRequest } from './profile-draft';

/** A number field's value, or undefined when it is empty. */
function numberOrUndefined(text: string): number | undefined {
  return text.trim() === '' ? undefined : Number(text);
}

/**
 * Per-profile request defaults: temperature, output limit and reasoning where the provider has
 * it. Save sits in the dialog's sticky footer.
 */
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
  const [values, setValues] = useState(() => fields(profile?.defaults ?? {}));
  const [status, setStatus] = useState<string | null>(null);

  if (!profile) {
    return (
      <DialogBody>
        <p className="settings-note">{t('modelDefaults.needsProfile')}</p>
      </DialogBody>
    );
  }
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
    <form className={`settings-form ${dialogPaneClass}`} onSubmit={onSubmit} noValidate>
      <DialogBody className="settings-body">
        <section className="settings-group">
          <h3 className="settings-group-title">{t('setup.defaultsHeading')}</h3>
          <p className="settings-group-help">{t('setup.defaultsHelp')}</p>
          <SelectField
            label={t('modelDefaults.profile')}
            value={profileId}
            onChange={(event) => {
              const next = state.profiles.find((entry) => entry.id === event.target.value);
              setProfileId(event.target.value);
              setValues(fields(next?.defaults ?? {}));
            }}
            options={state.profiles.map((entry) => ({
              value: entry.id,
              label: `${entry.name} · ${entry.model}`,
            }))}
          />
          <TextField
            type="number"
            label={t('modelDefaults.temperature')}
            min={0}
            max={2}
            step={0.1}
            placeholder={t('modelDefaults.providerDefault')}
            help={t('setup.temperatureHelp')}
            value={values.temperature}
            onChange={(event) => set('temperature')(event.target.value)}
          />
          <TextField
            type="number"
            label={t('modelDefaults.maxTokens')}
            min={1}
            step={1}
            placeholder={t('modelDefaults.providerDefault')}
            value={values.max}
            onChange={(event) => set('max')(event.target.value)}
          />
          {reasoning === 'thinking-budget' ? (
            <TextField
              type="number"
              label={t('modelDefaults.thinkingBudget')}
              min={1024}
              step={1024}
              placeholder={t('modelDefaults.off')}
              value={values.reasoning}
              onChange={(event) => set('reasoning')(event.target.value)}
            />
          ) : reasoning === 'effort' ? (
            <SelectField
              label={t('modelDefaults.reasoningEffort')}
              value={values.reasoning}
              onChange={(event) => set('reasoning')(event.target.value)}
              options={[
                { value: '', label: t('modelDefaults.providerDefault') },
                { value: 'low', label: t('modelDefaults.efforts.low') },
                { value: 'medium', label: t('modelDefaults.efforts.medium') },
                { value: 'high', label: t('modelDefaults.efforts.high') },
              ]}
            />
          ) : (
            <p className="settings-note">{t('modelDefaults.noReasoning')}</p>
          )}
        </section>
      </DialogBody>
      <DialogFooter
        start={
          <p role="status" className="settings-status">
            {status}
          </p>
        }
      >
        <Button type="submit" variant="primary">
          {t('modelDefaults.save')}
        </Button>
      </DialogFooter>
    </form>
  );
}

/** The form's values as typed: numbers stay text until saved, so a half-typed one is kept. */
interface Fields {
  temperature: string;
  max: string;
  reasoning: string;
}

function fields(defaults: GenerationDefaults): Fields {
  return {
    temperature: defaults.temperature?.toString() ?? '',
    max: defaults.maxOutputTokens?.toString() ?? '',
    reasoning: defaults.thinkingBudget?.toString() ?? defaults.reasoningEffort ?? '',
  };
}
