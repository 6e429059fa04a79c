/**
 * What main sends the renderer unasked: stream events, conversation listing changes and app
 * commands, and the event table that names each event channel and its payload type. The table
 * holds no schema (main is the sender, so nothing to validate) and is what the preload subscribes by.
 */
import type { ChatError, ConversationSummary, RetryState, StopReason, Usage } from './model';
import { carries, type EventEntry } from './channel';
import type { McpServerView, ToolCall } from './tool-model';

/** A conversation's listing changed (new title, pinned, created) or it was deleted (`summary` null). */
export interface ConversationChangedEvent {
  conversationId: string;
  summary: ConversationSummary | null;
}

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

/**
 * The request failed before any text arrived and Parley will try again after `delayMs`
 * (Stop cancels). Never sent once text has arrived: then the user gets Regenerate instead.
 */
export interface RetryingEvent extends StreamEventBase, RetryState {
  type: 'retrying';
}

/** The reply streams on, but saving it failed: the user should know before closing Parley. */
export interface SaveFailedEvent extends StreamEventBase {
  type: 'save-failed';
  message: string;
}

/** The stream ended normally or was stopped; always the last event of its stream. */
export interface DoneEvent extends StreamEventBase {
  type: 'done';
  stopReason: StopReason;
  /** The provider's own stop reason, exactly as sent (see `Reply.providerStopReason`). */
  providerStopReason?: string;
  usage?: Usage;
  /** Saving the finished reply failed: what happened. */
  saveError?: string;
}

/** The stream failed; always the last event of its stream. Partial text stays. */
export interface ErrorEvent extends StreamEventBase {
  type: 'error';
  error: ChatError;
  usage?: Usage;
  /** Saving the reply failed: what happened. */
  saveError?: string;
}

/**
 * A tool call began or changed (status, result, error): the call's whole state, which replaces
 * what the reply held for `call.id`. A few per call, so the whole state is cheaper to reason
 * about than patches.
 */
export interface ToolCallEvent extends StreamEventBase {
  type: 'tool-call';
  call: ToolCall;
}

/** More of a streaming call's argument JSON (merged per frame like text deltas). */
export interface ToolArgumentsEvent extends StreamEventBase {
  type: 'tool-arguments';
  callId: string;
  fragment: string;
}

/**
 * Something the user should know about the reply that is not its text, in plain words: tools
 * left out because the provider takes only so many, a tool server that could not start.
 */
export interface NoticeEvent extends StreamEventBase {
  type: 'notice';
  message: string;
}

/** Everything a stream delivers. Exactly one `done` or `error` ends each stream. */
export type ChatEvent =
  | DeltaEvent
  | RetryingEvent
  | SaveFailedEvent
  | ToolCallEvent
  | ToolArgumentsEvent
  | NoticeEvent
  | DoneEvent
  | ErrorEvent;

/** What a context-menu item acts on: the message under the pointer at (x, y), page pixels. */
export type ContextAction = 'copy-markdown' | 'regenerate' | 'edit';

/**
 * Something the native menu, the context menu or the quick-ask window asks the main window to
 * do. The page's own keyboard shortcuts do the same things; main never handles those keys.
 */
export type AppCommand =
  | {
      type:
        | 'new-conversation'
        | 'search'
        | 'settings'
        | 'stop'
        | 'regenerate'
        | 'previous-conversation'
        | 'next-conversation'
        | 'focus-composer'
        | 'shortcuts';
    }
  | { type: 'open-conversation'; conversationId: string }
  | { type: 'context'; action: ContextAction; x: number; y: number };

/**
 * The event channels (main → renderer), each with the payload type it carries. The renderer
 * subscribes with `on` + the channel's name after the colon (`chat:event` → `chat.onEvent`); main
 * sends through `sendEvent` (main/events/send-event.ts), which takes its payload type from here.
 */
export const eventChannels = {
  /** Every stream event of every generation. */
  'chat:event': carries<ChatEvent>(),
  /** Titles generated, conversations created, renamed, pinned or deleted. */
  'conversations:changed': carries<ConversationChangedEvent>(),
  /** The menu's, context menu's and quick ask's commands. */
  'app:command': carries<AppCommand>(),
  /** An MCP server's status or tools changed (starting, connected, failed, restarting). */
  'tools:server-changed': carries<McpServerView>(),
} as const satisfies Record<`${string}:${string}`, EventEntry<unknown>>;

/** Every event channel name. */
export type EventChannel = keyof typeof eventChannels;

/** Every event channel name, as a list (the preload builds the subscriptions from it). */
export const eventChannelNames = Object.keys(eventChannels) as EventChannel[];

/** The payload an event channel carries. */
export type EventPayload<C extends EventChannel> =
  (typeof eventChannels)[C] extends EventEntry<infer P> ? P : never;
