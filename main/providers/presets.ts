import type { PresetId, PresetView, ProviderKind } from '../../preload/api';
import { defaultModels } from './wire-formats';

/**
 * The providers Parley knows by name: wire format, where the API lives, whether a key is needed,
 * a few known models (the models endpoint is asked for the real list; an official API's list
 * starts with its kind's default model) and the reasoning control.
 */
export const presets: readonly PresetView[] = [
  {
    id: 'anthropic',
    label: 'Anthropic',
    kind: 'anthropic',
    baseUrl: 'https://api.anthropic.com',
    keyRequired: true,
    local: false,
    models: [defaultModels.anthropic, 'claude-opus-4-1', 'claude-haiku-4-5'],
    reasoning: 'thinking-budget',
  },
  {
    id: 'openai',
    label: 'OpenAI',
    kind: 'openai-compatible',
    baseUrl: 'https://api.openai.com/v1',
    keyRequired: true,
    local: false,
    models: [
      defaultModels['openai-compatible'],
      'gpt-4.1',
      'gpt-4o',
      'gpt-5',
      'gpt-5-mini',
      'o4-mini',
    ],
    reasoning: 'effort',
  },
  {
    id: 'gemini',
    label: 'Google Gemini',
    kind: 'gemini',
    baseUrl: 'https://generativelanguage.googleapis.com',
    keyRequired: true,
    local: false,
    models: [defaultModels.gemini, 'gemini-2.5-pro', 'gemini-2.5-flash-lite'],
    reasoning: 'thinking-budget',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    kind: 'openai-compatible',
    baseUrl: 'https://openrouter.ai/api/v1',
    keyRequired: true,
    local: false,
    models: ['openrouter/auto', 'anthropic/claude-sonnet-4.5', 'openai/gpt-4.1-mini'],
    reasoning: 'effort',
  },
  {
    id: 'groq',
    label: 'Groq',
    kind: 'openai-compatible',
    baseUrl: 'https://api.groq.com/openai/v1',
    keyRequired: true,
    local: false,
    models: ['llama-3.3-70b-versatile', 'llama-3.1-8b-instant'],
    reasoning: 'none',
  },
  {
    id: 'deepseek',
    label: 'DeepSeek',
    kind: 'openai-compatible',
    baseUrl: 'https://api.deepseek.com',
    keyRequired: true,
    local: false,
    models: ['deepseek-chat', 'deepseek-reasoner'],
    reasoning: 'none',
  },
  {
    id: 'mistral',
    label: 'Mistral',
    kind: 'openai-compatible',
    baseUrl: 'https://api.mistral.ai/v1',
    keyRequired: true,
    local: false,
    models: ['mistral-large-latest', 'mistral-small-latest'],
    reasoning: 'none',
  },
  {
    id: 'xai',
    label: 'xAI',
    kind: 'openai-compatible',
    baseUrl: 'https://api.x.ai/v1',
    keyRequired: true,
    local: false,
    models: ['grok-4', 'grok-3-mini'],
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
    id: 'lmstudio',
    label: 'LM Studio',
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:1234/v1',
    keyRequired: false,
    local: true,
    models: [],
    reasoning: 'none',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    kind: 'openai-compatible',
    baseUrl: 'http://127.0.0.1:8080/v1',
    keyRequired: false,
    local: true,
    models: [],
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

/** The preset with this id (every PresetId has one). */
export function presetById(id: PresetId): PresetView {
  const preset = presets.find((candidate) => candidate.id === id);
  if (!preset) throw new Error(`No preset ${id}`);
  return preset;
}

/** The preset a bare wire format stands for (a legacy profile, the environment). */
export function presetForKind(kind: ProviderKind): PresetView {
  return presetById(kind === 'openai-compatible' ? 'openai-compatible' : kind);
}
