import type { ProviderKind } from '../../../preload/api';

/** The public endpoint each wire format talks to unless the user points elsewhere. */
export const defaultBaseUrls: Record<ProviderKind, string> = {
  anthropic: 'https://api.anthropic.com',
  'openai-compatible': 'https://api.openai.com/v1',
  gemini: 'https://generativelanguage.googleapis.com',
};

/** How the provider select names each wire format. */
export const providerLabels: Record<ProviderKind, string> = {
  anthropic: 'Anthropic',
  'openai-compatible': 'OpenAI-compatible',
  gemini: 'Google Gemini',
};

/**
 * The base URL after switching provider: another provider's default (or nothing) becomes the
 * new provider's default; an address the user typed is theirs and is kept.
 */
export function baseUrlForKind(current: string, kind: ProviderKind): string {
  const url = current.trim().replace(/\/+$/, '');
  const isADefault = url === '' || Object.values(defaultBaseUrls).includes(url);
  return isADefault ? defaultBaseUrls[kind] : current;
}
