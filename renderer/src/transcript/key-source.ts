/**
 * Where the key of a conversation's provider came from, so an error about the key points to the
 * place the user can fix it. Main falls back to environment variables in two cases
 * (main/storage/profile-settings.ts, environment-profile.ts): no profile is saved and one is
 * described by ANTHROPIC_* / OPENAI_* / GEMINI_API_KEY, or a saved Anthropic, OpenAI or Gemini
 * profile has no key of its own and the provider's variable is set. Either way the key is not
 * "in Settings" and Settings cannot show or change it.
 */
import type { PresetId, ProfilesState, ProviderKind } from '../../../preload/api';

/** The variable each wire format's key is read from (the official SDKs' names). */
const variableOfKind: Record<ProviderKind, string> = {
  anthropic: 'ANTHROPIC_API_KEY',
  'openai-compatible': 'OPENAI_API_KEY',
  gemini: 'GEMINI_API_KEY',
};

/** The presets whose saved profiles fall back to a variable (environmentKey in main). */
const variableOfPreset: Partial<Record<PresetId, string>> = {
  anthropic: 'ANTHROPIC_API_KEY',
  openai: 'OPENAI_API_KEY',
  'openai-compatible': 'OPENAI_API_KEY',
  gemini: 'GEMINI_API_KEY',
};

/**
 * The environment variable the key for `profileId` (the conversation's choice; undefined: the
 * active profile) came from, or null when it is a key saved in Settings or none at all.
 */
export function environmentKeyVariable(
  state: ProfilesState,
  profileId: string | undefined,
): string | null {
  const profile =
    state.profiles.find((entry) => entry.id === profileId) ??
    state.profiles.find((entry) => entry.id === state.activeId) ??
    state.profiles[0];
  if (!profile) return state.environment ? variableOfKind[state.environment.kind] : null;
  if (profile.hasKey) return null;
  const variable = variableOfPreset[profile.preset];
  // Only when that variable is known to be set: the environment profile names its kind.
  return variable && state.environment && variableOfKind[state.environment.kind] === variable
    ? variable
    : null;
}
