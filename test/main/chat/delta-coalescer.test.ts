import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaCoalescer } from '../../../main/chat/delta-coalescer';
import { coalesceWindowMs, frameMs } from '../../../common/stream-timing';

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

  it('by default holds a token well under a frame and caps a 3,000 tok/s stream at one message per window', () => {
    // The page batches per frame; main's window only bounds the IPC rate (batch once, not twice).
    const arrivals = new Map<string, number>();
    const delays: number[] = [];
    const coalescer = new DeltaCoalescer(
      (text) => {
        for (const token of text.split(' ').filter(Boolean)) {
          delays.push(now - (arrivals.get(token) ?? Number.NaN));
        }
        sent.push([text, '']);
      },
      undefined,
      () => now,
    );
    // One second at 3,000 tokens a second: a token every third of a millisecond.
    for (let i = 0; i < 3_000; i += 1) {
      arrivals.set(`t${i}`, now);
      coalescer.push(`t${i} `);
      const step = i % 3 === 2 ? 0.34 : 0.33;
      now += step;
      vi.advanceTimersByTime(step);
    }
    coalescer.flush();
    expect(delays).toHaveLength(3_000);
    expect(Math.max(...delays)).toBeLessThanOrEqual(coalesceWindowMs + 0.5);
    expect(coalesceWindowMs).toBeLessThanOrEqual(frameMs);
    expect(sent.length).toBeLessThanOrEqual(1_000 / coalesceWindowMs + 2);
    expect(sent.length).toBeGreaterThan(1_000 / coalesceWindowMs / 2);
  });
});
