import type { ChatEvent, Reply } from '../../preload/api';
import type { ConversationStore } from '../storage/conversation-store';
import { applyEvent } from './conversations';

/** Longest a streaming reply's text may go unsaved: a crash loses at most this much. */
export const saveIntervalMs = 500;

/** What a recorder needs: where to save, and where to report a save that failed. */
export interface RecorderOptions {
  store: ConversationStore;
  onSaveError: (error: unknown) => void;
  now?: () => number;
}

/**
 * Folds one generation's events into its reply and keeps the database in step: the text is
 * saved at most `saveIntervalMs` after it arrived and at the end, with the timings. It also
 * remembers the reply's length at each event, so Stop can cut it back to what the user saw.
 */
export class ReplyRecorder {
  private readonly lengths: Array<[seq: number, text: number, reasoning: number]> = [];
  private readonly startedAt: number;
  private firstTokenAt: number | null = null;
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;

  constructor(
    private readonly reply: Reply,
    private readonly options: RecorderOptions,
  ) {
    this.now = options.now ?? (() => performance.now());
    this.startedAt = this.now();
  }

  /** Apply an event to the reply; a terminal event saves at once. */
  record(event: ChatEvent): void {
    applyEvent(this.reply, event);
    this.lengths.push([event.seq, this.reply.text.length, this.reply.reasoning.length]);
    if (event.type === 'delta') {
      this.firstTokenAt ??= this.now();
      this.saveTimer ??= setTimeout(() => {
        this.saveTimer = null;
        this.save();
      }, saveIntervalMs);
      return;
    }
    this.finish();
  }

  /** Cut the reply back to what it held after event `seq`, and save that. */
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
    this.save();
  }

  private finish(): void {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    this.save();
  }

  private save(): void {
    const ended = this.reply.status !== 'streaming';
    try {
      this.options.store.saveReply(this.reply, {
        firstTokenMs:
          this.firstTokenAt === null ? undefined : Math.round(this.firstTokenAt - this.startedAt),
        durationMs: ended ? Math.round(this.now() - this.startedAt) : undefined,
      });
    } catch (error) {
      // The reply keeps streaming on screen; main reports the failed save.
      this.options.onSaveError(error);
    }
  }
}
