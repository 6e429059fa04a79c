import type { ChatEvent, ConversationSnapshot, Reply, Turn } from '../../../preload/api';
import { createFrameScheduler, type FrameScheduler } from './frame-scheduler';
import { PendingEvents } from './pending-events';
import { ReplyStream } from './reply-stream';
import {
  clampIndex,
  emptyView,
  findStreaming,
  type TranscriptView,
  type TurnView,
} from './transcript-view';

type Listener = () => void;

/**
 * The transcript as an external store fed by `chat.onEvent`. Deltas land in a reply's buffer at
 * once and are painted at most once a frame; a reply's readers are notified alone, so a token
 * re-renders only the reply it belongs to. Framework-free so it can be tested without React.
 */
export class TranscriptStore {
  private view: TranscriptView = emptyView;
  private readonly replies = new Map<string, ReplyStream>();
  private readonly replyByStream = new Map<string, string>();
  /** Streams whose replies left the transcript: their late events are dropped, not held. */
  private readonly retired = new Set<string>();
  /** Streams the page minted whose reply main has not answered with yet: they outlive a reload. */
  private readonly expected = new Set<string>();
  private readonly pending = new PendingEvents();
  private readonly dirty = new Set<string>();
  private cancelFrame: (() => void) | null = null;
  private readonly viewListeners = new Set<Listener>();
  private readonly replyListeners = new Map<string, Set<Listener>>();
  /** While > 0, view listeners wait, so they never see a half-applied change. */
  private batchDepth = 0;
  private viewChanged = false;

  constructor(private readonly scheduler: FrameScheduler = createFrameScheduler()) {}

  /** The transcript's structure (stable identity between structural changes). */
  readonly getView = (): TranscriptView => this.view;

  /** Be told when the structure changes (turns, versions, which reply streams). */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.viewListeners.add(listener);
    return () => this.viewListeners.delete(listener);
  };

  /** One reply as last painted. */
  getReply(replyId: string): Reply | undefined {
    return this.replies.get(replyId)?.reply;
  }

  /** Be told when one reply changes, and nothing else. */
  subscribeReply(replyId: string, listener: Listener): () => void {
    let listeners = this.replyListeners.get(replyId);
    if (!listeners) this.replyListeners.set(replyId, (listeners = new Set()));
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) this.replyListeners.delete(replyId);
    };
  }

  /**
   * Make the reply the page is about to ask for exist before its first event: events for
   * `streamId` (the id the page minted and sends with the request) fold straight into it, and
   * main's answer later gives it its place in a turn. Events are held aside only for streams
   * the page did not start itself (a reload while a reply streams).
   */
  expectStream(streamId: string): void {
    if (this.replyByStream.has(streamId)) return;
    this.register({
      id: streamId,
      streamId,
      model: '',
      text: '',
      reasoning: '',
      status: 'streaming',
      seq: 0,
    });
    this.expected.add(streamId);
    this.replayHeld([{ id: streamId, streamId }]);
  }

  /**
   * The reply a stream was expected for will not be placed on this page (main refused the
   * request, or the user went elsewhere first): forget it, and drop its later events rather
   * than hold them. Opening its conversation again brings it back from a snapshot.
   */
  forgetStream(streamId: string): void {
    const replyId = this.replyByStream.get(streamId);
    this.expected.delete(streamId);
    if (replyId === undefined || this.shown(replyId)) return;
    this.replies.delete(replyId);
    this.replyByStream.delete(streamId);
    this.dirty.delete(replyId);
    this.retired.add(streamId);
    this.pending.discard(streamId);
  }

  /** Apply one stream event from main (feed it `chat.onEvent`). */
  handleEvent(event: ChatEvent): void {
    const replyId = this.replyByStream.get(event.streamId);
    if (replyId !== undefined) this.apply(replyId, event);
    else if (!this.retired.has(event.streamId)) this.pending.hold(event);
  }

  /** Replace everything with main's snapshot (start-up, or a reload that joins a live stream). */
  loadSnapshot(snapshot: ConversationSnapshot | null): void {
    this.batch(() => {
      this.retireAll();
      const turns = snapshot ? snapshot.turns.map((turn) => this.registerTurn(turn)) : [];
      this.setView({
        conversationId: snapshot?.id ?? null,
        turns,
        earlierTurns: snapshot?.earlierTurns ?? 0,
        laterTurns: snapshot?.laterTurns ?? 0,
      });
      for (const replyId of [...this.replyListeners.keys()]) this.notifyReply(replyId);
      for (const turn of snapshot?.turns ?? []) this.replayHeld(turn.replies);
    });
  }

  /** Empty the transcript for a new conversation. */
  clear(): void {
    this.loadSnapshot(null);
  }

  /** Add the turn `chat.send()` returned, and replay any events that raced ahead of it. */
  addTurn(conversationId: string, turn: Turn): void {
    this.batch(() => {
      const sameConversation = this.view.conversationId === conversationId;
      if (!sameConversation) this.retireAll();
      const turnView = this.registerTurn(turn);
      const { earlierTurns, laterTurns, turns } = this.view;
      if (sameConversation && laterTurns > 0) {
        // The window is far up the branch (a search hit): the new turn goes after turns that
        // are not loaded, so the window becomes the new turn, with everything before it earlier.
        const before = earlierTurns + turns.filter((existing) => existing.id !== turn.id).length;
        this.setView({
          conversationId,
          turns: [turnView],
          earlierTurns: before + laterTurns,
          laterTurns: 0,
        });
      } else {
        const kept = sameConversation ? turns.filter((existing) => existing.id !== turn.id) : [];
        this.setView({
          conversationId,
          turns: [...kept, turnView],
          earlierTurns: sameConversation ? earlierTurns : 0,
          laterTurns: 0,
        });
      }
      this.replayHeld(turn.replies);
    });
  }

  /**
   * Put a page of older turns (from `chat.turns`) before the loaded ones. `earlierTurns` is how
   * many are still before the page. Ignored if the user has gone to another conversation or the
   * page does not join the window (a turn is already loaded, or it came for an older window).
   */
  addEarlierTurns(conversationId: string, page: readonly Turn[], earlierTurns: number): void {
    if (this.view.conversationId !== conversationId || page.length === 0) return;
    const loaded = new Set(this.view.turns.map((turn) => turn.id));
    if (page.some((turn) => loaded.has(turn.id))) return;
    this.batch(() => {
      const turns = page.map((turn) => this.registerTurn(turn));
      this.setView({ ...this.view, turns: [...turns, ...this.view.turns], earlierTurns });
      this.replayHeld(page.flatMap((turn) => turn.replies));
    });
  }

  /** Put a page of newer turns after the loaded ones; `laterTurns` is how many are still after it. */
  addLaterTurns(conversationId: string, page: readonly Turn[], laterTurns: number): void {
    if (this.view.conversationId !== conversationId || page.length === 0) return;
    const loaded = new Set(this.view.turns.map((turn) => turn.id));
    if (page.some((turn) => loaded.has(turn.id))) return;
    this.batch(() => {
      const turns = page.map((turn) => this.registerTurn(turn));
      this.setView({ ...this.view, turns: [...this.view.turns, ...turns], laterTurns });
      this.replayHeld(page.flatMap((turn) => turn.replies));
    });
  }

  /** Add the reply version `chat.regenerate()` returned; any version still streaming is replaced. */
  addReplyVersion(turnId: string, reply: Reply, activeReply: number): void {
    const turn = this.view.turns.find((candidate) => candidate.id === turnId);
    // The user went to another conversation while main made the version: it is not shown here.
    if (!turn) return this.forgetStream(reply.streamId);
    this.batch(() => {
      for (const id of turn.replyIds) this.stopReply(id);
      this.register(reply);
      const { replyIds } = turn;
      const ids = replyIds.includes(reply.id) ? replyIds : [...replyIds, reply.id];
      this.replaceTurn({
        ...turn,
        replyIds: ids,
        activeReply: clampIndex(activeReply, ids.length),
      });
      this.replayHeld([reply]);
    });
  }

  /** Show a file as left out (not sent) in every loaded message that carries it. */
  markLeftOut(attachmentId: string): void {
    const turns = this.view.turns.map((turn) =>
      turn.attachments?.some((item) => item.id === attachmentId && !item.leftOut)
        ? {
            ...turn,
            attachments: turn.attachments.map((item) =>
              item.id === attachmentId ? { ...item, leftOut: true } : item,
            ),
          }
        : turn,
    );
    if (turns.some((turn, index) => turn !== this.view.turns[index])) {
      this.setView({ ...this.view, turns });
    }
  }

  /** Show another version of a turn's reply; returns the index it showed before, or null. */
  selectVersion(turnId: string, index: number): number | null {
    const turn = this.view.turns.find((candidate) => candidate.id === turnId);
    if (!turn || index < 0 || index >= turn.replyIds.length) return null;
    if (index !== turn.activeReply) this.replaceTurn({ ...turn, activeReply: index });
    return turn.activeReply;
  }

  /**
   * The user stopped a stream: it reads as stopped at once and no later text is shown. Returns
   * the seq of the last event on screen (main keeps exactly that much), or null if not live.
   */
  stop(streamId: string): number | null {
    const replyId = this.replyByStream.get(streamId);
    return replyId === undefined ? null : this.stopReply(replyId);
  }

  /** Paint every buffered delta now. */
  flush(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
    for (const replyId of [...this.dirty]) this.publish(replyId);
  }

  private apply(replyId: string, event: ChatEvent): void {
    const stream = this.replies.get(replyId);
    const accepted = stream?.accept(event);
    if (accepted === 'buffered') {
      this.dirty.add(replyId);
      this.cancelFrame ??= this.scheduler.schedule(() => {
        this.cancelFrame = null;
        this.flush();
      });
    } else if (accepted === 'updated') {
      this.notifyReply(replyId);
    } else if (accepted === 'ended') {
      // The ending is painted at once: a finished reply never waits for a frame.
      this.dirty.delete(replyId);
      this.notifyReply(replyId);
      this.refreshStreaming();
    }
  }

  private stopReply(replyId: string): number | null {
    const shownSeq = this.replies.get(replyId)?.stop() ?? null;
    if (shownSeq === null) return null;
    this.dirty.delete(replyId);
    this.notifyReply(replyId);
    this.refreshStreaming();
    return shownSeq;
  }

  private publish(replyId: string): void {
    this.dirty.delete(replyId);
    this.replies.get(replyId)?.publish();
    this.notifyReply(replyId);
  }

  private notifyReply(replyId: string): void {
    for (const listener of [...(this.replyListeners.get(replyId) ?? [])]) listener();
  }

  private registerTurn(turn: Turn): TurnView {
    for (const reply of turn.replies) this.register(reply);
    const replyIds = turn.replies.map((reply) => reply.id);
    const activeReply = clampIndex(turn.activeReply, replyIds.length);
    const view = { id: turn.id, userText: turn.userText, replyIds, activeReply };
    return turn.attachments?.length ? { ...view, attachments: turn.attachments } : view;
  }

  /**
   * Give a reply from main its stream. A stream the page already follows (one it minted, or the
   * same reply loaded again) keeps what it has delivered unless main's copy is newer.
   */
  private register(reply: Reply): void {
    // The page's reply and main's share one id (the stream id the page minted).
    const known = this.replies.get(reply.id);
    if (known && known.reply.streamId === reply.streamId && known.seq >= reply.seq) {
      known.adopt(reply);
    } else {
      this.replies.set(reply.id, new ReplyStream(reply));
    }
    this.replyByStream.set(reply.streamId, reply.id);
    this.retired.delete(reply.streamId);
    this.expected.delete(reply.streamId);
  }

  /** Whether a reply is part of the transcript on screen (in some turn's versions). */
  private shown(replyId: string): boolean {
    return this.view.turns.some((turn) => turn.replyIds.includes(replyId));
  }

  /** Apply the events that arrived before these replies were registered (seq drops the stale). */
  private replayHeld(replies: ReadonlyArray<Pick<Reply, 'id' | 'streamId'>>): void {
    for (const reply of replies) {
      for (const event of this.pending.take(reply.streamId)) this.apply(reply.id, event);
    }
  }

  /** Forget every reply but the ones the page is still waiting for main to place. */
  private retireAll(): void {
    for (const [streamId, replyId] of [...this.replyByStream]) {
      if (this.expected.has(streamId)) continue;
      this.retired.add(streamId);
      this.pending.discard(streamId);
      this.replies.delete(replyId);
      this.replyByStream.delete(streamId);
      this.dirty.delete(replyId);
    }
  }

  private replaceTurn(turn: TurnView): void {
    const turns = this.view.turns.map((existing) => (existing.id === turn.id ? turn : existing));
    this.setView({ ...this.view, turns });
  }

  private refreshStreaming(): void {
    this.setView({ ...this.view });
  }

  /** Publish a new view, deriving which reply streams; listeners hear only real changes. */
  private setView(next: Omit<TranscriptView, 'streaming'>): void {
    const previous = this.view;
    const found = findStreaming(next.turns, (replyId) => {
      const stream = this.replies.get(replyId);
      return stream?.live ? stream.reply.streamId : undefined;
    });
    const streaming = found?.streamId === previous.streaming?.streamId ? previous.streaming : found;
    const unchanged =
      next.turns === previous.turns &&
      next.conversationId === previous.conversationId &&
      next.earlierTurns === previous.earlierTurns &&
      next.laterTurns === previous.laterTurns &&
      streaming === previous.streaming;
    if (unchanged) return;
    this.view = {
      conversationId: next.conversationId,
      turns: next.turns,
      earlierTurns: next.earlierTurns,
      laterTurns: next.laterTurns,
      streaming,
    };
    this.viewChanged = true;
    this.emitView();
  }

  private batch(work: () => void): void {
    this.batchDepth++;
    try {
      work();
    } finally {
      this.batchDepth--;
    }
    this.emitView();
  }

  private emitView(): void {
    if (this.batchDepth > 0 || !this.viewChanged) return;
    this.viewChanged = false;
    for (const listener of [...this.viewListeners]) listener();
  }
}
