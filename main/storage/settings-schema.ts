import { z } from 'zod';
import {
  fontSizes,
  mcpTransports,
  presetIds,
  providerKinds,
  reasoningEfforts,
} from '../../preload/api';

/** The settings file's current shape; a migration is added whenever this number goes up. */
export const settingsVersion = 2;

const storedProfile = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  preset: z.enum(presetIds),
  kind: z.enum(providerKinds),
  baseUrl: z.string().min(1).max(2_000),
  model: z.string().min(1).max(200),
  headers: z.record(z.string(), z.string()),
  defaults: z.strictObject({
    temperature: z.number().min(0).max(2).optional(),
    maxOutputTokens: z.number().int().min(1).optional(),
    thinkingBudget: z.number().int().min(1).optional(),
    reasoningEffort: z.enum(reasoningEfforts).optional(),
  }),
  // Added within version 2: optional with no default, so files written before it still load.
  proxyUrl: z.string().min(1).max(2_000).optional(),
});

/** No servers, no rules, 20 steps, ask before read-only tools too. */
function defaultToolsSection() {
  return { servers: [], rules: [], stepLimit: 20, autoAllowReadOnly: false };
}

/**
 * An MCP server as saved. Its environment and header values are secrets and live in the secret
 * store (under `mcpSecretKey`); only their names are here.
 */
const storedMcpServer = z.strictObject({
  id: z.string().min(1).max(100),
  name: z.string().min(1).max(100),
  enabled: z.boolean(),
  transport: z.enum(mcpTransports),
  command: z.string().min(1).max(4_000).optional(),
  args: z.array(z.string().max(4_000)).max(200),
  cwd: z.string().max(4_000).optional(),
  url: z.string().min(1).max(4_000).optional(),
  envNames: z.array(z.string().min(1).max(128)).max(200),
  headerNames: z.array(z.string().min(1).max(128)).max(200),
  /** Tools the user switched off. */
  disabledTools: z.array(z.string().min(1).max(200)).max(10_000),
});

/** An "Always allow" rule: this server's tool runs without asking, in every conversation. */
const storedToolRule = z.strictObject({
  id: z.string().min(1).max(100),
  serverId: z.string().min(1).max(100),
  tool: z.string().min(1).max(200),
});

/** Tools: MCP servers, "Always allow" rules and preferences. */
const toolsSection = z.strictObject({
  servers: z.array(storedMcpServer).max(200),
  rules: z.array(storedToolRule).max(10_000),
  stepLimit: z.number().int().min(1).max(100),
  autoAllowReadOnly: z.boolean(),
});

/**
 * What the user says one model can take, overriding what Parley knows (Settings → Models).
 * Keyed by the server (wire format and base URL, as the profile has it) and the model name, so
 * every profile of that server shares it; a field left out is not overridden.
 */
const storedCapabilityOverride = z.strictObject({
  kind: z.enum(providerKinds),
  baseUrl: z.string().min(1).max(2_000),
  model: z.string().min(1).max(200),
  images: z.boolean().optional(),
  pdfs: z.boolean().optional(),
});

/** Models: the user's capability overrides. */
const modelsSection = z.strictObject({
  capabilities: z.array(storedCapabilityOverride).max(2_000),
});

/** No overrides. */
function defaultModelsSection() {
  return { capabilities: [] };
}

/** Where a server's environment or header value lives in the secret store. */
export function mcpSecretKey(serverId: string, where: 'env' | 'header', name: string): string {
  return `mcp:${serverId}:${where}:${name}`;
}

/** The whole settings document, validated on every start (the JSON schema of settings.json). */
export const settingsSchema = z.strictObject({
  schemaVersion: z.literal(settingsVersion),
  profiles: z.array(storedProfile).max(200),
  activeProfileId: z.string().nullable(),
  appearance: z.strictObject({
    theme: z.enum(['system', 'light', 'dark']),
    // Added within version 2: optional with a default, so files written before it still load.
    fontSize: z.enum(fontSizes).default('default'),
  }),
  behaviour: z.strictObject({
    sendWith: z.enum(['enter', 'mod-enter']),
    // Added within version 2: optional with a default, so files written before it still load.
    // Off: Windows and Linux get no spellchecker rather than dictionaries from Google's servers.
    downloadSpellingDictionaries: z.boolean().default(false),
  }),
  keys: z.strictObject({ sessionOnly: z.boolean() }),
  // Added within version 2: optional with a default, so files written before it still load.
  tools: toolsSection.default(defaultToolsSection),
  // Added within version 2: optional with a default, so files written before it still load.
  models: modelsSection.default(defaultModelsSection),
});

/** The settings document. */
export type ToolsSection = z.infer<typeof toolsSection>;
export type StoredMcpServer = z.infer<typeof storedMcpServer>;
export type StoredToolRule = z.infer<typeof storedToolRule>;
export type StoredCapabilityOverride = z.infer<typeof storedCapabilityOverride>;

export type SettingsDocument = z.infer<typeof settingsSchema>;

/** A saved provider profile (its key lives in the secret store). */
export type StoredProviderProfile = z.infer<typeof storedProfile>;

/** Every top-level field the document has or ever had, so a load can read them all. */
export const documentFields = [
  'schemaVersion',
  'profiles',
  'activeProfileId',
  'appearance',
  'behaviour',
  'keys',
  'tools',
  'models',
  // Version 1: the single profile.
  'profile',
] as const;

/** What a fresh install starts from. */
export function defaultSettings(): SettingsDocument {
  return {
    schemaVersion: settingsVersion,
    profiles: [],
    activeProfileId: null,
    appearance: { theme: 'system', fontSize: 'default' },
    behaviour: { sendWith: 'enter', downloadSpellingDictionaries: false },
    keys: { sessionOnly: false },
    tools: defaultToolsSection(),
    models: defaultModelsSection(),
  };
}
