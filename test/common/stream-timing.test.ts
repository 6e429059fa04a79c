import { describe, expect, it } from 'vitest';
import {
  coalesceWindowMs,
  frameMs,
  hiddenPageFallbackMs,
  quietGapMs,
} from '../../common/stream-timing';

describe('stream timing', () => {
  it('batches once: main holds a token for a fraction of the frame the page batches by', () => {
    // Main's window plus the page's frame is the added delay; two frames was ~32 ms at p95,
    // over the 25 ms receive-to-paint target (issue 15).
    expect(coalesceWindowMs).toBeGreaterThan(0);
    expect(coalesceWindowMs + frameMs).toBeLessThanOrEqual(20);
  });

  it('keeps a busy stream on the page once-a-frame path', () => {
    // Messages one window apart must never look like a quiet gap, or each would paint at once.
    expect(quietGapMs).toBeGreaterThan(coalesceWindowMs);
    expect(quietGapMs).toBeGreaterThanOrEqual(frameMs);
    expect(hiddenPageFallbackMs).toBeGreaterThan(quietGapMs);
  });

  it('bounds IPC: at most 250 delta messages a second per stream', () => {
    expect(1_000 / coalesceWindowMs).toBeLessThanOrEqual(250);
  });
});
