/** A request the mock received, with what happened to its connection. */
export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; the raw text when it was not JSON; null when empty. */
  body: unknown;
  /** performance.now() when the request arrived. */
  receivedAt: number;
  /** performance.now() when the exchange closed (response finished or connection gone); null while open. */
  closedAt: number | null;
  /** True when the client went away before the mock finished the response. */
  closedByClient: boolean;
  /** Resolves when the exchange closes. */
  closed: Promise<void>;
  /** Response body bytes written so far. */
  bytesSent: number;
}

/** How a reply scenario's bytes are framed and cut; all default to the plain, common case. */
export interface FramingOptions {
  /** Line ending of every SSE line; default '\n'. */
  lineEnding?: '\n' | '\r\n' | '\r';
  /** Write `data:x` instead of `data: x`. */
  noSpaceAfterColon?: boolean;
  /** Keep-alive comments before every event (and Anthropic pings between deltas). */
  comments?: boolean;
  /** How the bytes are cut into writes: random cuts land anywhere, even inside a UTF-8 character. */
  split?: 'none' | 'bytewise' | 'random';
  /** Seed for `split: 'random'`; default: the request's index + 1, so runs repeat exactly. */
  seed?: number;
}

/** A streamed reply in the wire format the request's path asks for. */
export interface ReplyScenario extends FramingOptions {
  type: 'reply';
  text: string;
  /** Sent first, as a thinking block (Anthropic) or reasoning deltas (OpenAI). */
  reasoning?: string;
  /** OpenAI only: the delta field reasoning uses; default 'reasoning_content' (DeepSeek, vLLM). */
  reasoningField?: 'reasoning_content' | 'reasoning';
  /** One event per ~4-character token at this rate; default: as fast as possible. */
  tokensPerSecond?: number;
  /** Default: input ≈ prompt characters / 4, output = tokens sent. */
  usage?: { input: number; output: number };
  /** Wire value, e.g. 'end_turn' / 'max_tokens' or 'stop' / 'length'. */
  stopReason?: string;
  /**
   * What happens after `afterChars` characters of `text` (reasoning is sent whole first):
   * finish normally, drop (destroy the socket), stall (send nothing more, keep the socket
   * open), or send an error event and end the response.
   */
  after?: 'finish' | 'drop' | 'stall' | { errorEvent: { type: string; message: string } };
  /** Characters (code points) of `text` sent before `after` happens; default: all of them. */
  afterChars?: number;
  /** Wait this long before sending the response headers. */
  firstByteDelayMs?: number;
  /**
   * Tool calls the model makes after its text, all in this one step (parallel calls), in the
   * format's own shape; the stop value then defaults to the format's tool stop (`tool_use`,
   * `tool_calls`, `STOP`). Sent only when the reply finishes (`after: 'finish'`).
   */
  toolCalls?: MockToolCall[];
  /** OpenAI only: how a compatible server's tool-call chunks differ from OpenAI's own. */
  toolCallStyle?: OpenAiToolCallStyle;
}

/** One tool call a scripted reply makes. */
export interface MockToolCall {
  name: string;
  /**
   * The argument JSON as the model writes it. A string is cut every 5 code points (so cuts land
   * inside keys and strings); an array is sent as exactly those fragments (cut inside a `\u`
   * escape, mid key, …). Gemini sends the joined text parsed, whole (`{}` if it does not parse).
   */
  arguments: string | string[];
  /** Default: `toolu_mock_<request>_<n>` (Anthropic), `call_mock_<request>_<n>` (OpenAI); Gemini sends none unless set. */
  id?: string;
  /** Gemini: the part's `thoughtSignature`. */
  thoughtSignature?: string;
}

/** Ways OpenAI-format servers stream tool calls unlike OpenAI; each is off by default. */
export interface OpenAiToolCallStyle {
  /** Each call in one chunk: id, name and the whole argument text together. */
  argumentsWhole?: boolean;
  /** No `id` on any fragment. */
  noId?: boolean;
  /** The name again on every fragment, not only the first. */
  repeatName?: boolean;
  /** No `index` on any fragment. */
  noIndex?: boolean;
  /** Parallel calls' fragments take turns (call 0, call 1, call 0, …) instead of one call after another. */
  interleaved?: boolean;
}

/** An HTTP error; without `body` the provider's real error shape for that status is sent. */
export interface HttpErrorScenario {
  type: 'http-error';
  status: number;
  body?: string | object;
  headers?: Record<string, string>;
}

/** Exactly these bytes: each chunk is one write, `delayMs` apart; `end: false` leaves it open. */
export interface RawScenario {
  type: 'raw';
  /** Default 200. */
  status?: number;
  /** Default: content-type text/event-stream. */
  headers?: Record<string, string>;
  chunks: Array<string | Uint8Array>;
  delayMs?: number;
  /** Default true. */
  end?: boolean;
}

/** What the mock does with one request. */
export type Scenario = ReplyScenario | HttpErrorScenario | RawScenario;

/** A running mock LLM server. */
export interface MockLlm {
  /** 'http://127.0.0.1:PORT': the Anthropic and Gemini base URL; the OpenAI base is `${url}/v1`. */
  url: string;
  /** Queue scenarios for the next requests, in order; when the queue is empty `defaultScenario` is used. */
  enqueue(...scenarios: Scenario[]): void;
  /** Initially a short reply, "Hello from the mock.", as fast as possible. */
  defaultScenario: Scenario;
  /** What every models listing returns (GET /v1/models, …/models, /v1beta/models) in its shape. */
  modelIds: string[];
  /** Answer the next models listings with these instead (a 401, an HTML page, …), in order. */
  enqueueModels(...scenarios: Array<HttpErrorScenario | RawScenario>): void;
  /** Every request, in arrival order. */
  requests: RecordedRequest[];
  /** Resolves with the oldest request not yet handed out by nextRequest, waiting for it if needed. */
  nextRequest(): Promise<RecordedRequest>;
  /** Closes all sockets immediately and stops the server. */
  close(): Promise<void>;
}
