import { describe, expect, it } from 'vitest';
import { nearTurns, pageToLoad } from '../../../renderer/src/transcript/page-triggers';

const at = (first: number, last: number, earlierTurns = 0, laterTurns = 0) =>
  pageToLoad({ first, last, listed: 30, earlierTurns, laterTurns });

describe('pageToLoad', () => {
  it('asks for older turns once the mounted turns come near the top of the window', () => {
    expect(at(nearTurns + 1, 20, 100)).toBeNull();
    expect(at(nearTurns, 10, 100)).toBe('earlier');
    expect(at(0, 5, 100)).toBe('earlier');
    // The first turn of the branch is loaded: nothing before it to ask for.
    expect(at(0, 5, 0)).toBeNull();
  });

  it('asks for newer turns near the bottom only when some are not loaded', () => {
    expect(at(10, 29 - nearTurns - 1, 0, 40)).toBeNull();
    expect(at(10, 29 - nearTurns, 0, 40)).toBe('later');
    expect(at(20, 29, 0, 0)).toBeNull();
  });

  it('older first when a short window is near both ends', () => {
    expect(at(0, 29, 5, 5)).toBe('earlier');
  });
});
