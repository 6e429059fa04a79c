import type { ProviderKind } from '../../preload/api';

/**
 * The facts each wire format fixes about a request, in one place: how the key is sent, which
 * API version is pinned, whether a key is needed at all, and the model a new profile starts with.
 * The adapters, the models listing and the chat service all read them from here.
 */

/**
 * The `anthropic-version` header every Anthropic request carries
 * (https://docs.anthropic.com/en/api/versioning): the SDKs still pin this one.
 */
export const anthropicApiVersion = '2023-06-01';

/** A sensible first model for each kind; the user can type any other. */
export const defaultModels: Readonly<Record<ProviderKind, string>> = {
  anthropic: 'claude-sonnet-4-5',
  'openai-compatible': 'gpt-4.1-mini',
  gemini: 'gemini-2.5-flash',
};

/**
 * Whether a request of this kind is pointless without a key. Anthropic and Gemini always need one;
 * the OpenAI format is also spoken by local servers (Ollama, LM Studio, llama.cpp) that take none.
 */
export function kindNeedsKey(kind: ProviderKind): boolean {
  return kind !== 'openai-compatible';
}

/**
 * The headers that authenticate a request and pin the API version for a wire format:
 * Anthropic `x-api-key` + `anthropic-version`, OpenAI `Authorization: Bearer`, Gemini
 * `x-goog-api-key`. Without a key no key header is sent (an empty one confuses some local
 * servers); Anthropic's version header goes out either way.
 */
export function formatHeaders(kind: ProviderKind, apiKey: string | null): Record<string, string> {
  switch (kind) {
    case 'anthropic':
      return {
        'anthropic-version': anthropicApiVersion,
        ...(apiKey ? { 'x-api-key': apiKey } : {}),
      };
    case 'openai-compatible':
      return apiKey ? { authorization: `Bearer ${apiKey}` } : {};
    case 'gemini':
      return apiKey ? { 'x-goog-api-key': apiKey } : {};
    default: {
      // A new ProviderKind must say how it authenticates; the compiler points at this line.
      const unknownKind: never = kind;
      throw new Error(`Unknown provider kind: ${String(unknownKind)}`);
    }
  }
}

/**
 * The most tools one request may offer, per wire format; undefined: no documented limit. OpenAI's
 * chat completions take at most 128 functions
 * (https://platform.openai.com/docs/guides/function-calling); Vertex AI documents "Maximum 64
 * function declarations" for Gemini (FunctionDeclarationsTool reference). Parley offers the
 * first ones and tells the user how many were left out.
 */
export const maxToolsPerRequest: Readonly<Record<ProviderKind, number | undefined>> = {
  anthropic: undefined,
  'openai-compatible': 128,
  gemini: 64,
};
