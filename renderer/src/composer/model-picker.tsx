import { useCallback, useEffect, useId, useState } from 'react';
import type {
  ConversationSettingsView,
  ProfilesState,
  ProviderProfileView,
} from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useProfilesVersion } from '../settings/preferences-store';
import { useTranscriptView } from '../transcript/use-transcript';
import type { ModelChoice } from './use-attachment-draft';
import './model-picker.css';
import { useTranslation } from '../i18n';

const other = 'other';

/** An option's value: which profile, which model. */
function encode(profileId: string, model: string): string {
  return JSON.stringify([profileId, model]);
}

function modelsOf(state: ProfilesState, profile: ProviderProfileView): string[] {
  const preset = state.presets.find((entry) => entry.id === profile.preset);
  return [...new Set([profile.model, ...(preset?.models ?? [])])];
}

/**
 * Which profile and model answer in this conversation. In a conversation the choice is that
 * conversation's; before the first message it is the default for new conversations.
 */
export function ModelPicker({
  onModelChange,
}: {
  /** Told the profile and model that will answer (null while unknown), whenever they change. */
  onModelChange?: (choice: ModelChoice | null) => void;
} = {}) {
  const { api, store, notices } = useServices();
  const { t } = useTranslation();
  const { conversationId } = useTranscriptView(store);
  const [state, setState] = useState<ProfilesState | null>(null);
  // Tagged with its conversation, so switching conversations never shows the last one's choice.
  const [loaded, setLoaded] = useState<{ id: string; choice: ConversationSettingsView } | null>(
    null,
  );
  const choice = loaded && loaded.id === conversationId ? loaded.choice : {};
  const setChoice = (id: string, next: ConversationSettingsView) => setLoaded({ id, choice: next });
  const [typing, setTyping] = useState<string | null>(null);
  const ids = { select: useId(), other: useId() };

  const refresh = useCallback(async () => {
    const result = await settle(() => api.profiles.list());
    if (result.ok) setState(result.value);
  }, [api]);

  const profilesVersion = useProfilesVersion(api);
  useEffect(() => {
    let live = true;
    void settle(() => api.profiles.list()).then((result) => {
      if (live && result.ok) setState(result.value);
    });
    return () => {
      live = false;
    };
  }, [api, profilesVersion]);
  useEffect(() => {
    if (conversationId === null) return;
    let live = true;
    void settle(() => api.conversationSettings.get({ conversationId })).then((result) => {
      if (live && result.ok) setLoaded({ id: conversationId, choice: result.value });
    });
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  const profile =
    state?.profiles.find((entry) => entry.id === choice.profileId) ??
    state?.profiles.find((entry) => entry.id === state.activeId) ??
    state?.profiles[0];
  const model = choice.model ?? profile?.model;
  const answeringId = profile?.id;
  useEffect(() => {
    onModelChange?.(answeringId !== undefined && model ? { profileId: answeringId, model } : null);
  }, [onModelChange, answeringId, model]);

  if (!state || !profile || model === undefined) return null;

  async function choose(profileId: string, chosen: string) {
    const target = state?.profiles.find((entry) => entry.id === profileId);
    if (!target || !chosen.trim()) return;
    const result =
      conversationId !== null
        ? await settle(() =>
            api.conversationSettings.set({ conversationId, profileId, model: chosen.trim() }),
          )
        : await chooseDefault(target, chosen.trim());
    if (!result.ok) return notices.report(t('notices.switchModel'), result.error);
    if (conversationId !== null)
      setChoice(conversationId, result.value as ConversationSettingsView);
    else await refresh();
  }

  function chooseDefault(target: ProviderProfileView, chosen: string) {
    return settle(async () => {
      const { id, name, preset, kind, baseUrl, headers, defaults } = target;
      const saved = await api.profiles.save({
        id,
        name,
        preset,
        kind,
        baseUrl,
        model: chosen,
        headers,
        defaults,
      });
      return saved.ok ? api.profiles.setActive({ id }) : saved;
    });
  }

  return (
    <div className="model-picker">
      <label htmlFor={ids.select}>{t('modelPicker.label')}</label>
      <select
        id={ids.select}
        value={encode(profile.id, model)}
        onFocus={() => void refresh()}
        onChange={(event) => {
          if (event.target.value === other) return setTyping('');
          const [profileId, chosen] = JSON.parse(event.target.value) as [string, string];
          void choose(profileId, chosen);
        }}
      >
        {state.profiles.map((entry) => {
          const models = modelsOf(state, entry);
          if (entry.id === profile.id && !models.includes(model)) models.unshift(model);
          return (
            <optgroup key={entry.id} label={entry.name}>
              {models.map((name) => (
                <option key={name} value={encode(entry.id, name)}>
                  {name}
                </option>
              ))}
            </optgroup>
          );
        })}
        <option value={other}>{t('modelPicker.other')}</option>
      </select>
      {typing !== null ? (
        // Not a <form>: this sits inside the composer's form, and forms cannot nest.
        <div className="model-picker-other">
          <label htmlFor={ids.other} className="visually-hidden">
            {t('modelPicker.otherName', { profile: profile.name })}
          </label>
          <input
            id={ids.other}
            value={typing}
            onChange={(event) => setTyping(event.target.value)}
            onKeyDown={(event) => {
              if (event.key !== 'Enter') return;
              event.preventDefault();
              void choose(profile.id, typing).then(() => setTyping(null));
            }}
            autoFocus
          />
          <button
            type="button"
            onClick={() => void choose(profile.id, typing).then(() => setTyping(null))}
          >
            {t('modelPicker.use')}
          </button>
          <button type="button" onClick={() => setTyping(null)}>
            {t('branches.cancel')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
