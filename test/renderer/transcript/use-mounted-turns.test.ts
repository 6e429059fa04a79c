import { describe, expect, it } from 'vitest';
import type { TurnView } from '../../../renderer/src/transcript/transcript-view';
import {
  firstPaintChars,
  firstPaintTurns,
  initialHidden,
} from '../../../renderer/src/transcript/use-mounted-turns';

const turns = (count: number): TurnView[] =>
  Array.from({ length: count }, (_, index) => ({
    id: `t${index}`,
    userText: 'q',
    replyIds: [`r${index}`],
    activeReply: 0,
  }));

describe('initialHidden', () => {
  it('paints at most firstPaintTurns short turns first', () => {
    expect(initialHidden(turns(500), () => 100)).toBe(500 - firstPaintTurns);
    expect(initialHidden(turns(3), () => 100)).toBe(0);
  });

  it('paints fewer, long turns: just past firstPaintChars of text', () => {
    // 2,300 characters a turn: three pass 6,000, which more than fills a tall window.
    expect(firstPaintChars).toBe(6_000);
    expect(initialHidden(turns(500), () => 2_300)).toBe(497);
    // One huge reply is still painted whole: always at least the newest turn.
    expect(initialHidden(turns(500), () => 50_000)).toBe(499);
  });
});
