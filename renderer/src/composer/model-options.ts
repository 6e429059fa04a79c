/**
 * The model switcher's list: every saved profile with its models, grouped, searched. Pure, so
 * the switcher's component only draws it and moves through it.
 */
import type { ProfilesState, ProviderProfileView } from '../../../preload/api';

/** One choice: which profile (null: the provider described by environment variables), which model. */
export interface ModelOption {
  /** Unique in the list: the option's element id is made from it. */
  key: string;
  profileId: string | null;
  model: string;
}

/** A profile's models under its name; `local` for a server on this computer (Ollama, LM Studio). */
export interface ModelGroup {
  key: string;
  /** The profile's name (for the environment: the variable's provider, see `environment`). */
  label: string;
  local: boolean;
  /** Set for the group of the provider that came from environment variables. */
  environment: boolean;
  options: ModelOption[];
}

/** What answers now: the conversation's (or the default) profile and model. */
export interface CurrentModel {
  profileId: string | null;
  model: string;
}

function modelsOf(state: ProfilesState, profile: ProviderProfileView): string[] {
  const preset = state.presets.find((entry) => entry.id === profile.preset);
  return [...new Set([profile.model, ...(preset?.models ?? [])])];
}

function isLocal(state: ProfilesState, preset: string): boolean {
  return state.presets.find((entry) => entry.id === preset)?.local === true;
}

/**
 * The groups, cloud providers first and servers on this computer after them (a long list of
 * local models must not push the cloud ones out of sight). The current model is always in its
 * group, even when it was typed by hand. Without saved profiles, the provider from the
 * environment is the one group, so the switcher shows what answers in that case too.
 */
export function modelGroups(state: ProfilesState, current: CurrentModel): ModelGroup[] {
  const groups: ModelGroup[] = state.profiles.map((profile) => {
    const models = modelsOf(state, profile);
    if (current.profileId === profile.id && !models.includes(current.model)) {
      models.unshift(current.model);
    }
    return {
      key: profile.id,
      label: profile.name,
      local: isLocal(state, profile.preset),
      environment: false,
      options: models.map((model) => ({
        key: `${profile.id}\u0000${model}`,
        profileId: profile.id,
        model,
      })),
    };
  });
  if (groups.length === 0 && state.environment) {
    const { kind, model } = state.environment;
    const preset = state.presets.find((entry) => entry.kind === kind && !entry.local);
    const models = [...new Set([current.model, model, ...(preset?.models ?? [])])];
    groups.push({
      key: 'environment',
      label: preset?.label ?? kind,
      local: false,
      environment: true,
      options: models.map((name) => ({ key: `env\u0000${name}`, profileId: null, model: name })),
    });
  }
  // Stable: cloud before local, each in the order Settings lists them.
  return [...groups.filter((group) => !group.local), ...groups.filter((group) => group.local)];
}

/**
 * The groups narrowed to what matches `query` (case-insensitive, in the model's name or the
 * profile's); groups left empty are dropped. An empty query keeps everything.
 */
export function filterGroups(groups: readonly ModelGroup[], query: string): ModelGroup[] {
  const needle = query.trim().toLowerCase();
  if (needle === '') return [...groups];
  return groups
    .map((group) => {
      if (group.label.toLowerCase().includes(needle)) return group;
      const options = group.options.filter((option) => option.model.toLowerCase().includes(needle));
      return { ...group, options };
    })
    .filter((group) => group.options.length > 0);
}

/** True when some option's model is exactly `name` (so "Use “name”" is not offered). */
export function hasModel(groups: readonly ModelGroup[], name: string): boolean {
  const wanted = name.trim();
  return groups.some((group) => group.options.some((option) => option.model === wanted));
}
