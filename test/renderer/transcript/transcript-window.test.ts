import { describe, expect, it } from 'vitest';
import type { TranscriptView, TurnView } from '../../../renderer/src/transcript/transcript-view';
import { pinsToEnd, windowChange } from '../../../renderer/src/transcript/transcript-window';

const turn = (n: number, replies = 1): TurnView => ({
  id: `t${n}`,
  userText: `q${n}`,
  replyIds: Array.from({ length: replies }, (_, i) => `r${n}-${i}`),
  activeReply: 0,
});

/** Turns `from`..`to` (inclusive) of conversation `c1`, which has `total` turns. */
function view(from: number, to: number, total = 100, conversationId = 'c1'): TranscriptView {
  return {
    conversationId,
    turns: Array.from({ length: to - from + 1 }, (_, i) => turn(from + i)),
    earlierTurns: from,
    laterTurns: total - 1 - to,
    streaming: null,
  };
}

describe('the transcript window', () => {
  it('a page of older turns continues the window and leaves the view where it is', () => {
    expect(windowChange(view(70, 99), view(20, 99))).toBe('continued');
    expect(pinsToEnd(view(70, 99), view(20, 99))).toBe(false);
  });

  it('a page of newer turns (far up, after a search hit) does not pin either', () => {
    expect(windowChange(view(10, 39), view(10, 89))).toBe('continued');
    expect(pinsToEnd(view(10, 39), view(10, 89))).toBe(false);
  });

  it('a message sent, or a new version of the last reply, goes back to the end', () => {
    expect(pinsToEnd(view(70, 99), view(70, 100, 101))).toBe(true);
    const before = view(70, 99);
    const regenerated = { ...before, turns: [...before.turns.slice(0, -1), turn(99, 2)] };
    expect(windowChange(before, regenerated)).toBe('continued');
    expect(pinsToEnd(before, regenerated)).toBe(true);
  });

  it('another conversation, or a window that does not join this one, starts afresh', () => {
    expect(windowChange(view(70, 99), view(70, 99, 100, 'c2'))).toBe('new');
    expect(windowChange(view(70, 99), view(0, 29))).toBe('new');
    // A message sent far up: the window becomes that one turn at the end.
    expect(windowChange(view(10, 39), view(100, 100, 101))).toBe('new');
    expect(pinsToEnd(view(50, 79), view(0, 29))).toBe(true);
    // Around a search hit that overlaps the window: the same turns at the same places.
    expect(windowChange(view(10, 39), view(0, 29))).toBe('continued');
  });
});
