import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '../../../main/chat/delta-coalescer';

describe('DeltaCoalescer', () => {
  let now = 0;
  const sent: Array<[string, string]> = [];
  const make = () =>
    new DeltaCoalescer(
      (text, reasoning) => sent.push([text, reasoning]),
      16,
      () => now,
    );

  beforeEach(() => {
    vi.useFakeTimers();
    now = 1_000;
    sent.length = 0;
  });
  afterEach(() => vi.useRealTimers());

  it('sends the first delta of a burst at once', () => {
    make().push('Hel');
    expect(sent).toEqual([['Hel', '']]);
  });

  it('merges deltas that arrive within the same frame into one message', () => {
    const coalescer = make();
    coalescer.push('a');
    for (const token of ['b', 'c', 'd']) {
      now += 2;
      coalescer.push(token);
    }
    expect(sent).toEqual([['a', '']]);
    now += 10;
    vi.advanceTimersByTime(16);
    expect(sent).toEqual([
      ['a', ''],
      ['bcd', ''],
    ]);
  });

  it('never sends more than one message per frame under a constant stream', () => {
    const coalescer = make();
    for (let i = 0; i < 1_000; i += 1) {
      coalescer.push('x');
      now += 1;
      vi.advanceTimersByTime(1);
    }
    coalescer.flush();
    expect(sent.map(([text]) => text).join('')).toBe('x'.repeat(1_000));
    // 1,000 ms of tokens at one per millisecond: about one message per 16 ms frame.
    expect(sent.length).toBeLessThanOrEqual(1_000 / 16 + 2);
    expect(sent.length).toBeGreaterThan(1_000 / 16 - 2);
  });

  it('keeps text and reasoning apart when merging', () => {
    const coalescer = make();
    coalescer.push('', 'think');
    coalescer.push('', 'ing');
    coalescer.push('Answer');
    coalescer.flush();
    expect(sent).toEqual([
      ['', 'think'],
      ['Answer', 'ing'],
    ]);
  });

  it('flush sends held text immediately and dispose drops it', () => {
    const coalescer = make();
    coalescer.push('a');
    coalescer.push('b');
    coalescer.flush();
    coalescer.push('c');
    coalescer.dispose();
    vi.advanceTimersByTime(100);
    expect(sent).toEqual([
      ['a', ''],
      ['b', ''],
    ]);
  });
});
