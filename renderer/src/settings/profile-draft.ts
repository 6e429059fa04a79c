import type {
  GenerationDefaults,
  PresetId,
  PresetView,
  ProfilesState,
  ProviderProfileView,
  SaveProviderProfileRequest,
} from '../../../preload/api';
import { t } from '../i18n';

/** The Providers form's fields, as the user edits them. */
export interface ProfileDraft {
  id?: string;
  name: string;
  preset: PresetId;
  baseUrl: string;
  model: string;
  /** One `Name: value` per line. */
  headers: string;
  defaults: GenerationDefaults;
  /** An explicit proxy URL; empty (or absent) uses the system proxy. */
  proxyUrl?: string;
}

/** A draft of a saved profile. */
export function draftOf(profile: ProviderProfileView): ProfileDraft {
  return {
    id: profile.id,
    name: profile.name,
    preset: profile.preset,
    baseUrl: profile.baseUrl,
    model: profile.model,
    headers: Object.entries(profile.headers)
      .map(([name, value]) => `${name}: ${value}`)
      .join('\n'),
    defaults: profile.defaults,
    proxyUrl: profile.proxyUrl ?? '',
  };
}

/** A new profile: from the environment's settings when they exist, else from a preset. */
export function newDraft(state: ProfilesState, presetId?: PresetId): ProfileDraft {
  const env = state.environment;
  const id =
    presetId ??
    (env
      ? env.kind === 'anthropic'
        ? 'anthropic'
        : env.kind === 'gemini'
          ? 'gemini'
          : 'openai'
      : 'anthropic');
  const preset = presetOf(state, id);
  const fromEnv = env && !presetId && env.kind === preset.kind;
  return {
    name: preset.label,
    preset: preset.id,
    baseUrl: fromEnv ? env.baseUrl : preset.baseUrl,
    model: fromEnv ? env.model : (preset.models[0] ?? ''),
    headers: '',
    defaults: {},
  };
}

/** A preset by id (the list always holds every id). */
export function presetOf(state: Pick<ProfilesState, 'presets'>, id: PresetId): PresetView {
  const preset = state.presets.find((candidate) => candidate.id === id) ?? state.presets[0];
  if (!preset) throw new Error('No presets');
  return preset;
}

/**
 * The draft after choosing another preset: a preset's default name, URL and model give way to
 * the new preset's; what the user typed is theirs and is kept.
 */
export function switchPreset(
  state: ProfilesState,
  draft: ProfileDraft,
  id: PresetId,
): ProfileDraft {
  const before = presetOf(state, draft.preset);
  const after = presetOf(state, id);
  const isDefault = (value: string, pick: (preset: PresetView) => string[]) =>
    value.trim() === '' ||
    state.presets.some((preset) => pick(preset).includes(value.trim().replace(/\/+$/, '')));
  return {
    ...draft,
    preset: id,
    name: draft.name === before.label || draft.name.trim() === '' ? after.label : draft.name,
    baseUrl: isDefault(draft.baseUrl, (preset) => [preset.baseUrl]) ? after.baseUrl : draft.baseUrl,
    model: isDefault(draft.model, (preset) => preset.models)
      ? (after.models[0] ?? '')
      : draft.model,
  };
}

/** Parse `Name: value` lines; returns an error sentence for the first bad line. */
export function parseHeaders(text: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return t('profileEditor.badHeader', { line: line.trim() });
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The save request for a draft; `apiKey` as the key field says (undefined keeps the saved key). */
export function saveRequest(
  state: ProfilesState,
  draft: ProfileDraft,
  headers: Record<string, string>,
  apiKey: string | null | undefined,
): SaveProviderProfileRequest {
  const request: SaveProviderProfileRequest = {
    name: draft.name.trim(),
    preset: draft.preset,
    kind: presetOf(state, draft.preset).kind,
    baseUrl: draft.baseUrl.trim(),
    model: draft.model.trim(),
    headers,
    defaults: draft.defaults,
  };
  if (draft.id) request.id = draft.id;
  const proxyUrl = draft.proxyUrl?.trim();
  if (proxyUrl) request.proxyUrl = proxyUrl;
  if (apiKey !== undefined) request.apiKey = apiKey;
  return request;
}
