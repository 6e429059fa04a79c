import { randomUUID } from 'node:crypto';
import type {
  ProfileSource,
  ProfilesState,
  ProviderKind,
  ProviderProfileView,
  SaveProviderProfileResult,
} from '../../preload/api';
import { IpcFailureError } from '../errors/ipc-failure';
import { presetById, presets } from '../providers/presets';
import type { ProviderRequest } from '../providers/types';
import { defaultModels } from '../providers/wire-formats';
import {
  environmentKey,
  environmentProfile,
  trimSlash,
  type Environment,
} from './environment-profile';
import type { KeyValueStore } from './key-value-store';
import type { SecretStore } from './secret-store';
import { SettingsFile } from './settings-file';
import { migratedProfileId } from './settings-migrations';
import type { StoredProviderProfile } from './settings-schema';

/** A profile as saved, without its key (the Providers form's payload, validated). */
export type ProfileInput = Omit<StoredProviderProfile, 'id'> & { id?: string };

/** A profile ready to use: where to connect, with which key and request defaults. */
export interface ActiveProfile {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string | null;
  source: ProfileSource;
  /** The saved profile's id; absent for the environment and the default. */
  profileId?: string;
  headers?: Record<string, string>;
  /** The profile's explicit proxy; absent: the system proxy. */
  proxyUrl?: string;
  /** The conversation's system prompt, if it has one. */
  systemPrompt?: string;
  /** Temperature, output limit and reasoning from the profile, for every request it makes. */
  requestDefaults?: Partial<Omit<ProviderRequest, 'model' | 'messages' | 'system'>>;
}

/** What a conversation was set to use (ConversationStore's settings). */
export interface ConversationChoice {
  profileId?: string;
  model?: string;
  systemPrompt?: string;
  /** The MCP servers its model may use; absent: every enabled server; empty: no tools. */
  toolServerIds?: string[];
}

/** A change to a conversation's choices: undefined keeps a field; `toolServerIds: null` clears it. */
export type ConversationChoiceChange = Omit<ConversationChoice, 'toolServerIds'> & {
  toolServerIds?: string[] | null;
};

/** Reads a conversation's choices; ConversationStore in the app. */
export type ConversationChoices = (conversationId: string) => ConversationChoice;

/** Where each kind's official API lives, as the SDKs spell it (Anthropic without /v1). */
export const defaultBaseUrls: Record<ProviderKind, string> = {
  anthropic: presetById('anthropic').baseUrl,
  'openai-compatible': presetById('openai').baseUrl,
  gemini: presetById('gemini').baseUrl,
};

/**
 * The saved provider profiles and which one is active, each with its own key in the secret
 * store; without any, a profile from the environment, else Anthropic with no key.
 */
export class ProfileSettings {
  /** The settings document (shared with the app settings). */
  readonly file: SettingsFile;
  private readonly ready: Promise<void>;

  constructor(
    store: KeyValueStore | SettingsFile,
    private readonly secrets: SecretStore,
    private readonly env: Environment,
    private readonly choices: ConversationChoices = () => ({}),
  ) {
    this.file = store instanceof SettingsFile ? store : new SettingsFile(store);
    this.ready = this.adoptLegacyKey();
  }

  /** The profile a generation in this conversation uses, key included. Main-process only. */
  async active(conversationId?: string): Promise<ActiveProfile> {
    await this.ready;
    const choice = conversationId ? this.choices(conversationId) : {};
    const chosen = this.find(choice.profileId) ?? this.activeStored();
    const extras = {
      ...(choice.systemPrompt ? { systemPrompt: choice.systemPrompt } : {}),
    };
    if (chosen) {
      const apiKey =
        (await this.secrets.getKey(chosen.id)) ?? environmentKey(this.env, chosen.preset);
      return {
        kind: chosen.kind,
        baseUrl: chosen.baseUrl,
        model: choice.model ?? chosen.model,
        apiKey,
        source: 'saved',
        profileId: chosen.id,
        headers: chosen.headers,
        ...(chosen.proxyUrl ? { proxyUrl: chosen.proxyUrl } : {}),
        requestDefaults: requestDefaults(chosen),
        ...extras,
      };
    }
    const fromEnv = environmentProfile(this.env);
    const base = fromEnv ?? { ...fallback(), apiKey: null };
    return {
      ...base,
      model: choice.model ?? base.model,
      source: fromEnv ? 'environment' : 'default',
      ...extras,
    };
  }

  /** Every profile, the active one, the presets and how keys are kept. */
  async state(): Promise<ProfilesState> {
    await this.ready;
    const document = this.file.read();
    const fromEnv = environmentProfile(this.env);
    return {
      profiles: document.profiles.map((profile) => this.viewOf(profile)),
      activeId: this.activeStored()?.id ?? null,
      environment: fromEnv
        ? { kind: fromEnv.kind, baseUrl: fromEnv.baseUrl, model: fromEnv.model }
        : null,
      presets: [...presets],
      keyProtection: await this.secrets.protection(),
    };
  }

  /** Create or update a profile and set, remove or keep its key. The first profile becomes active. */
  async saveProfile(
    input: ProfileInput & { apiKey?: string | null },
  ): Promise<SaveProviderProfileResult> {
    await this.ready;
    const { apiKey, ...fields } = input;
    const id = fields.id && this.find(fields.id) ? fields.id : randomUUID();
    const { proxyUrl, ...rest } = fields;
    const profile: StoredProviderProfile = {
      ...rest,
      id,
      baseUrl: trimSlash(fields.baseUrl),
      ...(proxyUrl ? { proxyUrl } : {}),
    };
    const sessionOnly = this.file.read().keys.sessionOnly;
    if (apiKey === null) this.secrets.deleteKey(id);
    else if (apiKey !== undefined) await this.secrets.setKey(id, apiKey, sessionOnly);
    this.file.update((draft) => {
      const index = draft.profiles.findIndex((entry) => entry.id === id);
      if (index >= 0) draft.profiles[index] = profile;
      else draft.profiles.push(profile);
      draft.activeProfileId ??= id;
    });
    return { profile: this.viewOf(profile), state: await this.state() };
  }

  /** Delete a profile and its key; another becomes active if it was. */
  async deleteProfile(id: string): Promise<ProfilesState> {
    await this.ready;
    this.secrets.deleteKey(id);
    this.file.update((draft) => {
      draft.profiles = draft.profiles.filter((profile) => profile.id !== id);
      if (draft.activeProfileId === id) draft.activeProfileId = draft.profiles[0]?.id ?? null;
    });
    return this.state();
  }

  /** Make a profile the one new conversations use. */
  async setActive(id: string): Promise<ProfilesState> {
    if (!this.find(id)) {
      // A stale id (the profile was deleted meanwhile) is a refusal the user can read, not a crash.
      throw new IpcFailureError('not_found', 'That provider profile no longer exists.');
    }
    this.file.update((draft) => {
      draft.activeProfileId = id;
    });
    return this.state();
  }

  /** A saved profile by id, or null. */
  find(id: string | undefined): StoredProviderProfile | null {
    if (!id) return null;
    return this.file.read().profiles.find((profile) => profile.id === id) ?? null;
  }

  /** The saved key for a profile (or the environment's), for a models listing or a test. */
  async keyFor(profile: StoredProviderProfile): Promise<string | null> {
    await this.ready;
    return (await this.secrets.getKey(profile.id)) ?? environmentKey(this.env, profile.preset);
  }

  private activeStored(): StoredProviderProfile | null {
    const { profiles, activeProfileId } = this.file.read();
    return profiles.find((profile) => profile.id === activeProfileId) ?? profiles[0] ?? null;
  }

  private viewOf(profile: StoredProviderProfile): ProviderProfileView {
    return {
      ...profile,
      hasKey: this.secrets.hasKey(profile.id),
      keyHint: this.secrets.hint(profile.id),
      keySessionOnly: this.secrets.isSessionOnly(profile.id),
    };
  }

  /** Version 1's key belongs to version 1's profile (or, without one, to the default Anthropic). */
  private async adoptLegacyKey(): Promise<void> {
    if (!this.secrets.hasLegacyKey()) return;
    if (!this.find(migratedProfileId)) {
      const anthropic = presetById('anthropic');
      this.file.update((draft) => {
        draft.profiles.push({
          ...fallback(),
          id: migratedProfileId,
          name: anthropic.label,
          preset: 'anthropic',
          headers: {},
          defaults: {},
        });
        draft.activeProfileId ??= migratedProfileId;
      });
    }
    await this.secrets.adoptLegacyKey(migratedProfileId);
  }
}

/** The request fields a profile's defaults fill in, limited to what its provider understands. */
function requestDefaults(profile: StoredProviderProfile): ActiveProfile['requestDefaults'] {
  const { temperature, maxOutputTokens, thinkingBudget, reasoningEffort } = profile.defaults;
  const style = presetById(profile.preset).reasoning;
  return {
    ...(temperature !== undefined ? { temperature } : {}),
    ...(maxOutputTokens !== undefined ? { maxTokens: maxOutputTokens } : {}),
    ...(style === 'thinking-budget' && thinkingBudget !== undefined ? { thinkingBudget } : {}),
    ...(style === 'effort' && reasoningEffort !== undefined ? { reasoningEffort } : {}),
  };
}

function fallback(): { kind: ProviderKind; baseUrl: string; model: string } {
  return { kind: 'anthropic', baseUrl: defaultBaseUrls.anthropic, model: defaultModels.anthropic };
}
