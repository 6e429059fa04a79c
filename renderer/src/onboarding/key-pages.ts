import type { PresetId } from '../../../preload/api';

/**
 * Where each hosted provider's API keys are created, so onboarding can link straight there.
 * Anthropic, OpenAI, Google and OpenRouter are the pages issue 14 names; Groq, DeepSeek and
 * Mistral are those providers' key pages as of this writing (not checked from here: this
 * machine has no web access). A provider without an entry gets no link rather than a guess.
 */
export const keyPages: Partial<Record<PresetId, string>> = {
  anthropic: 'https://console.anthropic.com/settings/keys',
  openai: 'https://platform.openai.com/api-keys',
  gemini: 'https://aistudio.google.com/apikey',
  openrouter: 'https://openrouter.ai/keys',
  groq: 'https://console.groq.com/keys',
  deepseek: 'https://platform.deepseek.com/api_keys',
  mistral: 'https://console.mistral.ai/api-keys',
};

/** The host of a key page, as the link shows it ("console.anthropic.com"). */
export function keyPageSite(url: string): string {
  return new URL(url).host;
}
