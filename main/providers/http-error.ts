import type { ChatError, ChatErrorKind } from '../../preload/api';
import {
  codeOf,
  detailOf,
  type ErrorBody,
  kindFromErrorBody,
  kindFromStatus,
  readBodyPrefix,
  summarizeBody,
} from './error-body';
import { displayUrl } from '../../common/request-url';
import { ProviderError } from './types';

/** What shapes the sentence for a failure besides its kind. */
export interface FailureContext {
  status?: number;
  retryAfterMs?: number;
  /** The body was an HTML page: a proxy or a wrong URL answered, not the API. */
  html?: boolean;
  /** The failure arrived inside a stream after some of the reply had been shown. */
  midStream?: boolean;
}

/** The sentence a person reads for a failure: what happened, then what to do. */
export function describeFailure(kind: ChatErrorKind, context: FailureContext = {}): string {
  const { status, retryAfterMs, html, midStream } = context;
  switch (kind) {
    case 'auth':
      return 'The provider rejected the API key. Check the key in Settings.';
    case 'permission':
      return 'The provider refused this key or account (permissions or billing). Check your account with the provider.';
    case 'not_found':
      return 'The provider does not know this model, or the base URL is wrong. Check both in Settings.';
    case 'bad_request':
      return status === 413
        ? 'The request is too large for the provider. Shorten the conversation or start a new one.'
        : 'The provider rejected the request as invalid; its reason is in the details.';
    case 'quota':
      return 'Your account with the provider is out of credits or quota. Add credits or check your plan; retrying will not help.';
    case 'rate_limit':
      return retryAfterMs !== undefined && retryAfterMs > 0
        ? `The provider is rate-limiting requests. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`
        : 'The provider is rate-limiting requests. Wait a moment and try again.';
    case 'overloaded':
    case 'server':
      if (html) {
        return `The server answered with an HTML error page (HTTP ${status ?? '?'}), not an API error: a proxy or gateway in between may be failing. Try again in a moment; if it persists, check the base URL.`;
      }
      if (kind === 'overloaded')
        return 'The provider is overloaded right now. Try again in a moment.';
      return midStream
        ? 'The provider reported an error in the middle of the reply. Try again.'
        : `The provider had an internal error${status ? ` (HTTP ${status})` : ''}. Try again in a moment.`;
    case 'timeout':
      return 'The provider took too long to answer. Try again in a moment.';
    case 'connection':
      return 'The connection to the provider failed. Check your network and the base URL, then try again.';
    case 'protocol':
      return 'The provider answered in a form Parley does not understand. Check the base URL and the provider type in Settings.';
    case 'config':
      return 'The provider settings are incomplete. Check them in Settings.';
  }
}

// Causes a body names that say more than its status: the kind to report and the sentence for it.
const specificFailures: Array<{
  words: RegExp;
  message?: RegExp;
  kind: ChatErrorKind;
  text: string;
}> = [
  {
    // OpenAI/Azure `content_filter`, `content_policy_violation`, Azure's
    // `ResponsibleAIPolicyViolation`, Gemini's SAFETY/PROHIBITED_CONTENT, moderation gateways.
    words:
      /^(content_filter|content_policy_violation|responsible_?ai_?policy_?violation|safety|prohibited_content|blocklist|moderation|flagged|content_blocked)$/i,
    message: /content (filter|management policy)|flagged by (the )?moderation/i,
    kind: 'bad_request',
    text: "The provider's content filter blocked this request. Rephrase the message; if an earlier message set it off, start a new conversation.",
  },
  {
    words:
      /^(context_length_exceeded|exceed_context_size_error|context_window_exceeded|model_context_window_exceeded|string_above_max_length)$/i,
    message: /maximum context length|context window|context size|too many tokens/i,
    kind: 'bad_request',
    text: "The conversation is too long for this model: it no longer fits the model's context window. Start a new conversation, or edit an earlier message to shorten it.",
  },
];

/**
 * What a body's code, type or message says more precisely than its status (a 400 that is the
 * content filter, or a conversation too long for the model); undefined when it says nothing
 * more. Quota and auth are left to the kind mapping, which already words them.
 */
export function specificFailure(
  body: ErrorBody | undefined,
): { kind: ChatErrorKind; message: string } | undefined {
  if (!body) return undefined;
  const words = [body.code, body.type].filter((word) => typeof word === 'string');
  for (const entry of specificFailures) {
    const named = words.some((word) => entry.words.test(word));
    if (named || (entry.message?.test(body.message ?? '') ?? false)) {
      return { kind: entry.kind, message: entry.text };
    }
  }
  return undefined;
}

/** Builds a ProviderError, leaving out fields that have no value. */
export function providerError(info: ChatError, networkCode?: string): ProviderError {
  const clean: ChatError = { kind: info.kind, message: info.message };
  if (info.detail !== undefined && info.detail !== '') clean.detail = info.detail;
  if (info.status !== undefined) clean.status = info.status;
  if (info.retryAfterMs !== undefined) clean.retryAfterMs = info.retryAfterMs;
  if (info.code !== undefined && info.code !== '') clean.code = info.code;
  return new ProviderError(clean, networkCode);
}

const decimalPattern = /^\s*\d+(?:\.\d+)?\s*$/;

/**
 * How long the server asked us to wait, in ms: `retry-after-ms`, else `retry-after` as seconds
 * (a float is fine) or as an HTTP date. Undefined when absent or unreadable. Shared with retries.
 */
export function parseRetryAfter(
  headers: Pick<Headers, 'get'>,
  now: number = Date.now(),
): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && decimalPattern.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (decimalPattern.test(value)) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** "The request went to https://…/chat/completions.", the URL shown without any credential. */
export function requestWentTo(url: string): string {
  return `The request went to ${displayUrl(url)}.`;
}

/**
 * Maps a non-2xx response to a typed error, reading at most 64 KB of its body. `url`: where the
 * request went; a 404 or 405 names it, since a wrong base URL (one missing `/v1`) is the usual
 * cause and the person cannot see the full URL anywhere else.
 */
export async function errorFromResponse(response: Response, url?: string): Promise<ProviderError> {
  const { status, headers } = response;
  const summary = summarizeBody(await readBodyPrefix(response), headers.get('content-type'));
  const body = summary.form === 'json' ? summary.error : undefined;
  let kind = kindFromStatus(status);
  // Quota looks like a rate limit on the wire, but waiting does not fix it.
  if ((status === 429 || status === 400) && kindFromErrorBody(body) === 'quota') kind = 'quota';
  if (status === 400 && /credit balance is too low/i.test(body?.message ?? '')) kind = 'quota';
  const retryAfterMs = parseRetryAfter(headers);
  // A rejected request that names its cause is worded by it; a rate limit, a bad key or a 5xx
  // stays what its status says, whatever the body adds.
  const specific =
    kind === 'bad_request' || kind === 'permission' ? specificFailure(body) : undefined;
  let message =
    specific?.message ??
    describeFailure(kind, { status, retryAfterMs, html: summary.form === 'html' });
  if (status === 405) {
    // Something answers there, but not the API: the path is wrong, not the model.
    kind = 'not_found';
    message =
      'The server does not take chat requests at this address (HTTP 405), so the base URL is probably wrong. Check it in Settings.';
  }
  if ((status === 404 || status === 405) && url !== undefined) {
    message = `${message} ${requestWentTo(url)}`;
  }
  const error = providerError({
    kind: specific?.kind ?? kind,
    message,
    detail: detailOf(summary),
    status,
    retryAfterMs,
    code: codeOf(body),
  });
  const shouldRetry = headers.get('x-should-retry');
  if (shouldRetry === 'true' || shouldRetry === 'false') error.shouldRetry = shouldRetry === 'true';
  return error;
}

/**
 * A 2xx answer that is not an event stream: an HTML page, a whole JSON reply, NDJSON, … `url`:
 * where the request went, named in the sentence (such an answer usually means a wrong base URL).
 */
export async function errorFromNonStream(response: Response, url?: string): Promise<ProviderError> {
  const { status } = response;
  const contentType = response.headers.get('content-type');
  const summary = summarizeBody(await readBodyPrefix(response), contentType);
  const where = url === undefined ? '' : ` ${requestWentTo(url)}`;
  const fail = (message: string, detail?: string) =>
    providerError({ kind: 'protocol', message: `${message}${where}`, detail, status });
  if (summary.form === 'html') {
    return fail('The server answered with an HTML page, not a stream. Check the base URL.');
  }
  if (/ndjson/i.test(contentType ?? '')) {
    return fail(
      "The server answered with NDJSON (Ollama's native API), not a stream Parley reads. Use the base URL that ends in /v1.",
    );
  }
  if (summary.form === 'json') {
    // Some gateways report failures with a 200 and an error body.
    const specific = specificFailure(summary.error);
    const kind = specific?.kind ?? kindFromErrorBody(summary.error);
    if (kind) {
      return providerError({
        kind,
        message: specific?.message ?? describeFailure(kind),
        detail: detailOf(summary),
        status,
        code: codeOf(summary.error),
      });
    }
    return fail(
      'The server sent a whole JSON answer instead of a stream; it may not support streaming. Check the base URL and the provider type in Settings.',
    );
  }
  return fail(
    `The server answered with ${contentType ? `"${contentType}"` : 'an unlabeled body'}, not a stream. Check the base URL.`,
    detailOf(summary),
  );
}

// Node's fetch names the cause by `code`; Electron's net.fetch puts `net::ERR_*` in the message.
const connectionCauses: Array<{ codes: RegExp; kind: ChatErrorKind; message: string }> = [
  {
    codes: /^(ECONNREFUSED|ERR_CONNECTION_REFUSED)$/,
    kind: 'connection',
    message:
      'Could not connect: the server refused the connection. Check that it is running and that the base URL is right.',
  },
  {
    codes: /^(ENOTFOUND|EAI_AGAIN|EAI_NONAME|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED)$/,
    kind: 'connection',
    message:
      'Could not find the server: its name did not resolve. Check the base URL and your network connection.',
  },
  {
    codes:
      /^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_CLOSED|ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_CONNECTION_ABORTED|ERR_EMPTY_RESPONSE)$/,
    kind: 'connection',
    message:
      'The connection to the server was reset before it answered. Check your network and try again.',
  },
  {
    codes: /^(ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ERR_CONNECTION_TIMED_OUT|ERR_TIMED_OUT)$/,
    kind: 'connection',
    message: 'Connecting to the server timed out. Check your network and the base URL.',
  },
  {
    codes:
      /^(EHOSTUNREACH|ENETUNREACH|ENETDOWN|ERR_INTERNET_DISCONNECTED|ERR_ADDRESS_UNREACHABLE|ERR_NETWORK_CHANGED)$/,
    kind: 'connection',
    message: 'The network is unreachable. Check your internet connection.',
  },
  {
    codes: /^ERR_(PROXY|TUNNEL)/,
    kind: 'connection',
    message: 'Could not connect through the proxy. Check your system proxy settings.',
  },
  {
    codes: /^ERR_INVALID_URL$/,
    kind: 'config',
    message: 'The base URL is not a valid address. Fix it in Settings.',
  },
  {
    codes: /CERT|SSL|TLS/,
    kind: 'connection',
    message:
      "The secure connection failed: the server's certificate was not accepted. Check the base URL; on a company network, check that its certificate is installed.",
  },
];

/** Maps a failed fetch (refused, DNS, reset, TLS, bad URL) to a typed error naming the cause. */
export function errorFromFetchFailure(error: unknown): ProviderError {
  const cause = networkCause(error);
  const match = cause.code
    ? connectionCauses.find((entry) => entry.codes.test(cause.code ?? ''))
    : undefined;
  return providerError(
    {
      kind: match?.kind ?? 'connection',
      message:
        match?.message ?? 'Could not reach the provider. Check your network and the base URL.',
      detail: cause.detail,
    },
    cause.code,
  );
}

/** The most specific code and wording in an error's cause chain, for `detail` and mapping. */
export function networkCause(error: unknown): { code?: string; detail?: string } {
  let code: string | undefined;
  let text: string | undefined;
  let current: unknown = error;
  // fetch failed → cause (maybe an AggregateError from happy eyeballs) → errors[0]; depth-bounded.
  for (let depth = 0; depth < 6 && current instanceof Error; depth += 1) {
    const own = (current as { code?: unknown }).code;
    const electron = /net::(ERR_[A-Z_]+)/.exec(current.message)?.[1];
    if (typeof own === 'string') code = own;
    else if (electron) code = electron;
    if (current.message && current.message !== 'fetch failed') text = current.message;
    const errors = (current as { errors?: unknown }).errors;
    current = current.cause ?? (Array.isArray(errors) ? (errors[0] as unknown) : undefined);
  }
  if (text === undefined && typeof error === 'string') text = error;
  const detail = code && text && !text.includes(code) ? `${code}: ${text}` : (text ?? code);
  return { code, detail };
}
