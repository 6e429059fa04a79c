import { useState } from 'react';
import type { ToolPreferences, ToolRuleView } from '../../../preload/api';
import { useTranslation } from '../i18n';

/** The saved "Always allow" and per-conversation rules, each with Remove. */
export function ToolRules(props: { rules: ToolRuleView[]; onRemove: (id: string) => void }) {
  const { rules, onRemove } = props;
  const { t } = useTranslation();
  const text = (rule: ToolRuleView) => {
    const values = { tool: rule.tool, server: rule.serverName };
    if (rule.scope === 'always') return t('tools.settings.ruleAlways', values);
    return rule.conversationTitle
      ? t('tools.settings.ruleConversation', { ...values, conversation: rule.conversationTitle })
      : t('tools.settings.ruleConversationUnnamed', values);
  };
  return (
    <section aria-label={t('tools.settings.rules')}>
      <h3>{t('tools.settings.rules')}</h3>
      {rules.length === 0 ? (
        <p className="settings-note">{t('tools.settings.noRules')}</p>
      ) : (
        <ul className="tool-rules">
          {rules.map((rule) => (
            <li key={rule.id}>
              <span>{text(rule)}</span>{' '}
              <button
                type="button"
                className="quiet-button"
                aria-label={t('tools.settings.removeRule', { tool: rule.tool })}
                onClick={() => onRemove(rule.id)}
              >
                {t('tools.settings.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The step limit (1–100, saved when it is a whole number in range and the field is left) and
 * whether read-only tools run without asking.
 */
export function ToolPreferencesForm(props: {
  preferences: ToolPreferences;
  onChange: (patch: Partial<ToolPreferences>) => void;
}) {
  const { preferences, onChange } = props;
  const { t } = useTranslation();
  const [steps, setSteps] = useState(String(preferences.stepLimit));
  const parsed = Number(steps);
  const valid = /^\d+$/.test(steps.trim()) && parsed >= 1 && parsed <= 100;
  return (
    <section className="settings-form" aria-label={t('tools.settings.preferences')}>
      <h3>{t('tools.settings.preferences')}</h3>
      <label>
        {t('tools.settings.stepLimit')}
        <input
          type="number"
          min={1}
          max={100}
          step={1}
          value={steps}
          aria-invalid={!valid}
          onChange={(event) => setSteps(event.target.value)}
          onBlur={() => {
            if (valid && parsed !== preferences.stepLimit) onChange({ stepLimit: parsed });
          }}
        />
      </label>
      {!valid ? (
        <p role="alert" className="settings-error">
          {t('tools.settings.stepLimitInvalid')}
        </p>
      ) : null}
      <label className="settings-check">
        <input
          type="checkbox"
          role="switch"
          checked={preferences.autoAllowReadOnly}
          onChange={(event) => onChange({ autoAllowReadOnly: event.target.checked })}
        />
        {t('tools.settings.autoAllowReadOnly')}
      </label>
    </section>
  );
}
