import type { ConversationSnapshot, IpcResult, ParleyApi } from '../../../preload/api';
import { UserVersionStore } from '../branches/user-versions';
import type { NoticeStore } from '../notices/notice-store';
import type { TranscriptStore } from '../transcript/transcript-store';
import { settle } from './settle';
import { t } from '../i18n';

/**
 * How many turns an opened conversation brings first: the newest ones, more than any window
 * shows, so the first paint never waits for older pages. Later pages bring `pageTurns`.
 */
export const snapshotTurns = 30;

/** How many turns each further page brings as the user scrolls towards them. */
export const pageTurns = 50;

/**
 * What the user can do to a conversation, as plain functions over the bridge and the stores.
 * Failures become notices here, so no component has to remember to show them.
 */
export class ChatActions {
  /** Turns with a regenerate call in flight: a double click must not make two versions. */
  private readonly regenerating = new Set<string>();
  /** Bumped by every load request: only the newest one's answer may replace the transcript. */
  private loadSeq = 0;
  /** The page of turns being loaded in each direction, so a scroll never asks twice. */
  private readonly pageLoads = new Map<'earlier' | 'later', Promise<void>>();
  /** The `loadSeq` of the last `open()` call: while it is the newest load, it is in flight. */
  private openingSeq = -1;

  constructor(
    private readonly api: ParleyApi,
    private readonly store: TranscriptStore,
    private readonly notices: NoticeStore,
    /** Which version of each user message is on screen (filled from the same snapshots). */
    readonly userVersions = new UserVersionStore(),
    /** Told when a message was sent in a conversation (the sidebar moves it up). */
    private readonly onSent: (conversationId: string) => void = () => undefined,
  ) {}

  /** Listen for stream events, then load the latest conversation; returns the way to stop. */
  start(): () => void {
    let active = true;
    // Subscribe before asking for the snapshot, so no event falls between the two.
    const unsubscribe = this.api.chat.onEvent((event) => this.store.handleEvent(event));
    const seq = ++this.loadSeq;
    void settle(() => this.api.chat.snapshot({ turnLimit: snapshotTurns })).then((result) => {
      if (!active || seq !== this.loadSeq) return;
      if (result.ok) this.load(result.value);
      else this.notices.report(t('notices.loadConversation'), result.error);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }

  /**
   * Send a message with the ids of its attachments (in order); resolves false (and shows why)
   * when main refused it.
   */
  async send(text: string, attachmentIds: readonly string[] = []): Promise<boolean> {
    const conversationId = this.store.getView().conversationId;
    const replyId = this.expectReply();
    const request = {
      ...(conversationId === null ? {} : { conversationId }),
      text,
      replyId,
      ...(attachmentIds.length > 0 ? { attachmentIds: [...attachmentIds] } : {}),
    };
    const result = await settle(() => this.api.chat.send(request));
    if (!result.ok) {
      this.store.forgetStream(replyId);
      this.notices.report(t('notices.send'), result.error);
      return false;
    }
    this.store.addTurn(result.value.conversationId, result.value.turn);
    this.userVersions.add(result.value.turn);
    this.onSent(result.value.conversationId);
    return true;
  }

  /**
   * Stop the reply streaming in the conversation on screen, and only that one: replies still
   * running in other conversations go on. The store drops later text at once; main closes the
   * connection.
   */
  async stop(): Promise<void> {
    const streaming = this.store.getView().streaming;
    if (!streaming) return;
    const shownSeq = this.store.stop(streaming.streamId);
    const request = { streamId: streaming.streamId, ...(shownSeq === null ? {} : { shownSeq }) };
    const result = await settle(() => this.api.chat.stop(request));
    if (!result.ok) this.notices.report(t('notices.stop'), result.error);
  }

  /**
   * Ask for a new version of a turn's reply; the pager then shows it as the last version. With
   * `leaveOutAttachmentId` (a file of an earlier message the provider refused) that file is
   * left out of this and every later request, and shows as not sent. Resolves whether the new
   * version was started (false: refused, with a notice, or already asked).
   */
  async regenerate(turnId: string, leaveOutAttachmentId?: string): Promise<boolean> {
    const conversationId = this.store.getView().conversationId;
    if (conversationId === null || this.regenerating.has(turnId)) return false;
    this.regenerating.add(turnId);
    const replyId = this.expectReply();
    try {
      const request = { conversationId, turnId, replyId };
      const result = await settle(() =>
        this.api.chat.regenerate(
          leaveOutAttachmentId === undefined ? request : { ...request, leaveOutAttachmentId },
        ),
      );
      if (!result.ok) {
        this.store.forgetStream(replyId);
        this.notices.report(t('notices.regenerate'), result.error);
        return false;
      }
      const { reply, activeReply } = result.value;
      if (leaveOutAttachmentId !== undefined) this.store.markLeftOut(leaveOutAttachmentId);
      this.store.addReplyVersion(result.value.turnId, reply, activeReply);
      return true;
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
    this.notices.report(t('notices.switchVersion'), result.error);
  }

  /**
   * Start afresh. A reply still streaming in the conversation left behind keeps running in main
   * (and is saved there); the sidebar shows it as replying, and opening it again joins it.
   */
  newConversation(): void {
    this.cancelOpening();
    this.store.clear();
    this.userVersions.load(null);
  }

  /**
   * Open a conversation; with `revealMessageId`, on the branch that holds that message (a search
   * hit). Like New conversation, a reply streaming in the conversation left behind keeps running;
   * main's snapshot of a conversation whose reply is running carries its text and seq so far, and
   * the store follows the live stream from there. Resolves false (and shows why) when it could
   * not be opened.
   */
  async open(conversationId: string, revealMessageId?: string): Promise<boolean> {
    const view = this.store.getView();
    if (view.conversationId === conversationId && revealMessageId === undefined) {
      // Back to the one on screen before another finished loading: that load must not land.
      if (this.openingSeq === this.loadSeq) this.cancelOpening();
      return true;
    }
    const request =
      revealMessageId === undefined
        ? { conversationId, turnLimit: snapshotTurns }
        : { conversationId, revealMessageId, turnLimit: snapshotTurns };
    const seq = ++this.loadSeq;
    this.openingSeq = seq;
    const result = await settle(() => this.api.chat.snapshot(request));
    // The user clicked something else meanwhile: that one wins.
    if (seq !== this.loadSeq) return false;
    this.openingSeq = -1;
    if (result.ok && result.value === null) {
      const error = { kind: 'not_found' as const, message: t('notices.maybeDeleted') };
      this.notices.report(t('notices.openConversation'), error);
      return false;
    }
    return this.loadResult(result, t('notices.openConversation'));
  }

  /**
   * Load the newest turns of the conversation on screen again ("Jump to latest" in a window
   * far up the branch, opened at a search hit). Resolves false (and shows why) if it failed.
   */
  async loadLatest(): Promise<boolean> {
    const { conversationId } = this.store.getView();
    if (conversationId === null) return false;
    const seq = ++this.loadSeq;
    this.openingSeq = seq;
    const result = await settle(() =>
      this.api.chat.snapshot({ conversationId, turnLimit: snapshotTurns }),
    );
    if (seq !== this.loadSeq) return false;
    this.openingSeq = -1;
    return this.loadResult(result, t('notices.openConversation'));
  }

  /**
   * Edit a user message and resend it: a new branch whose reply streams in at once. Without
   * `attachmentIds` the message keeps its attachments; with them, it carries exactly those
   * ("Send again without it").
   */
  async edit(turnId: string, text: string, attachmentIds?: readonly string[]): Promise<boolean> {
    const conversationId = this.store.getView().conversationId;
    if (conversationId === null) return false;
    const seq = ++this.loadSeq;
    const replyId = this.expectReply();
    const request = {
      conversationId,
      turnId,
      text,
      replyId,
      turnLimit: snapshotTurns,
      ...(attachmentIds === undefined ? {} : { attachmentIds: [...attachmentIds] }),
    };
    const result = await settle(() => this.api.chat.edit(request));
    // Refused, or the user went elsewhere meanwhile: the reply will not be placed on this page.
    if (!result.ok || seq !== this.loadSeq) this.store.forgetStream(replyId);
    if (seq !== this.loadSeq) return false;
    const loaded = this.loadResult(result, t('notices.sendEdited'));
    if (loaded) this.onSent(conversationId);
    return loaded;
  }

  /** Show another version of a user message, and the branch that continues from it. */
  async selectUserVersion(turnId: string, index: number): Promise<void> {
    const conversationId = this.store.getView().conversationId;
    if (conversationId === null) return;
    const seq = ++this.loadSeq;
    const result = await settle(() =>
      this.api.chat.selectUserVersion({ conversationId, turnId, index, turnLimit: snapshotTurns }),
    );
    if (seq === this.loadSeq) this.loadResult(result, t('notices.switchVersion'));
  }

  /**
   * Load the page of turns before the first one loaded (the user scrolled up to it). One page
   * at a time per direction; a page for a conversation the user has left lands nowhere.
   * Resolves once the page is in the store (or was refused, with a notice).
   */
  loadEarlier(): Promise<void> {
    return this.loadPage('earlier');
  }

  /** Load the page of turns after the last one loaded (only after opening a search hit). */
  loadLater(): Promise<void> {
    return this.loadPage('later');
  }

  private loadPage(direction: 'earlier' | 'later'): Promise<void> {
    const inFlight = this.pageLoads.get(direction);
    if (inFlight) return inFlight;
    const view = this.store.getView();
    const { conversationId } = view;
    const remaining = direction === 'earlier' ? view.earlierTurns : view.laterTurns;
    const anchor = direction === 'earlier' ? view.turns[0] : view.turns.at(-1);
    if (conversationId === null || remaining === 0 || !anchor) return Promise.resolve();
    const seq = this.loadSeq;
    const request =
      direction === 'earlier'
        ? { conversationId, beforeTurnId: anchor.id, limit: pageTurns }
        : { conversationId, afterTurnId: anchor.id, limit: pageTurns };
    const load = settle(() => this.api.chat.turns(request))
      .then((result) => {
        // Another conversation or branch was loaded meanwhile (or began loading before this was
        // asked for): this page belongs to none on screen unless it still joins the window.
        const now = this.store.getView();
        const edge = direction === 'earlier' ? now.turns[0] : now.turns.at(-1);
        if (seq !== this.loadSeq || edge?.id !== anchor.id) return;
        if (!result.ok) return this.notices.report(t('notices.loadEarlier'), result.error);
        const { turns, remaining: left } = result.value;
        if (direction === 'earlier') this.store.addEarlierTurns(conversationId, turns, left);
        else this.store.addLaterTurns(conversationId, turns, left);
        this.userVersions.addAll(turns);
      })
      .finally(() => this.pageLoads.delete(direction));
    this.pageLoads.set(direction, load);
    return load;
  }

  /** Make any load in flight land nowhere (the user chose something else meanwhile). */
  private cancelOpening(): void {
    this.loadSeq++;
  }

  /**
   * Mint the id of a reply about to be asked for (also its stream id; main checks it is unused)
   * and make the reply exist in the store, so no event can arrive before it.
   */
  private expectReply(): string {
    const replyId = crypto.randomUUID();
    this.store.expectStream(replyId);
    return replyId;
  }

  private loadResult(result: IpcResult<ConversationSnapshot | null>, action: string): boolean {
    if (!result.ok) {
      this.notices.report(action, result.error);
      return false;
    }
    this.load(result.value);
    return true;
  }

  /** Every snapshot goes through here, so the transcript and the user versions agree. */
  private load(snapshot: ConversationSnapshot | null): void {
    this.store.loadSnapshot(snapshot);
    this.userVersions.load(snapshot);
  }
}
