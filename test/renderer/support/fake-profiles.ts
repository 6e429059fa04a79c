import type {
  AppSettingsView,
  InvokeChannel,
  PresetView,
  ProfilesState,
  ProviderProfileView,
  SaveProviderProfileRequest,
} from '../../../preload/api';

/** The channels this fake answers. */
type ProfileChannel = Extract<
  InvokeChannel,
  | `profiles:${string}`
  | `models:${string}`
  | `connection:${string}`
  | `local-servers:${string}`
  | `conversation-settings:${string}`
  | 'settings:get'
  | 'settings:set'
  | 'settings:open-data-folder'
>;

/** A few presets, shaped like main's. */
export const fakePresets: PresetView[] = [
  {
    id: 'anthropic',
    label: 'Anthropic',
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    keyRequired: true,
    local: false,
    models: ['claude-sonnet-4-5'],
    reasoning: 'thinking-budget',
  },
  {
    id: 'openai',
    label: 'OpenAI',
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    keyRequired: true,
    local: false,
    models: ['gpt-4.1-mini'],
    reasoning: 'effort',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:11434/v1',
    keyRequired: false,
    local: true,
    models: ['llama3.2'],
    reasoning: 'none',
  },
  {
    id: 'openai-compatible',
    label: 'Custom (OpenAI-compatible)',
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    keyRequired: false,
    local: false,
    models: [],
    reasoning: 'effort',
  },
];

/** The profile the fake starts with unless a test says otherwise. */
export const defaultProviderProfile: ProviderProfileView = {
  id: 'p-1',
  name: 'Anthropic',
  preset: 'anthropic',
  kind: 'anthropic',
  baseUrl: 'https://api.anthropic.com',
  model: 'claude-test',
  headers: {},
  defaults: {},
  hasKey: true,
  keyHint: '1234',
  keySessionOnly: false,
};

/**
 * An in-memory profiles model answering the provider and settings channels like main, so
 * settings, picker and onboarding tests can run over the fake bridge.
 */
export function createFakeProfiles(initial: ProviderProfileView[] = [defaultProviderProfile]) {
  let profiles = [...initial];
  let activeId: string | null = profiles[0]?.id ?? null;
  let counter = profiles.length;
  const preferences: AppSettingsView = {
    theme: 'system',
    fontSize: 'default',
    sendWith: 'enter',
    downloadSpellingDictionaries: false,
    sessionOnlyKeys: false,
    dataDir: '/data/Parley',
    notices: [],
  };
  const conversationSettings = new Map<string, Record<string, string>>();
  const state = (): ProfilesState => ({
    profiles: structuredClone(profiles),
    activeId,
    environment: null,
    presets: fakePresets,
    keyProtection: 'encrypted',
  });

  const handlers: Record<ProfileChannel, (payload: unknown) => unknown> = {
    'profiles:list': () => state(),
    'profiles:save': (payload) => {
      const { apiKey, ...request } = payload as SaveProviderProfileRequest;
      const id = request.id ?? `p-${++counter}`;
      const before = profiles.find((profile) => profile.id === id);
      const hasKey = apiKey === undefined ? (before?.hasKey ?? false) : apiKey !== null;
      const profile: ProviderProfileView = {
        ...request,
        id,
        headers: request.headers ?? {},
        defaults: request.defaults ?? {},
        hasKey,
        keyHint: hasKey
          ? typeof apiKey === 'string'
            ? apiKey.slice(-4)
            : (before?.keyHint ?? null)
          : null,
        keySessionOnly: false,
      };
      profiles = before
        ? profiles.map((entry) => (entry.id === id ? profile : entry))
        : [...profiles, profile];
      activeId ??= id;
      return { profile, state: state() };
    },
    'profiles:delete': (payload) => {
      const { id } = payload as { id: string };
      profiles = profiles.filter((profile) => profile.id !== id);
      if (activeId === id) activeId = profiles[0]?.id ?? null;
      return state();
    },
    'profiles:set-active': (payload) => {
      activeId = (payload as { id: string }).id;
      return state();
    },
    // These results have an `ok` of their own, so they go out already wrapped.
    'models:list': () => ({
      ok: true,
      value: { ok: true, models: [{ id: 'model-a' }, { id: 'model-b' }] },
    }),
    'connection:test': () => ({
      ok: true,
      value: { ok: true, latencyMs: 12, message: 'Connected: claude-test answered in 12 ms.' },
    }),
    'local-servers:probe': () => ({ servers: [] }),
    'settings:get': () => ({ ...preferences }),
    'settings:set': (payload) => {
      Object.assign(preferences, payload);
      return { ...preferences };
    },
    'settings:open-data-folder': () => null,
    'conversation-settings:get': (payload) =>
      conversationSettings.get((payload as { conversationId: string }).conversationId) ?? {},
    'conversation-settings:set': (payload) => {
      const { conversationId, ...choice } = payload as { conversationId: string } & Record<
        string,
        string
      >;
      const next = { ...conversationSettings.get(conversationId), ...choice };
      conversationSettings.set(conversationId, next);
      return next;
    },
  };
  return { handlers, state, preferences, conversationSettings };
}
