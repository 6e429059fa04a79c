import { z } from 'zod';
import { fontSizes, presetIds, providerKinds, reasoningEfforts } from '../../preload/api';

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
});

/** The settings document. */
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
  };
}
