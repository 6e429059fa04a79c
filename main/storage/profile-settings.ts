import type {
  ProfileSource,
  ProfileView,
  ProviderKind,
  SaveProfileRequest,
} from '../../preload/api';
import type { ProviderRequest } from '../providers/types';
import type { KeyValueStore } from './key-value-store';
import type { SecretStore } from './secret-store';

/** The saved, non-secret part of a provider profile. */
export interface StoredProfile {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
}

/** A profile ready to use: where to connect, with which key. */
export interface ActiveProfile extends StoredProfile {
  apiKey: string | null;
  source: ProfileSource;
  /** The conversation's system prompt, if it has one. */
  systemPrompt?: string;
  /** Per-profile request defaults (temperature, max output tokens, reasoning). */
  requestDefaults?: Partial<Omit<ProviderRequest, 'model' | 'messages' | 'system'>>;
}

/** Where each kind's official API lives, as the SDKs spell it (Anthropic without /v1). */
export const defaultBaseUrls: Record<ProviderKind, string> = {
  anthropic: 'https://api.anthropic.com',
  'openai-compatible': 'https://api.openai.com/v1',
};

/** A sensible first model for each kind; the user can type any other. */
export const defaultModels: Record<ProviderKind, string> = {
  anthropic: 'claude-sonnet-4-5',
  'openai-compatible': 'gpt-4.1-mini',
};

const profileField = 'profile';

type Environment = Readonly<Record<string, string | undefined>>;

/** The active provider profile: the saved one, else one from the environment, else a default. */
export class ProfileSettings {
  constructor(
    private readonly store: KeyValueStore,
    private readonly secrets: SecretStore,
    private readonly env: Environment,
  ) {}

  /** The profile a new generation should use, key included. Main-process only. */
  async active(): Promise<ActiveProfile> {
    const saved = this.saved();
    if (saved) {
      const apiKey = (await this.secrets.getApiKey()) ?? this.environmentKey(saved.kind);
      return { ...saved, apiKey, source: 'saved' };
    }
    return this.fromEnvironment() ?? { ...this.fallback(), apiKey: null, source: 'default' };
  }

  /** The profile as the renderer may see it: whether a key is set, never the key. */
  async view(): Promise<ProfileView> {
    const saved = this.saved();
    const active = saved
      ? { ...saved, source: 'saved' as const }
      : (this.fromEnvironment() ?? { ...this.fallback(), source: 'default' as const });
    const hasKey = saved
      ? this.secrets.hasApiKey() || this.environmentKey(saved.kind) !== null
      : active.source === 'environment' && this.environmentKey(active.kind) !== null;
    return {
      kind: active.kind,
      baseUrl: active.baseUrl,
      model: active.model,
      hasKey,
      source: active.source,
      keyEncrypted: await this.secrets.isKeyEncrypted(),
    };
  }

  /** Save the profile; the key is set, removed or kept as the request says. */
  async save(request: SaveProfileRequest): Promise<ProfileView> {
    const profile: StoredProfile = {
      kind: request.kind,
      baseUrl: request.baseUrl.replace(/\/+$/, ''),
      model: request.model,
    };
    if (request.apiKey === null) this.secrets.deleteApiKey();
    else if (request.apiKey !== undefined) await this.secrets.setApiKey(request.apiKey);
    this.store.set(profileField, profile);
    return this.view();
  }

  private saved(): StoredProfile | null {
    const value = this.store.get(profileField);
    if (!isStoredProfile(value)) return null;
    return value;
  }

  /** Like the official SDKs: ANTHROPIC_* first, then OPENAI_*. */
  private fromEnvironment(): ActiveProfile | null {
    const anthropicKey = nonEmpty(this.env.ANTHROPIC_API_KEY);
    if (anthropicKey) {
      return {
        kind: 'anthropic',
        baseUrl: trimSlash(nonEmpty(this.env.ANTHROPIC_BASE_URL) ?? defaultBaseUrls.anthropic),
        model: defaultModels.anthropic,
        apiKey: anthropicKey,
        source: 'environment',
      };
    }
    const openAiKey = nonEmpty(this.env.OPENAI_API_KEY);
    const openAiBase = nonEmpty(this.env.OPENAI_BASE_URL);
    if (openAiKey || openAiBase) {
      return {
        kind: 'openai-compatible',
        baseUrl: trimSlash(openAiBase ?? defaultBaseUrls['openai-compatible']),
        model: defaultModels['openai-compatible'],
        apiKey: openAiKey,
        source: 'environment',
      };
    }
    return null;
  }

  private environmentKey(kind: ProviderKind): string | null {
    return nonEmpty(kind === 'anthropic' ? this.env.ANTHROPIC_API_KEY : this.env.OPENAI_API_KEY);
  }

  private fallback(): StoredProfile {
    return {
      kind: 'anthropic',
      baseUrl: defaultBaseUrls.anthropic,
      model: defaultModels.anthropic,
    };
  }
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function isStoredProfile(value: unknown): value is StoredProfile {
  if (typeof value !== 'object' || value === null) return false;
  const { kind, baseUrl, model } = value as Record<string, unknown>;
  return (
    (kind === 'anthropic' || kind === 'openai-compatible') &&
    typeof baseUrl === 'string' &&
    typeof model === 'string'
  );
}
