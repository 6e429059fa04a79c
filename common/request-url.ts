import type { ProviderKind } from '../preload/api';

/**
 * Where a profile's chat requests go, computed in one place: the adapters POST to it, errors and
 * Test connection name it, and Settings shows it beside the base URL ("Requests go to …"), so a
 * base URL missing `/v1` is visible before anything fails. Pure and dependency-free, so the
 * renderer may import it as well as main.
 *
 * - Anthropic: `{base}/v1/messages` (https://docs.anthropic.com/en/api/messages)
 * - OpenAI format: `{base}/chat/completions`, the base ending in `/v1`
 *   (https://platform.openai.com/docs/api-reference/chat/create)
 * - Gemini: `{root}/v1beta/models/{model}:streamGenerateContent?alt=sse`, where a pasted
 *   `/v1` or `/v1beta` is dropped from the base (https://ai.google.dev/api/generate-content)
 *
 * The key is never part of it: every format sends the key in a header.
 */
export function chatRequestUrl(kind: ProviderKind, baseUrl: string, model: string): string {
  const base = baseUrl.trim().replace(/\/+$/, '');
  switch (kind) {
    case 'anthropic':
      return `${base}/v1/messages`;
    case 'openai-compatible':
      return `${base}/chat/completions`;
    case 'gemini':
      return `${geminiRoot(base)}/v1beta/models/${encodeURIComponent(model)}:streamGenerateContent?alt=sse`;
    default: {
      // A new ProviderKind must say where it sends requests; the compiler points at this line.
      const unknownKind: never = kind;
      throw new Error(`Unknown provider kind: ${String(unknownKind)}`);
    }
  }
}

/** The Gemini API root without a trailing slash or version: users paste either form. */
export function geminiRoot(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '').replace(/\/v1(beta)?$/, '');
}

/**
 * A URL as it may be shown to a person or written in an error: without a user name or password
 * and without query parameters that look like credentials (`key`, `api_key`, `token`, …), in case
 * a user pasted one into the base URL. Text that is not a URL is returned as it is.
 */
export function displayUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  parsed.username = '';
  parsed.password = '';
  for (const name of [...parsed.searchParams.keys()]) {
    if (/key|token|secret|auth|sig|password/i.test(name)) parsed.searchParams.set(name, '***');
  }
  return parsed.toString();
}
