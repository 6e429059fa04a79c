import type { ParleyApi } from '../../../preload/api';
import type { NoticeStore } from '../notices/notice-store';
import type { TranscriptStore } from '../transcript/transcript-store';
import { settle } from './settle';

/**
 * What the user can do to a conversation, as plain functions over the bridge and the stores.
 * Failures become notices here, so no component has to remember to show them.
 */
export class ChatActions {
  /** Turns with a regenerate call in flight: a double click must not make two versions. */
  private readonly regenerating = new Set<string>();

  constructor(
    private readonly api: ParleyApi,
    private readonly store: TranscriptStore,
    private readonly notices: NoticeStore,
  ) {}

  /** Listen for stream events, then load the latest conversation; returns the way to stop. */
  start(): () => void {
    let active = true;
    // Subscribe before asking for the snapshot, so no event falls between the two.
    const unsubscribe = this.api.chat.onEvent((event) => this.store.handleEvent(event));
    void settle(() => this.api.chat.snapshot({})).then((result) => {
      if (!active) return;
      if (result.ok) this.store.loadSnapshot(result.value);
      else this.notices.report("Couldn't load the conversation.", result.error);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }

  /** Send a message; resolves false (and shows why) when main refused it. */
  async send(text: string): Promise<boolean> {
    const conversationId = this.store.getView().conversationId;
    const request = conversationId === null ? { text } : { conversationId, text };
    const result = await settle(() => this.api.chat.send(request));
    if (!result.ok) {
      this.notices.report("Couldn't send the message.", result.error);
      return false;
    }
    this.store.addTurn(result.value.conversationId, result.value.turn);
    return true;
  }

  /** Stop the streaming reply. The store drops its text at once; main closes the connection. */
  async stop(): Promise<void> {
    const streaming = this.store.getView().streaming;
    if (!streaming) return;
    const shownSeq = this.store.stop(streaming.streamId);
    const request = { streamId: streaming.streamId, ...(shownSeq === null ? {} : { shownSeq }) };
    const result = await settle(() => this.api.chat.stop(request));
    if (!result.ok) this.notices.report("Couldn't stop the reply.", result.error);
  }

  /** Ask for a new version of a turn's reply; the pager then shows it as the last version. */
  async regenerate(turnId: string): Promise<void> {
    const conversationId = this.store.getView().conversationId;
    if (conversationId === null || this.regenerating.has(turnId)) return;
    this.regenerating.add(turnId);
    try {
      const result = await settle(() => this.api.chat.regenerate({ conversationId, turnId }));
      if (!result.ok) this.notices.report("Couldn't regenerate the reply.", result.error);
      else {
        const { reply, activeReply } = result.value;
        this.store.addReplyVersion(result.value.turnId, reply, activeReply);
      }
    } finally {
      this.regenerating.delete(turnId);
    }
  }

  /** Page to another version; shown at once, and put back if main refuses. */
  async selectVersion(turnId: string, index: number): Promise<void> {
    const conversationId = this.store.getView().conversationId;
    if (conversationId === null) return;
    const previous = this.store.selectVersion(turnId, index);
    if (previous === null || previous === index) return;
    const result = await settle(() =>
      this.api.chat.selectVersion({ conversationId, turnId, index }),
    );
    if (result.ok) return;
    // Put it back only if the user has not paged on since.
    const turn = this.store.getView().turns.find((candidate) => candidate.id === turnId);
    if (turn?.activeReply === index) this.store.selectVersion(turnId, previous);
    this.notices.report("Couldn't switch to that version.", result.error);
  }

  /** Start afresh; a reply still streaming is stopped rather than left running unseen. */
  newConversation(): void {
    void this.stop();
    this.store.clear();
  }
}
