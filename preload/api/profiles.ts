/**
 * The profile and settings channels: provider profiles, their models and connection test, local
 * servers, app preferences and each conversation's own settings.
 */
import { defineChannels, returns } from './channel';
import type { RequestInput, RequestOf } from './channels';
import {
  fontSizes,
  presetIds,
  providerKinds,
  reasoningEfforts,
  type AppSettingsView,
  type ConnectionTestResult,
  type ConversationSettingsView,
  type LocalServer,
  type ModelListResult,
  type ProfilesState,
  type ProviderProfileView,
} from './model';
import type { SchemaKit } from './schema-kit';

/** An http(s) base URL, the only kind a provider is reached at. */
function httpUrl({ z }: SchemaKit) {
  return z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), {
      message: 'Base URL must be an http:// or https:// address.',
    });
}

/** An explicit proxy for a profile's requests; absent means the system proxy. */
function proxyUrl({ z }: SchemaKit) {
  return z
    .string()
    .trim()
    .max(2_000)
    .refine((value) => /^(https?|socks5):\/\/\S+$/i.test(value) && URL.canParse(value), {
      message: 'Proxy URL must be an http://, https:// or socks5:// address.',
    });
}

/** Extra request headers: RFC 9110 token names, one-line values, at most 30. */
function headers({ z }: SchemaKit) {
  const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Not a header name.');
  return z
    .record(
      headerName,
      z
        .string()
        .max(4_000)
        .regex(/^[^\r\n]*$/, 'One line per header.'),
    )
    .refine((value) => Object.keys(value).length <= 30, 'At most 30 extra headers.');
}

function apiKey({ z }: SchemaKit) {
  return z.string().trim().min(1).max(10_000);
}

/** Where to connect: a saved profile's key is used unless the form carries a new one. */
function target(kit: SchemaKit) {
  const { z, id } = kit;
  return z.strictObject({
    profileId: id.optional(),
    kind: z.enum(providerKinds),
    baseUrl: httpUrl(kit),
    headers: headers(kit).optional(),
    proxyUrl: proxyUrl(kit).optional(),
    apiKey: apiKey(kit).optional(),
  });
}

/** The profiles and settings group of the channel table: each channel's request schema and result type. */
export const profileChannels = defineChannels({
  'profiles:list': {
    request: ({ noPayload }) => noPayload,
    result: returns<ProfilesState>(),
  },
  /** Create (no id) or update a profile. `apiKey`: a string sets it, null removes it, absent keeps it. */
  'profiles:save': {
    request: (kit) => {
      const { z, id } = kit;
      return z.strictObject({
        id: id.optional(),
        name: z.string().trim().min(1, 'Name is required.').max(100),
        preset: z.enum(presetIds),
        kind: z.enum(providerKinds),
        baseUrl: httpUrl(kit),
        model: z.string().trim().min(1, 'Model is required.').max(200),
        headers: headers(kit).default({}),
        defaults: z
          .strictObject({
            temperature: z.number().min(0).max(2).optional(),
            maxOutputTokens: z.number().int().min(1).max(1_000_000).optional(),
            thinkingBudget: z.number().int().min(1024).max(1_000_000).optional(),
            reasoningEffort: z.enum(reasoningEfforts).optional(),
          })
          .default({}),
        proxyUrl: proxyUrl(kit).optional(),
        apiKey: apiKey(kit).nullable().optional(),
      });
    },
    result: returns<SaveProviderProfileResult>(),
  },
  'profiles:delete': {
    request: ({ z, id }) => z.strictObject({ id }),
    result: returns<ProfilesState>(),
  },
  'profiles:set-active': {
    request: ({ z, id }) => z.strictObject({ id }),
    result: returns<ProfilesState>(),
  },
  /** List the models a server offers. */
  'models:list': {
    request: (kit) => target(kit),
    result: returns<ModelListResult>(),
  },
  /** The cheapest real request with these settings. */
  'connection:test': {
    request: (kit) => target(kit).extend({ model: kit.z.string().trim().min(1).max(200) }),
    result: returns<ConnectionTestResult>(),
  },
  /** Look for Ollama and LM Studio on this machine. */
  'local-servers:probe': {
    request: ({ noPayload }) => noPayload,
    result: returns<{ servers: LocalServer[] }>(),
  },
  'settings:get': {
    request: ({ noPayload }) => noPayload,
    result: returns<AppSettingsView>(),
  },
  'settings:set': {
    request: ({ z }) =>
      z.strictObject({
        theme: z.enum(['system', 'light', 'dark']).optional(),
        fontSize: z.enum(fontSizes).optional(),
        sendWith: z.enum(['enter', 'mod-enter']).optional(),
        downloadSpellingDictionaries: z.boolean().optional(),
        sessionOnlyKeys: z.boolean().optional(),
      }),
    result: returns<AppSettingsView>(),
  },
  /** Show the data folder in the file manager. */
  'settings:open-data-folder': {
    request: ({ noPayload }) => noPayload,
    result: returns<null>(),
  },
  'conversation-settings:get': {
    request: ({ z, id }) => z.strictObject({ conversationId: id }),
    result: returns<ConversationSettingsView>(),
  },
  /** Change what a conversation uses; an empty system prompt clears it. */
  'conversation-settings:set': {
    request: ({ z, id }) =>
      z.strictObject({
        conversationId: id,
        profileId: id.optional(),
        model: z.string().trim().min(1).max(200).optional(),
        systemPrompt: z.string().max(100_000).optional(),
        /** null: back to every enabled server. */
        toolServerIds: z.array(id).max(200).nullable().optional(),
      }),
    result: returns<ConversationSettingsView>(),
  },
});

/** The Providers form's payload as the renderer sends it (headers and defaults may be left out). */
export type SaveProviderProfileRequest = RequestInput<'profiles:save'>;
/** A saved profile and the state after saving it. */
export interface SaveProviderProfileResult {
  profile: ProviderProfileView;
  state: ProfilesState;
}
export type ConnectionTarget = RequestOf<'models:list'>;
export type ConnectionTestRequest = RequestOf<'connection:test'>;
export type SetAppSettingsRequest = RequestOf<'settings:set'>;
export type SetConversationSettingsRequest = RequestOf<'conversation-settings:set'>;
