import type { AttachmentView } from '../../../preload/api';

/** One turn as the transcript list renders it: structure only, never streaming text. */
export interface TurnView {
  readonly id: string;
  readonly userText: string;
  /** Files attached to the user's message, in order (absent: none). */
  readonly attachments?: readonly AttachmentView[];
  readonly replyIds: readonly string[];
  readonly activeReply: number;
}

/** The reply that is streaming now, so the composer knows what Stop stops. */
export interface StreamRef {
  readonly turnId: string;
  readonly replyId: string;
  readonly streamId: string;
}

/** The transcript's shape. Replaced on structural change only: a delta never replaces it. */
export interface TranscriptView {
  readonly conversationId: string | null;
  /**
   * The turns loaded so far: a window of the branch. A long conversation opens with its newest
   * turns only; older ones (and, after opening a search hit, newer ones) load as the user
   * scrolls towards them.
   */
  readonly turns: readonly TurnView[];
  /** How many turns of the branch come before `turns[0]` and are not loaded yet. */
  readonly earlierTurns: number;
  /** How many turns come after the last loaded one (only after opening a search hit far up). */
  readonly laterTurns: number;
  readonly streaming: StreamRef | null;
}

/** The transcript before anything is loaded. */
export const emptyView: TranscriptView = {
  conversationId: null,
  turns: [],
  earlierTurns: 0,
  laterTurns: 0,
  streaming: null,
};

/** The latest reply still streaming; `liveStreamOf` gives a reply's stream id if it is live. */
export function findStreaming(
  turns: readonly TurnView[],
  liveStreamOf: (replyId: string) => string | undefined,
): StreamRef | null {
  for (const turn of [...turns].reverse()) {
    for (const replyId of [...turn.replyIds].reverse()) {
      const streamId = liveStreamOf(replyId);
      if (streamId !== undefined) return { turnId: turn.id, replyId, streamId };
    }
  }
  return null;
}

/** Keep a version index inside the list it points into. */
export function clampIndex(index: number, length: number): number {
  return Math.min(Math.max(0, index), Math.max(0, length - 1));
}
