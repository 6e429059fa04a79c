import { randomUUID } from 'node:crypto';
import type {
  AttachmentView,
  ChatError,
  ChatEvent,
  ConversationSnapshot,
  EditRequest,
  ProviderKind,
  RegenerateRequest,
  RegenerateResult,
  Reply,
  SelectUserVersionRequest,
  SelectVersionRequest,
  SendRequest,
  SendResult,
  SnapshotRequest,
  TurnsRequest,
  TurnPage,
  StopRequest,
  Turn,
} from '../../preload/api';
import { sendEvent } from '../events/send-event';
import { missingConfiguration, providerFor } from '../providers/provider-for';
import type {
  FetchVia,
  Provider,
  ProviderAttachment,
  ProviderConfig,
  ProviderMessage,
} from '../providers/types';
import type { ConversationStore } from '../storage/conversation-store';
import type { ActiveProfile } from '../storage/profile-settings';
import { fallbackTitle, newReply, newTurn } from './conversations';
import { history } from './history';
import { Generation, type ToolLoopOptions } from './generation';
import { IpcFailureError } from '../errors/ipc-failure';
import { redactError, redactLoggedError } from '../errors/redact';
import { ReplyRecorder } from './reply-recorder';

/** Where a window receives events: Electron's WebContents has this shape. */
export interface EventSink {
  readonly id: number;
  send(channel: string, payload: unknown): void;
  isDestroyed(): boolean;
}

/** Every turn's files ready for the request, and how to name a file the provider refuses. */
export interface PreparedFiles {
  byTurn: ReadonlyMap<string, ProviderAttachment[]>;
  /** A provider failure about a file (a 400 "image too large") named for the user, with its id. */
  blame: (error: ChatError) => ChatError;
}

/** What the chat service needs of attachments (main/attachments/ in the app). */
export interface ChatAttachments {
  /** The views of `ids`, in order; throws `IpcFailureError` (`not_found`) for an unknown id. */
  views(ids: readonly string[]): AttachmentView[];
  /**
   * Every turn's files prepared for `profile`'s provider and model, by turn id (images
   * downscaled and upright, PDFs as text where the model takes none…), or the failure that
   * names the file that cannot go. Aborting `signal` (Stop) may reject.
   */
  prepare(
    turns: readonly Turn[],
    profile: ActiveProfile,
    signal: AbortSignal,
  ): Promise<PreparedFiles | ChatError>;
}

/** What the chat service needs from the rest of main. */
export interface ChatServiceOptions {
  /** The profile (and model, system prompt, defaults) a conversation's next reply uses. */
  activeProfile: (conversationId: string) => Promise<ActiveProfile>;
  store: ConversationStore;
  /** The adapter factory `providerFor` uses (the real `createProvider` in the app; a script in tests). */
  createProvider: (config: ProviderConfig) => Provider;
  fetch: ProviderConfig['fetch'];
  /** A fetch through a profile's explicit proxy; absent: such profiles use `fetch`. */
  fetchVia?: FetchVia;
  idleTimeoutMs?: number;
  log?: (message: string, error: unknown) => void;
  /**
   * Called when a send creates or updates a conversation (the sidebar re-sorts at once), and
   * when a conversation starts or stops having a reply running (the sidebar shows it replying).
   */
  onChanged?: (conversationId: string, sink: EventSink) => void;
  /**
   * The tool loop for a reply in a conversation to a provider of `kind` (tools/tools-service.ts);
   * absent, or answering undefined: a plain reply.
   */
  tools?: (conversationId: string, kind: ProviderKind) => ToolLoopOptions | undefined;
  /** Attachments; absent: messages carry none (an id sent anyway is refused). */
  attachments?: ChatAttachments;
  /** Called once a conversation's first reply has finished (title generation hooks in here). */
  onFirstReply?: (conversationId: string, turn: Turn, reply: Reply, sink: EventSink) => void;
}

interface Running {
  generation: Generation;
  recorder: ReplyRecorder;
  reply: Reply;
  /** The window its events go to; `handOver` changes it (quick ask → the main window). */
  target: { sink: EventSink };
  conversationId: string;
  turnId: string;
}

/** Sends messages, runs their generations, and answers Stop, Regenerate, edits and branches. */
export class ChatService {
  private readonly running = new Map<string, Running>();
  /** Reply ids of requests being handled (between the check and the reply being recorded). */
  private readonly claimed = new Set<string>();
  private readonly store: ConversationStore;

  constructor(private readonly options: ChatServiceOptions) {
    this.store = options.store;
  }

  /** Add a user message (to a new conversation when none is named) and start its reply. */
  async send(request: SendRequest, sink: EventSink): Promise<SendResult> {
    const release = this.claimReplyId(request.replyId);
    try {
      // Unknown files are refused before anything is saved.
      const files = this.attachmentViews(request.attachmentIds);
      let conversation: ConversationSnapshot;
      if (request.conversationId) {
        conversation = this.load(request.conversationId);
        this.assertIdle(conversation.id);
      } else {
        // A message of files alone is named after its first file until a title is generated.
        const title = fallbackTitle(request.text) || (files[0]?.name ?? '');
        conversation = { id: randomUUID(), title, turns: [] };
        this.store.createConversation(conversation.id, conversation.title);
      }
      const previous = conversation.turns.at(-1);
      const parentId = previous
        ? (previous.replies[previous.activeReply]?.id ?? previous.id)
        : null;
      const turn = newTurn(request.text);
      // Saved with the message, in one transaction: a message never names a file it lacks.
      if (files.length > 0) turn.attachments = files;
      this.store.addTurn(conversation.id, turn, parentId);
      // New or just used: either way its place in the sidebar changed.
      this.options.onChanged?.(conversation.id, sink);
      await this.startReply(conversation.id, [...conversation.turns, turn], sink, request.replyId);
      return { conversationId: conversation.id, turn: structuredClone(turn) };
    } finally {
      release();
    }
  }

  /** Add a fresh version of a turn's reply; whatever still streams there is stopped first. */
  async regenerate(request: RegenerateRequest, sink: EventSink): Promise<RegenerateResult> {
    const release = this.claimReplyId(request.replyId);
    try {
      const conversation = this.load(request.conversationId);
      const index = this.turnIndex(conversation, request.turnId);
      for (const [streamId, run] of this.running) {
        if (run.turnId === request.turnId) this.stop({ streamId });
      }
      this.assertIdle(conversation.id);
      if (request.leaveOutAttachmentId !== undefined) {
        this.leaveOut(conversation.turns.slice(0, index + 1), request.leaveOutAttachmentId);
      }
      const turns = this.load(conversation.id).turns.slice(0, index + 1);
      const reply = await this.startReply(conversation.id, turns, sink, request.replyId);
      const turn = turns[index];
      return {
        turnId: request.turnId,
        reply: structuredClone(reply),
        activeReply: turn?.activeReply ?? 0,
      };
    } finally {
      release();
    }
  }

  /**
   * Mark a file left out in every one of `turns` that carries it.
   * @throws IpcFailureError not_found when none of them does.
   */
  private leaveOut(turns: readonly Turn[], attachmentId: string): void {
    const carriers = turns.filter((turn) =>
      turn.attachments?.some((attachment) => attachment.id === attachmentId),
    );
    if (carriers.length === 0) {
      throw new IpcFailureError('not_found', 'That file is not part of this conversation.');
    }
    for (const turn of carriers) this.store.attachments.leaveOut(turn.id, attachmentId);
  }

  /** Edit a prompt and resend it: a sibling version starts a branch; returns the new branch. */
  async edit(request: EditRequest, sink: EventSink): Promise<ConversationSnapshot> {
    const release = this.claimReplyId(request.replyId);
    try {
      const conversation = this.load(request.conversationId);
      const index = this.turnIndex(conversation, request.turnId);
      this.assertIdle(conversation.id);
      const turn = newTurn(request.text);
      // Absent: the edited message keeps the original's files ("Send again without it" names the rest).
      const ids =
        request.attachmentIds ??
        conversation.turns[index]?.attachments?.map((attachment) => attachment.id);
      const files = this.attachmentViews(ids);
      if (files.length > 0) turn.attachments = files;
      this.store.addTurn(conversation.id, turn, this.store.parentOf(request.turnId));
      const path = [...conversation.turns.slice(0, index), turn];
      await this.startReply(conversation.id, path, sink, request.replyId);
      return this.answer(conversation.id, request.turnLimit);
    } finally {
      release();
    }
  }

  /** Show another version of a prompt and the branch below it. */
  selectUserVersion(request: SelectUserVersionRequest): ConversationSnapshot {
    const conversation = this.load(request.conversationId);
    this.turnIndex(conversation, request.turnId);
    this.assertIdle(conversation.id);
    const versionId = this.store.userVersions(request.turnId)[request.index];
    if (!versionId)
      throw new IpcFailureError('not_found', 'That version of the message does not exist.');
    this.store.setActiveUserVersion(conversation.id, versionId);
    return this.answer(conversation.id, request.turnLimit, versionId);
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
    const conversation = this.load(request.conversationId);
    const turn = conversation.turns[this.turnIndex(conversation, request.turnId)];
    if (!turn || request.index >= turn.replies.length) {
      throw new IpcFailureError('not_found', 'That version of the reply does not exist.');
    }
    this.store.setActiveReply(turn.id, request.index);
  }

  /** A conversation (the latest when no id is given), optionally on the branch holding a message. */
  snapshot(request: SnapshotRequest): ConversationSnapshot | null {
    const id = request.conversationId ?? this.store.latestConversationId();
    if (id === null) return null;
    if (request.revealMessageId) this.store.reveal(id, request.revealMessageId);
    return this.answer(id, request.turnLimit, request.revealMessageId);
  }

  /**
   * The conversation as the page asked for it: the whole branch, or with `turnLimit` a window
   * of it (the newest turns, or those around `aroundMessageId`), live replies from memory.
   * @throws IpcFailureError not_found when the conversation is gone.
   */
  private answer(
    conversationId: string,
    turnLimit: number | undefined,
    aroundMessageId?: string,
  ): ConversationSnapshot {
    if (turnLimit === undefined) return this.load(conversationId);
    const conversation = this.store.loadWindow(conversationId, {
      limit: turnLimit,
      aroundMessageId,
    });
    if (!conversation)
      throw new IpcFailureError('not_found', 'That conversation no longer exists.');
    this.withLiveReplies(conversation.turns);
    return conversation;
  }

  /**
   * A page of the branch next to a loaded turn (`chat:turns`), with replies still streaming
   * taken from memory.
   * @throws IpcFailureError not_found when the conversation or the turn is gone from the branch.
   */
  turns(request: TurnsRequest): TurnPage {
    const page = this.store.turnPage(request.conversationId, request);
    if (!page)
      throw new IpcFailureError('not_found', 'Those messages are no longer in this conversation.');
    this.withLiveReplies(page.turns);
    return page;
  }

  /** Stop every generation in a conversation (it is being deleted). */
  stopConversation(conversationId: string): void {
    for (const [streamId, run] of this.running) {
      if (run.conversationId === conversationId) this.stop({ streamId });
    }
  }

  /** Stop every generation that streams into a window that is closing. */
  abortForSink(sinkId: number): void {
    for (const [streamId, run] of this.running) {
      if (run.target.sink.id === sinkId) this.stop({ streamId });
    }
  }

  /**
   * Send a conversation's running replies (and its listing changes) to another window from now
   * on: quick ask's "Continue in Parley" hands them to the main window before quick ask closes,
   * so closing it no longer stops them. The new window joins through its snapshot, which holds
   * everything sent before. Tells the new window's sidebar about the conversation.
   */
  handOver(conversationId: string, sink: EventSink): void {
    for (const run of this.running.values()) {
      if (run.conversationId === conversationId) run.target.sink = sink;
    }
    this.options.onChanged?.(conversationId, sink);
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

  /**
   * Whether a conversation has a reply streaming: it cannot be branched then, and the sidebar
   * lists it as replying (deleting it stops the reply).
   */
  isRunning(conversationId: string): boolean {
    for (const run of this.running.values()) {
      if (run.conversationId === conversationId) return true;
    }
    return false;
  }

  /** The conversation as stored, with the text of replies still streaming taken from memory. */
  private load(conversationId: string): ConversationSnapshot {
    const conversation = this.store.load(conversationId);
    if (!conversation)
      throw new IpcFailureError('not_found', 'That conversation no longer exists.');
    this.withLiveReplies(conversation.turns);
    return conversation;
  }

  /** Replace stored copies of replies still streaming with the text in memory (in place). */
  private withLiveReplies(turns: Turn[]): void {
    for (const turn of turns) {
      turn.replies = turn.replies.map((reply) => {
        const live = this.running.get(reply.streamId)?.reply;
        return live ? structuredClone(live) : reply;
      });
    }
  }

  private turnIndex(conversation: ConversationSnapshot, turnId: string): number {
    const index = conversation.turns.findIndex((turn) => turn.id === turnId);
    if (index < 0) throw new IpcFailureError('not_found', 'That message no longer exists.');
    return index;
  }

  /**
   * Claim a reply id the page minted: it must name nothing yet — not a request being handled,
   * not a running generation, not a saved message. Throws `invalid_payload` otherwise (the
   * schema already checked it is a UUID). Returns the release, called once the request is
   * done: by then the id is a running generation or a saved message, or free again.
   */
  private claimReplyId(replyId: string | undefined): () => void {
    if (replyId === undefined) return () => {};
    const inUse =
      this.claimed.has(replyId) || this.running.has(replyId) || this.store.hasMessage(replyId);
    if (inUse) throw new IpcFailureError('invalid_payload', 'That reply id is already in use.');
    this.claimed.add(replyId);
    return () => this.claimed.delete(replyId);
  }

  /** The views of the files a message carries; refuses unknown ids before anything is saved. */
  private attachmentViews(ids: readonly string[] | undefined): AttachmentView[] {
    if (!ids || ids.length === 0) return [];
    if (!this.options.attachments) {
      throw new IpcFailureError('invalid_payload', 'Attachments are not available here.');
    }
    return this.options.attachments.views(ids);
  }

  private assertIdle(conversationId: string): void {
    if (this.isRunning(conversationId)) {
      throw new IpcFailureError('busy', 'Wait for the reply to finish, or press Stop, first.');
    }
  }

  /** Start a reply to the last of `turns` (the path to it), recording it on that turn. */
  private async startReply(
    conversationId: string,
    turns: Turn[],
    sink: EventSink,
    replyId: string = randomUUID(),
  ): Promise<Reply> {
    const turn = turns.at(-1);
    if (!turn) throw new IpcFailureError('not_found', 'There is no message to answer.');
    const profile = await this.options.activeProfile(conversationId);
    const reply = newReply(replyId, profile.model);
    const { streamId } = reply;
    turn.replies.push(reply);
    turn.activeReply = turn.replies.length - 1;
    this.store.addReply(conversationId, turn, reply, profile.kind);
    const isFirstReply = turns.length === 1 && turn.replies.length === 1;

    // Where its events go: the window that asked, until `handOver` names another.
    const target = { sink };
    // Saving can fail mid-stream (a full disk): the reply keeps streaming and says so.
    let generation: Generation | null = null;
    const recorder = new ReplyRecorder(reply, {
      store: this.store,
      onSaveError: (message) => generation?.reportSaveFailure(message),
      log: this.options.log,
    });
    // Once files are prepared: names the file a provider refused in its error.
    const blame = { current: (error: ChatError) => error };
    const deliver = (raw: ChatEvent) => {
      let event = withoutKey(raw, profile.apiKey);
      if (event.type === 'error') event = { ...event, error: blame.current(event.error) };
      const saveError = recorder.record(event);
      if (saveError !== null && (event.type === 'done' || event.type === 'error')) {
        event = { ...event, saveError };
      }
      if (!target.sink.isDestroyed()) sendEvent(target.sink, 'chat:event', event);
      if (event.type !== 'done' && event.type !== 'error') return;
      // Announced after the closing event, so the sidebar never says "done" before the reply does.
      if (this.running.delete(streamId) && !this.isRunning(conversationId)) {
        this.options.onChanged?.(conversationId, target.sink);
      }
      if (event.type === 'done' && isFirstReply) {
        this.options.onFirstReply?.(conversationId, turn, reply, target.sink);
      }
    };

    const missing = missingConfiguration(profile);
    if (missing) {
      deliver({ type: 'error', streamId, seq: 1, error: missing });
      return reply;
    }

    const wasRunning = this.isRunning(conversationId);
    generation = new Generation({
      streamId,
      provider: providerFor(profile, this.options),
      request: {
        ...profile.requestDefaults,
        model: profile.model,
        ...(profile.systemPrompt ? { system: profile.systemPrompt } : {}),
        messages: history(turns),
      },
      emit: deliver,
      tools: this.options.tools?.(conversationId, profile.kind),
      ...(turns.some((each) => each.attachments?.length) && this.options.attachments
        ? { prepareMessages: prepareWith(turns, profile, this.options.attachments, blame) }
        : {}),
      log: (message, error) =>
        this.options.log?.(message, redactLoggedError(error, profile.apiKey)),
    });
    this.running.set(streamId, {
      generation,
      recorder,
      reply,
      target,
      conversationId,
      turnId: turn.id,
    });
    if (!wasRunning) this.options.onChanged?.(conversationId, sink);
    return reply;
  }
}

/** The messages of `turns` with their files prepared for the profile, or the failure naming one. */
function prepareWith(
  turns: Turn[],
  profile: ActiveProfile,
  attachments: ChatAttachments,
  blame: { current: (error: ChatError) => ChatError },
): (signal: AbortSignal) => Promise<ProviderMessage[] | ChatError> {
  return async (signal) => {
    const prepared = await attachments.prepare(turns, profile, signal);
    if (!('byTurn' in prepared)) return prepared;
    blame.current = prepared.blame;
    return history(turns, prepared.byTurn);
  };
}

/** An event with the API key cut out of any error text in it (some servers echo the key). */
function withoutKey(event: ChatEvent, apiKey: string | null): ChatEvent {
  if (event.type === 'error' || event.type === 'retrying') {
    return { ...event, error: redactError(event.error, apiKey) };
  }
  return event;
}
