import type { ChatEvent, Reply } from '../../preload/api';
import { foldEvent } from '../../common/reply-fold';
import type { ConversationStore } from '../storage/conversation-store';
import { storageFailure } from '../errors/storage-error';
import { IpcFailureError } from '../errors/ipc-failure';

/** Longest a streaming reply's text may go unsaved: a crash loses at most this much. */
export const saveIntervalMs = 500;

/** What a recorder needs: where to save, and where to report a save that failed. */
export interface RecorderOptions {
  store: ConversationStore;
  /** A save while the reply streams failed: `message` is for the user, `error` for the log. */
  onSaveError: (message: string, error: unknown) => void;
  log?: (message: string, error: unknown) => void;
  now?: () => number;
}

/**
 * Folds one generation's events into its reply and keeps the database in step: the text is
 * saved at most `saveIntervalMs` after it arrived and at the end, with the timings. It also
 * remembers the reply's length at each event, so Stop can cut it back to what the user saw.
 */
export class ReplyRecorder {
  private readonly lengths: Array<[seq: number, text: number, reasoning: number]> = [];
  /** The seq of the event that announced each tool call, so Stop can drop calls the user never saw. */
  private readonly callSeqs = new Map<string, number>();
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private saveFailureReported = false;

  constructor(
    private readonly reply: Reply,
    private readonly options: RecorderOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /**
   * Apply an event to the reply; a terminal event saves at once. Returns what to tell the user
   * when that final save failed (the first failure only), else null.
   */
  record(event: ChatEvent): string | null {
    foldEvent(this.reply, event);
    this.lengths.push([event.seq, this.reply.text.length, this.reply.reasoning.length]);
    if (event.type === 'tool-call') {
      if (!this.callSeqs.has(event.call.id)) this.callSeqs.set(event.call.id, event.seq);
      // A call changing state (approved, running, answered) is saved at once: a crash while a
      // tool runs must find the call, and a finished result is too costly to lose.
      this.clearTimer();
      const message = this.save();
      // Reported after this event has gone out, so the notice does not overtake it.
      if (message !== null) queueMicrotask(() => this.options.onSaveError(message, null));
      return null;
    }
    if (event.type === 'delta' || event.type === 'tool-arguments') {
      this.firstTokenAt ??= this.now();
      this.saveTimer ??= setTimeout(() => {
        this.saveTimer = null;
        const message = this.save();
        if (message !== null) this.options.onSaveError(message, null);
      }, saveIntervalMs);
      return null;
    }
    if (event.type !== 'done' && event.type !== 'error') return null;
    this.clearTimer();
    const message = this.save();
    if (message !== null) this.reply.saveError = message;
    return message;
  }

  private clearTimer(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
  }

  /**
   * Cut the reply back to what it held after event `seq`, and save that: text and reasoning that
   * arrived later go, and so do tool calls announced later (their cards never appeared).
   */
  truncateTo(seq: number): void {
    let text = 0;
    let reasoning = 0;
    for (const [markSeq, textLength, reasoningLength] of this.lengths) {
      if (markSeq > seq) break;
      text = textLength;
      reasoning = reasoningLength;
    }
    this.reply.text = this.reply.text.slice(0, text);
    this.reply.reasoning = this.reply.reasoning.slice(0, reasoning);
    if (this.reply.toolCalls) {
      const shown = this.reply.toolCalls.filter((call) => (this.callSeqs.get(call.id) ?? 0) <= seq);
      if (shown.length > 0) this.reply.toolCalls = shown;
      else delete this.reply.toolCalls;
    }
    this.save();
  }

  /** Save the reply as it is; on failure, the sentence for the user the first time, else null. */
  private save(): string | null {
    const ended = this.reply.status !== 'streaming';
    try {
      this.options.store.saveReply(this.reply, {
        firstTokenMs:
          this.firstTokenAt === null ? undefined : Math.round(this.firstTokenAt - this.startedAt),
        durationMs: ended ? Math.round(this.now() - this.startedAt) : undefined,
      });
      return null;
    } catch (error) {
      this.options.log?.('could not save a reply', error);
      if (this.saveFailureReported) return null;
      this.saveFailureReported = true;
      const failure = storageFailure(error);
      return failure instanceof IpcFailureError
        ? failure.message
        : 'Parley could not save this reply. Details are in the log file (Settings → Data → logs/main.log).';
    }
  }
}
