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
