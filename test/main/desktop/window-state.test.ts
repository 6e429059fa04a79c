import { describe, expect, it } from 'vitest';
import {
  displayKey,
  restoreWindowState,
  visibleBounds,
  type DisplayArea,
} from '../../../main/desktop/window-state';

const laptop: DisplayArea = {
  bounds: { x: 0, y: 0, width: 1440, height: 900 },
  workArea: { x: 0, y: 25, width: 1440, height: 875 },
};
const monitor: DisplayArea = {
  bounds: { x: 1440, y: -300, width: 2560, height: 1440 },
  workArea: { x: 1440, y: -300, width: 2560, height: 1400 },
};
const fallback = { width: 1100, height: 800 };

describe('visibleBounds', () => {
  it('keeps bounds that are already on a display', () => {
    const saved = { x: 100, y: 60, width: 900, height: 700 };
    expect(visibleBounds(saved, [laptop, monitor], fallback)).toEqual(saved);
  });

  it('keeps a window on the second display where it was', () => {
    const saved = { x: 2000, y: 0, width: 1600, height: 1000 };
    expect(visibleBounds(saved, [laptop, monitor], fallback)).toEqual(saved);
  });

  it('centres on the primary display when the display it was on is gone', () => {
    const saved = { x: 2000, y: 0, width: 1000, height: 700 };
    expect(visibleBounds(saved, [laptop], fallback)).toEqual({
      x: 220,
      y: 25 + 88,
      width: 1000,
      height: 700,
    });
  });

  it('shrinks a window larger than the display and moves it inside', () => {
    const saved = { x: 1700, y: 0, width: 2400, height: 1600 };
    // The right edge comes back to the display's (1440 + 2560 - 2400 = 1600).
    expect(visibleBounds(saved, [monitor], fallback)).toEqual({
      x: 1600,
      y: -300,
      width: 2400,
      height: 1400,
    });
    expect(visibleBounds(saved, [laptop, monitor], fallback)?.height).toBeLessThanOrEqual(1400);
  });

  it('pulls back a window hanging off the edge (title bar above the screen)', () => {
    const saved = { x: -400, y: -200, width: 800, height: 600 };
    expect(visibleBounds(saved, [laptop], fallback)).toEqual({
      x: 0,
      y: 25,
      width: 800,
      height: 600,
    });
  });

  it('puts the first window in the middle of the primary display', () => {
    expect(visibleBounds(null, [laptop, monitor], fallback)).toEqual({
      x: 170,
      y: 25 + 38,
      width: 1100,
      height: 800,
    });
  });

  it('leaves placement to the OS when no display is known', () => {
    expect(visibleBounds(null, [], fallback)).toBeNull();
  });
});

describe('per display configuration', () => {
  it('names a set of displays regardless of their order', () => {
    expect(displayKey([laptop, monitor])).toBe(displayKey([monitor, laptop]));
    expect(displayKey([laptop])).not.toBe(displayKey([laptop, monitor]));
  });

  it('restores the place saved for these displays, maximized or not', () => {
    const docked = { bounds: { x: 2000, y: 0, width: 1600, height: 1000 }, maximized: true };
    const alone = { bounds: { x: 50, y: 50, width: 800, height: 600 }, maximized: false };
    const saved = {
      [displayKey([laptop, monitor])]: docked,
      [displayKey([laptop])]: alone,
    };
    expect(restoreWindowState(saved, [laptop, monitor], fallback)).toEqual(docked);
    expect(restoreWindowState(saved, [laptop], fallback)).toEqual(alone);
  });

  it('opens a configuration never seen before centred and not maximized', () => {
    expect(restoreWindowState({}, [laptop], fallback)).toEqual({
      bounds: { x: 170, y: 63, width: 1100, height: 800 },
      maximized: false,
    });
  });
});
