import type {
  ChatError,
  ProviderKind,
  ProviderReplay,
  ReasoningEffort,
  StopReason,
  ToolResultContent,
  Usage,
} from '../../preload/api';

/**
 * One message of the history sent to a provider, provider-neutral; each adapter writes it in its
 * own format (docs/wire-formats.md, "Tool calls"):
 * - `user`: what the user wrote;
 * - `assistant`: the model's text of one step and the tool calls that ended it, with what the
 *   provider needs back unchanged (`replay`: thinking blocks and their signatures);
 * - `tool`: the results of one step's calls, in the order of the calls (Anthropic: one user
 *   turn of `tool_result` blocks; OpenAI: one `role: "tool"` message each; Gemini: one user turn
 *   of `functionResponse` parts).
 */
export type ProviderMessage =
  | { role: 'user'; content: string; attachments?: ProviderAttachment[] }
  | {
      role: 'assistant';
      content: string;
      toolCalls?: ProviderToolCall[];
      replay?: ProviderReplay;
    }
  | { role: 'tool'; results: ProviderToolResult[] };

/**
 * A file sent with a user message, already prepared for the request's provider and model
 * (main/attachments/: images downscaled and re-encoded to what it accepts, PDFs as text where it
 * takes none, text files fenced and cut): the adapter only writes it in its format.
 * - `image`: Anthropic `image` block, OpenAI `image_url` data URL part, Gemini `inlineData`;
 * - `pdf`: Anthropic `document` block, OpenAI (its own API only) `file` part, Gemini `inlineData`;
 * - `text`: a text part, the file's name and its text as prepared (fenced, with any note).
 * `data` is base64.
 */
export type ProviderAttachment =
  | { kind: 'image'; name: string; mimeType: string; data: string }
  | { kind: 'pdf'; name: string; data: string }
  | { kind: 'text'; name: string; text: string };

/** A tool call as history replays it. */
export interface ProviderToolCall {
  id: string;
  /** The provider-safe name the model used (see main/tools/tool-names.ts). */
  name: string;
  /** The argument JSON as the model wrote it; an adapter that needs an object parses it (`{}` if it cannot). */
  arguments: string;
  /** Gemini's `thoughtSignature` for the part that carried this call. */
  replay?: ProviderReplay;
}

/** A tool's answer as history replays it. */
export interface ProviderToolResult {
  callId: string;
  /** The provider-safe tool name (Gemini's `functionResponse` is matched by name). */
  name: string;
  /** Text, images and resources; an adapter that takes no images says so in text instead. */
  content: ToolResultContent[];
  isError: boolean;
}

/**
 * A tool as offered to the model: a provider-safe `name` (`^[a-zA-Z0-9_-]{1,64}$`), what it
 * does, and its JSON Schema for the arguments (an object schema, as MCP's `inputSchema`). Each
 * adapter cleans the schema for its provider (main/providers/tool-schemas.ts).
 */
export interface ToolDefinition {
  name: string;
  description: string;
  inputSchema: Record<string, unknown>;
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
  /** The tools the model may call; absent or empty: the request offers none. */
  tools?: ToolDefinition[];
}

/** The provider-neutral events an adapter yields, in stream order. */
export type ProviderEvent =
  | { type: 'text'; text: string }
  | { type: 'reasoning'; text: string }
  | { type: 'usage'; usage: Usage }
  /** `raw`: the provider's own stop value as sent (`stop`, `end_turn`, `STOP`, …); absent if none. */
  | { type: 'stop'; reason: StopReason; raw?: string }
  /**
   * A tool call begins. `index` tells the calls of one request apart (the provider's block or
   * call index; a counter where it has none). `id` is the provider's, or one the adapter made
   * (stable: `call_<index>` plus the request's own id where there is one) when it sent none.
   */
  | { type: 'tool-call-start'; index: number; id: string; name: string }
  /** More argument JSON of call `index`, as it arrived (may split anywhere, even inside a character escape). */
  | { type: 'tool-call-delta'; index: number; fragment: string }
  /**
   * Call `index` is complete. Every started call ends before the request's `stop`. `replay`:
   * what the provider needs back with this call (Gemini's `thoughtSignature`).
   */
  | { type: 'tool-call-end'; index: number; replay?: ProviderReplay }
  /**
   * What the provider needs back with the step's tool calls, whole (Anthropic's thinking blocks
   * with their signatures), sent once the blocks are complete.
   */
  | { type: 'replay'; replay: ProviderReplay };

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
