import { randomUUID } from 'node:crypto';
import type {
  ChatError,
  ChatEvent,
  ConversationSnapshot,
  RegenerateRequest,
  RegenerateResult,
  Reply,
  SelectVersionRequest,
  SendRequest,
  SendResult,
  SnapshotRequest,
  StopRequest,
  Turn,
} from '../../preload/api';
import { eventChannels } from '../../preload/api';
import type { Provider, ProviderConfig } from '../providers/types';
import type { ActiveProfile } from '../storage/profile-settings';
import type { ConversationStore } from '../storage/conversation-store';
import { Conversations, newReply } from './conversations';
import { ReplyRecorder } from './reply-recorder';
import { Generation } from './generation';
import { IpcFailureError } from './ipc-failure';

/** Where a window receives stream events: Electron's WebContents has this shape. */
export interface EventSink {
  readonly id: number;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** What the chat service needs from the rest of main. */
export interface ChatServiceOptions {
  activeProfile: () => Promise<ActiveProfile>;
  store: ConversationStore;
  createProvider: (config: ProviderConfig) => Provider;
  fetch: ProviderConfig['fetch'];
  idleTimeoutMs?: number;
  log?: (message: string, error: unknown) => void;
}

interface Running {
  generation: Generation;
  recorder: ReplyRecorder;
  sinkId: number;
  conversationId: string;
  turnId: string;
}

/** Sends messages, runs their generations, and answers Stop, Regenerate and version changes. */
export class ChatService {
  private readonly conversations: Conversations;
  private readonly running = new Map<string, Running>();

  constructor(private readonly options: ChatServiceOptions) {
    this.conversations = new Conversations(options.store);
  }

  /** Add a user message (to a new conversation when none is named) and start its reply. */
  async send(request: SendRequest, sink: EventSink): Promise<SendResult> {
    const conversation = request.conversationId
      ? this.conversations.get(request.conversationId)
      : this.conversations.create();
    if (this.runningIn(conversation.id)) {
      throw new IpcFailureError(
        'busy',
        'Wait for the reply to finish, or press Stop, before sending.',
      );
    }
    const turn = this.conversations.addTurn(conversation, request.text);
    await this.startReply(conversation, turn, sink);
    return { conversationId: conversation.id, turn: structuredClone(turn) };
  }

  /** Add a fresh version of a turn's reply; whatever still streams there is stopped first. */
  async regenerate(request: RegenerateRequest, sink: EventSink): Promise<RegenerateResult> {
    const conversation = this.conversations.get(request.conversationId);
    const turn = this.conversations.turn(conversation, request.turnId);
    for (const [streamId, run] of this.running) {
      if (run.turnId === turn.id) this.stop({ streamId });
    }
    if (this.runningIn(conversation.id)) {
      throw new IpcFailureError('busy', 'Another reply in this conversation is still streaming.');
    }
    const reply = await this.startReply(conversation, turn, sink);
    return { turnId: turn.id, reply: structuredClone(reply), activeReply: turn.activeReply };
  }

  /**
   * Stop a generation; a stream that already ended is left as it is. With `shownSeq` the reply
   * keeps exactly the text the user saw, not what was still crossing IPC when they pressed Stop.
   */
  stop(request: StopRequest): void {
    const run = this.running.get(request.streamId);
    if (!run) return;
    run.generation.stop();
    if (request.shownSeq !== undefined) run.recorder.truncateTo(request.shownSeq);
  }

  /** Choose which reply version the conversation continues from. */
  selectVersion(request: SelectVersionRequest): void {
    const conversation = this.conversations.get(request.conversationId);
    const turn = this.conversations.turn(conversation, request.turnId);
    if (request.index >= turn.replies.length) {
      throw new IpcFailureError('not_found', 'That version of the reply does not exist.');
    }
    this.conversations.selectReply(turn, request.index);
  }

  /** A copy of a conversation (the latest when no id is given), for a renderer that (re)loads. */
  snapshot(request: SnapshotRequest): ConversationSnapshot | null {
    const conversation = request.conversationId
      ? this.conversations.get(request.conversationId)
      : this.conversations.latest();
    return conversation ? structuredClone(conversation) : null;
  }

  /** Stop every generation that streams into a window that is closing. */
  abortForSink(sinkId: number): void {
    for (const [streamId, run] of this.running) {
      if (run.sinkId === sinkId) this.stop({ streamId });
    }
  }

  /** Stop everything and wait until every provider call has unwound (app quit, tests). */
  async shutdown(): Promise<void> {
    const pending = [...this.running.values()].map((run) => run.generation.finished);
    for (const run of this.running.values()) run.generation.stop();
    await Promise.all(pending);
  }

  /** How many generations are running now. */
  get activeCount(): number {
    return this.running.size;
  }

  private runningIn(conversationId: string): boolean {
    for (const run of this.running.values()) {
      if (run.conversationId === conversationId) return true;
    }
    return false;
  }

  private async startReply(
    conversation: ConversationSnapshot,
    turn: Turn,
    sink: EventSink,
  ): Promise<Reply> {
    const profile = await this.options.activeProfile();
    const streamId = randomUUID();
    const reply = newReply(streamId, profile.model);
    this.conversations.addReply(conversation, turn, reply, profile.kind);

    const recorder = new ReplyRecorder(reply, {
      store: this.options.store,
      onSaveError: (error) => this.options.log?.('could not save a reply', error),
    });
    const deliver = (event: ChatEvent) => {
      recorder.record(event);
      if (event.type !== 'delta') this.running.delete(streamId);
      if (!sink.isDestroyed()) sink.send(eventChannels.chat.onEvent, event);
    };

    const missing = missingConfiguration(profile);
    if (missing) {
      deliver({ type: 'error', streamId, seq: 1, error: missing });
      return reply;
    }

    const provider = this.options.createProvider({
      kind: profile.kind,
      baseUrl: profile.baseUrl,
      apiKey: profile.apiKey,
      fetch: this.options.fetch,
      idleTimeoutMs: this.options.idleTimeoutMs,
    });
    const generation = new Generation({
      streamId,
      provider,
      request: { model: profile.model, messages: this.conversations.history(conversation, turn) },
      emit: deliver,
      log: this.options.log,
    });
    this.running.set(streamId, {
      generation,
      recorder,
      sinkId: sink.id,
      conversationId: conversation.id,
      turnId: turn.id,
    });
    return reply;
  }
}

function missingConfiguration(profile: ActiveProfile): ChatError | null {
  // Local OpenAI-compatible servers need no key; Anthropic always does.
  if (profile.kind === 'anthropic' && !profile.apiKey) {
    return {
      kind: 'config',
      message: 'Add your Anthropic API key in Settings to start chatting.',
    };
  }
  return null;
}
