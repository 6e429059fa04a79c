import type { PresetId, ProviderKind } from '../../preload/api';
import { presetForKind } from '../providers/presets';
import { defaultModels } from '../providers/wire-formats';

/** The process environment, as main's services see it. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** A profile described by environment variables. */
export interface EnvironmentProfile {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  apiKey: string | null;
}

/** Like the official SDKs: ANTHROPIC_* first, then OPENAI_*, then GEMINI_API_KEY. */
export function environmentProfile(env: Environment): EnvironmentProfile | null {
  const anthropicKey = nonEmpty(env.ANTHROPIC_API_KEY);
  if (anthropicKey) {
    return {
      kind: 'anthropic',
      baseUrl: trimSlash(nonEmpty(env.ANTHROPIC_BASE_URL) ?? presetForKind('anthropic').baseUrl),
      model: defaultModels.anthropic,
      apiKey: anthropicKey,
    };
  }
  const openAiKey = nonEmpty(env.OPENAI_API_KEY);
  const openAiBase = nonEmpty(env.OPENAI_BASE_URL);
  if (openAiKey || openAiBase) {
    return {
      kind: 'openai-compatible',
      baseUrl: trimSlash(openAiBase ?? presetForKind('openai-compatible').baseUrl),
      model: defaultModels['openai-compatible'],
      apiKey: openAiKey,
    };
  }
  const geminiKey = nonEmpty(env.GEMINI_API_KEY);
  if (geminiKey) {
    return {
      kind: 'gemini',
      baseUrl: presetForKind('gemini').baseUrl,
      model: defaultModels.gemini,
      apiKey: geminiKey,
    };
  }
  return null;
}

/**
 * The environment's key for a saved profile that has none. Only for the provider the variable
 * names: an OPENAI_API_KEY must never be sent to Groq or a local server.
 */
export function environmentKey(env: Environment, preset: PresetId): string | null {
  switch (preset) {
    case 'anthropic':
      return nonEmpty(env.ANTHROPIC_API_KEY);
    // The custom preset is what a version-1 OpenAI-compatible profile became: it used OPENAI_*.
    case 'openai':
    case 'openai-compatible':
      return nonEmpty(env.OPENAI_API_KEY);
    case 'gemini':
      return nonEmpty(env.GEMINI_API_KEY);
    default:
      return null;
  }
}

/** A URL without its trailing slashes. */
export function trimSlash(url: string): string {
  return url.trim().replace(/\/+$/, '');
}

function nonEmpty(value: string | undefined): string | null {
  const trimmed = value?.trim();
  return trimmed ? trimmed : null;
}
