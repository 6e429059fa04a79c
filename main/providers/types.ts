import type {
  ChatError,
  ProviderKind,
  ReasoningEffort,
  StopReason,
  Usage,
} from '../../preload/api';

/** One message of the history sent to a provider. */
export interface ProviderMessage {
  role: 'user' | 'assistant';
  content: string;
}

/** What a generation asks a provider for. */
export interface ProviderRequest {
  model: string;
  messages: ProviderMessage[];
  system?: string;
  maxTokens?: number;
  /** Sampling temperature; left out when undefined (and with Anthropic thinking, which forbids it). */
  temperature?: number;
  /** Anthropic extended thinking / Gemini thinking budget, in tokens. */
  thinkingBudget?: number;
  /** OpenAI-style `reasoning_effort`. */
  reasoningEffort?: ReasoningEffort;
}

/** The provider-neutral events an adapter yields, in stream order. */
export type ProviderEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'usage'; usage: Usage }
  /** `raw`: the provider's own stop value as sent (`stop`, `end_turn`, `STOP`, …); absent if none. */
  | { type: 'stop'; reason: StopReason; raw?: string };

/** The `fetch` an adapter calls: Electron's `net.fetch` in the app, Node's in tests. */
export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/** A `fetch` whose requests go through an explicit proxy (a profile's proxy URL). */
export type FetchVia = (proxyUrl: string) => FetchLike;

/** The fetch for a profile: through its proxy when it has one and the platform can, else `fetch`. */
export function fetchFor(
  proxyUrl: string | undefined,
  fetch: FetchLike,
  fetchVia: FetchVia | undefined,
): FetchLike {
  return proxyUrl && fetchVia ? fetchVia(proxyUrl) : fetch;
}

/** Connection settings for one provider. */
export interface ProviderConfig {
  kind: ProviderKind;
  baseUrl: string;
  apiKey: string | null;
  /** Extra headers the profile adds to every request (a gateway's own auth, an org id, …). */
  headers?: Record<string, string>;
  fetch: FetchLike;
  /** Abort when no byte arrives for this long (default 60 s); there is no total timeout. */
  idleTimeoutMs?: number;
  /**
   * Optional request fields this server is known to refuse (see optional-fields.ts), shared by
   * every request to it this session; an adapter that learns of another adds it here.
   */
  refusedFields?: Set<string>;
}

/**
 * A wire-format adapter. `stream` yields events until the reply ends (after a `stop` event) and
 * throws a `ProviderError` on failure. Aborting `signal` closes the upstream connection at once
 * and makes the iterator throw the signal's reason.
 */
export interface Provider {
  stream(request: ProviderRequest, signal: AbortSignal): AsyncIterable<ProviderEvent>;
}

/** A provider failure carrying the value the renderer shows. */
export class ProviderError extends Error {
  /** The server's `x-should-retry` answer, when it gave one: it overrides the status rules. */
  shouldRetry?: boolean;

  /** `networkCode`: the transport's code (ECONNREFUSED, CERT_…), so callers need not parse text. */
  constructor(
    readonly info: ChatError,
    readonly networkCode?: string,
  ) {
    super(info.detail ? `${info.message} (${info.detail})` : info.message);
    this.name = 'ProviderError';
  }
}
