import type { ChatErrorKind } from '../../preload/api';
import { asNumber, asString, isRecord, tryParseJson } from './json-guards';

/** The provider's own account of a failure, whatever JSON shape it arrived in. */
export interface ErrorBody {
  message?: string;
  /** Anthropic `error.type`, OpenAI `error.type`, Gemini `error.status`, … */
  type?: string;
  /** OpenAI's string `code` (`insufficient_quota`) or a numeric status (OpenRouter, Gemini, llama.cpp). */
  code?: string | number;
}

/** What an error response's body turned out to be. */
export type BodySummary =
  | { form: 'json'; error: ErrorBody | undefined; text: string }
  | { form: 'html' }
  | { form: 'text'; text: string }
  | { form: 'empty' };

// Enough for any JSON error; bounded so a runaway HTML page or a stuck proxy cannot hold us.
const maxErrorBodyBytes = 64 * 1024;
// A plain-text body longer than this is a page, not a message a person should read.
const maxTextDetailChars = 500;

/** Reads at most `limit` bytes of a body as text, then lets the rest go; never throws. */
export async function readBodyPrefix(
  response: Response,
  limit = maxErrorBodyBytes,
): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const decoder = new TextDecoder();
  let text = '';
  let bytes = 0;
  try {
    while (bytes < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      const slice = value.subarray(0, limit - bytes);
      bytes += slice.byteLength;
      text += decoder.decode(slice, { stream: true });
    }
  } catch {
    // A body that breaks off still tells us what arrived before it did.
  } finally {
    reader.cancel().catch(() => undefined);
  }
  return text + decoder.decode();
}

/** Pulls message, type and code out of every error shape in docs/wire-formats.md. */
export function parseErrorBody(json: unknown): ErrorBody | undefined {
  // Gemini sometimes wraps its error in a one-element array.
  const root = Array.isArray(json) ? (json[0] as unknown) : json;
  if (!isRecord(root)) return undefined;
  const inner = root.error;
  // Ollama's native API and some proxies send {"error": "text"}.
  if (typeof inner === 'string') return { message: inner };
  // Anthropic, OpenAI, OpenRouter, Ollama /v1, Gemini, llama.cpp over HTTP: {"error": {...}}.
  const source = isRecord(inner) ? inner : root;
  // FastAPI-style servers answer {"detail": "..."}.
  const message = asString(source.message) ?? asString(source.detail);
  const type = asString(source.type) ?? asString(source.status);
  const code = asString(source.code) ?? asNumber(source.code);
  // vLLM's {"object":"error",...} and llama.cpp's bare {code,message,type} land here too.
  if (message === undefined && type === undefined && code === undefined) return undefined;
  return { message, type, code };
}

/** Classifies an error body as JSON, an HTML page, plain text or nothing. */
export function summarizeBody(text: string, contentType: string | null): BodySummary {
  const trimmed = text.trim();
  if (trimmed === '') return { form: 'empty' };
  if (/html/i.test(contentType ?? '') || trimmed.startsWith('<')) return { form: 'html' };
  const json = tryParseJson(trimmed);
  if (json !== undefined) return { form: 'json', error: parseErrorBody(json), text: trimmed };
  return { form: 'text', text: trimmed };
}

/** The words to show as `detail`: the provider's message, or short plain text; never HTML. */
export function detailOf(summary: BodySummary): string | undefined {
  switch (summary.form) {
    case 'json':
      return summary.error?.message ?? clip(summary.text);
    case 'text':
      return clip(summary.text);
    default:
      return undefined;
  }
}

function clip(text: string): string {
  return text.length > maxTextDetailChars ? `${text.slice(0, maxTextDetailChars)}…` : text;
}

// Error `type`/`code`/`status` words across providers, lower-cased (Gemini's are upper case).
const kindsByType: Record<string, ChatErrorKind> = {
  authentication_error: 'auth',
  invalid_api_key: 'auth',
  unauthenticated: 'auth',
  permission_error: 'permission',
  permission_denied: 'permission',
  billing_error: 'permission',
  not_found_error: 'not_found',
  not_found: 'not_found',
  model_not_found: 'not_found',
  invalid_request_error: 'bad_request',
  request_too_large: 'bad_request',
  invalid_argument: 'bad_request',
  context_length_exceeded: 'bad_request',
  exceed_context_size_error: 'bad_request',
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  resource_exhausted: 'rate_limit',
  insufficient_quota: 'quota',
  overloaded_error: 'overloaded',
  unavailable: 'overloaded',
  api_error: 'server',
  server_error: 'server',
  internal: 'server',
};

/**
 * The provider's own code for a failure, to keep on the ChatError: its string `code`
 * (`content_filter`, `insufficient_quota`), else its `type` (`overloaded_error`,
 * `RESOURCE_EXHAUSTED`). A numeric code is only the HTTP status again, so it is left out.
 */
export function codeOf(body: ErrorBody | undefined): string | undefined {
  if (typeof body?.code === 'string' && body.code !== '') return body.code;
  return body?.type;
}

/** The kind an error body names by its type or code, when it names one Parley knows. */
export function kindFromErrorBody(body: ErrorBody | undefined): ChatErrorKind | undefined {
  if (!body) return undefined;
  // A quota code beats a generic type: OpenAI sends type "insufficient_quota" or code of that name.
  for (const word of [body.code, body.type]) {
    if (typeof word === 'string' && kindsByType[word.toLowerCase()] === 'quota') return 'quota';
  }
  for (const word of [body.type, body.code]) {
    const kind = typeof word === 'string' ? kindsByType[word.toLowerCase()] : undefined;
    if (kind) return kind;
  }
  // OpenRouter, Gemini and llama.cpp put an HTTP status in `code`.
  if (typeof body.code === 'number' && body.code >= 400) return kindFromStatus(body.code);
  return undefined;
}

/** The kind an HTTP status means on its own. */
export function kindFromStatus(status: number): ChatErrorKind {
  switch (status) {
    case 401:
      return 'auth';
    case 402:
      return 'quota';
    case 403:
      return 'permission';
    case 404:
      return 'not_found';
    case 408:
      return 'timeout';
    case 429:
      return 'rate_limit';
    case 503:
    case 529:
      return 'overloaded';
    default:
      return status >= 500 ? 'server' : 'bad_request';
  }
}
