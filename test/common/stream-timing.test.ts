import { describe, expect, it } from 'vitest';
import {
  coalesceWindowMs,
  frameMs,
  hiddenPageFallbackMs,
  quietGapMs,
} from '../../common/stream-timing';

describe('stream timing', () => {
  it('main holds a token at most one frame before the page batches it', () => {
    expect(coalesceWindowMs).toBeGreaterThan(0);
    expect(coalesceWindowMs).toBeLessThanOrEqual(frameMs);
  });

  it('keeps a busy stream on the page once-a-frame path', () => {
    // Messages one window apart must never look like a quiet gap, or each would paint at once.
    expect(quietGapMs).toBeGreaterThan(coalesceWindowMs);
    expect(quietGapMs).toBeGreaterThanOrEqual(frameMs);
    expect(hiddenPageFallbackMs).toBeGreaterThan(quietGapMs);
  });

  it('bounds IPC: at most one delta message a frame per stream (~60 a second)', () => {
    expect(1_000 / coalesceWindowMs).toBeLessThanOrEqual(1_000 / frameMs);
  });
});
