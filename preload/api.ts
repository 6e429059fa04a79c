/**
 * The one contract between Parley's processes: channel names, payload schemas, the data the
 * renderer sees and the events a stream delivers. Main validates with these schemas, the
 * preload builds `window.parley` from these tables, and the renderer imports only the types.
 */
import { z } from 'zod';

// ───────────────────────────── data the renderer sees ─────────────────────────────

/** The two wire formats Parley speaks. */
export type ProviderKind = 'anthropic' | 'openai-compatible';
export const providerKinds = ['anthropic', 'openai-compatible'] as const;

/**
 * Why a reply ended. `stopped`: the user pressed Stop (or regenerated over it); `interrupted`:
 * Parley quit or crashed while it streamed, and the text saved up to then is all there is.
 */
export type StopReason =
  | 'end'
  | 'max_tokens'
  | 'stopped'
  | 'interrupted'
  | 'content_filter'
  | 'tool_use'
  | 'refusal'
  | 'other';

/** What a failure was, so the renderer can pick wording and actions without parsing text. */
export type ChatErrorKind =
  | 'auth'
  | 'permission'
  | 'not_found'
  | 'rate_limit'
  | 'quota'
  | 'overloaded'
  | 'server'
  | 'bad_request'
  | 'connection'
  | 'timeout'
  | 'protocol'
  | 'config';

/** A failure as a value: `message` is the sentence for a person, `detail` is the provider's own words. */
export interface ChatError {
  kind: ChatErrorKind;
  message: string;
  detail?: string;
  status?: number;
  retryAfterMs?: number;
}

/** Token counts reported by the provider; either may be missing if the stream was cut short. */
export interface Usage {
  inputTokens?: number;
  outputTokens?: number;
}

/** One version of an assistant reply. */
export interface Reply {
  id: string;
  /** The generation that produces this reply; events carry it. */
  streamId: string;
  model: string;
  text: string;
  reasoning: string;
  status: 'streaming' | 'done' | 'error';
  stopReason?: StopReason;
  usage?: Usage;
  error?: ChatError;
  /** The sequence number of the last stream event folded into this snapshot. */
  seq: number;
}

/** A user message and the versions of the reply to it. */
export interface Turn {
  id: string;
  userText: string;
  replies: Reply[];
  /** Index into `replies` of the version the user is looking at (and the next request builds on). */
  activeReply: number;
}

/** A whole conversation as main holds it. */
export interface ConversationSnapshot {
  id: string;
  turns: Turn[];
}

/** Where the active provider profile came from. */
export type ProfileSource = 'saved' | 'environment' | 'default';

/** The active provider profile as the renderer may see it: never the key itself. */
export interface ProfileView {
  kind: ProviderKind;
  baseUrl: string;
  model: string;
  hasKey: boolean;
  source: ProfileSource;
  /** False when keys can only be obfuscated on this machine (Linux without a keyring). */
  keyEncrypted: boolean;
}

// ───────────────────────────── stream events (main → renderer) ─────────────────────────────

interface StreamEventBase {
  streamId: string;
  /** Increases by one per event of a stream, starting at 1. */
  seq: number;
}

/** Text (and reasoning) that arrived since the previous delta. */
export interface DeltaEvent extends StreamEventBase {
  type: 'delta';
  text: string;
  reasoning: string;
}

/** The stream ended normally or was stopped; always the last event of its stream. */
export interface DoneEvent extends StreamEventBase {
  type: 'done';
  stopReason: StopReason;
  usage?: Usage;
}

/** The stream failed; always the last event of its stream. Partial text stays. */
export interface ErrorEvent extends StreamEventBase {
  type: 'error';
  error: ChatError;
  usage?: Usage;
}

/** Everything a stream delivers. Exactly one `done` or `error` ends each stream. */
export type ChatEvent = DeltaEvent | DoneEvent | ErrorEvent;

// ───────────────────────────── requests (renderer → main) ─────────────────────────────

/**
 * The payload schema main checks for each invoke channel. Built on demand, so the preload
 * bundle (which needs only the channel tables) never carries the schema library.
 */
export function createRequestSchemas() {
  const id = z.string().min(1).max(100);
  return {
    /** Send a user message; without a conversation id a new conversation starts. */
    'chat:send': z.strictObject({
      conversationId: id.optional(),
      text: z.string().min(1).max(1_000_000),
    }),
    /** Ask for a fresh version of a turn's reply. */
    'chat:regenerate': z.strictObject({ conversationId: id, turnId: id }),
    /**
     * Stop a running generation. Stopping one that already ended is not an error. `shownSeq` is
     * the last event the user saw: text that was still in flight is not kept.
     */
    'chat:stop': z.strictObject({ streamId: id, shownSeq: z.number().int().min(0).optional() }),
    /** Choose which version of a turn's reply the conversation continues from. */
    'chat:select-version': z.strictObject({
      conversationId: id,
      turnId: id,
      index: z.number().int().min(0).max(10_000),
    }),
    /** A conversation as main holds it; without an id, the most recent one. */
    'chat:snapshot': z.strictObject({ conversationId: id.optional() }),
    'settings:get-profile': z.union([z.undefined(), z.null(), z.strictObject({})]),
    /** Save the provider profile. `apiKey`: a string sets it, null removes it, absent keeps it. */
    'settings:save-profile': z.strictObject({
      kind: z.enum(providerKinds),
      baseUrl: z
        .string()
        .trim()
        .max(2_000)
        .refine((value) => /^https?:\/\/\S+$/i.test(value) && URL.canParse(value), {
          message: 'Base URL must be an http:// or https:// address.',
        }),
      model: z.string().trim().min(1, 'Model is required.').max(200),
      apiKey: z.string().trim().min(1).max(10_000).nullable().optional(),
    }),
    /** Open a link from a reply in the user's browser; main checks the scheme again. */
    'links:open': z.strictObject({ url: z.string().min(1).max(8_000) }),
    /** Put text on the system clipboard (the sandboxed page has no clipboard permission). */
    'clipboard:write-text': z.strictObject({ text: z.string().max(50_000_000) }),
  } as const;
}

type RequestSchemas = ReturnType<typeof createRequestSchemas>;

export type SendRequest = z.infer<RequestSchemas['chat:send']>;
export interface SendResult {
  conversationId: string;
  turn: Turn;
}
export type RegenerateRequest = z.infer<RequestSchemas['chat:regenerate']>;
export interface RegenerateResult {
  turnId: string;
  reply: Reply;
  activeReply: number;
}
export type StopRequest = z.infer<RequestSchemas['chat:stop']>;
export type SelectVersionRequest = z.infer<RequestSchemas['chat:select-version']>;
export type SnapshotRequest = z.infer<RequestSchemas['chat:snapshot']>;
export type SaveProfileRequest = z.infer<RequestSchemas['settings:save-profile']>;
export type OpenLinkRequest = z.infer<RequestSchemas['links:open']>;
export type WriteClipboardRequest = z.infer<RequestSchemas['clipboard:write-text']>;

// ───────────────────────────── results ─────────────────────────────

/** Why main refused a call (as opposed to a provider failure, which arrives as a stream event). */
export interface IpcFailure {
  kind: 'invalid_payload' | 'forbidden' | 'not_found' | 'busy' | 'storage' | 'internal';
  message: string;
}

/** Every invoke resolves to this; it never rejects with an Error whose text the user would see. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcFailure };

// ───────────────────────────── the API and its channels ─────────────────────────────

/** What `window.parley` offers the renderer. */
export interface ParleyApi {
  chat: {
    send(request: SendRequest): Promise<IpcResult<SendResult>>;
    regenerate(request: RegenerateRequest): Promise<IpcResult<RegenerateResult>>;
    stop(request: StopRequest): Promise<IpcResult<null>>;
    selectVersion(request: SelectVersionRequest): Promise<IpcResult<null>>;
    snapshot(request: SnapshotRequest): Promise<IpcResult<ConversationSnapshot | null>>;
    /** Receive every stream event; returns the function that unsubscribes. */
    onEvent(listener: (event: ChatEvent) => void): () => void;
  };
  settings: {
    getProfile(): Promise<IpcResult<ProfileView>>;
    saveProfile(request: SaveProfileRequest): Promise<IpcResult<ProfileView>>;
  };
  links: {
    /** Open an http(s) or mailto link in the user's browser; anything else is refused. */
    open(request: OpenLinkRequest): Promise<IpcResult<null>>;
  };
  clipboard: {
    /** Copy text (a reply as markdown, a code block) to the system clipboard. */
    writeText(request: WriteClipboardRequest): Promise<IpcResult<null>>;
  };
}

/** Invoke channels, by the `ParleyApi` method that uses them. */
export const invokeChannels = {
  chat: {
    send: 'chat:send',
    regenerate: 'chat:regenerate',
    stop: 'chat:stop',
    selectVersion: 'chat:select-version',
    snapshot: 'chat:snapshot',
  },
  settings: {
    getProfile: 'settings:get-profile',
    saveProfile: 'settings:save-profile',
  },
  links: {
    open: 'links:open',
  },
  clipboard: {
    writeText: 'clipboard:write-text',
  },
} as const;

/** Event channels (main → renderer), by the `ParleyApi` subscription method that uses them. */
export const eventChannels = {
  chat: { onEvent: 'chat:event' },
} as const;

type Leaves<T> = T extends string ? T : { [K in keyof T]: Leaves<T[K]> }[keyof T];

/** Every invoke channel name. */
export type InvokeChannel = Leaves<typeof invokeChannels>;

/** Every event channel name. */
export type EventChannel = Leaves<typeof eventChannels>;

/** The payload type main receives on an invoke channel, after validation. */
export type RequestOf<C extends InvokeChannel> = z.infer<RequestSchemas[C]>;

/** How a bridge reaches main: the preload uses ipcRenderer, the test harness a page binding. */
export interface BridgeTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(channel: EventChannel, listener: (payload: unknown) => void): () => void;
}

/** Build `window.parley` from the channel tables, so every bridge has exactly the same shape. */
export function buildParleyApi(transport: BridgeTransport): ParleyApi {
  const api: Record<string, Record<string, unknown>> = {};
  for (const [group, methods] of Object.entries(invokeChannels)) {
    const target = (api[group] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      target[method] = (payload?: unknown) => transport.invoke(channel, payload ?? null);
    }
  }
  for (const [group, methods] of Object.entries(eventChannels)) {
    const target = (api[group] ??= {});
    for (const [method, channel] of Object.entries(methods)) {
      target[method] = (listener: (payload: unknown) => void) => {
        if (typeof listener !== 'function') throw new TypeError(`${method} needs a function`);
        return transport.subscribe(channel, listener);
      };
    }
  }
  return api as unknown as ParleyApi;
}
