/**
 * Where the main window goes: the size, position and maximized state last used with this set
 * of displays, moved back on screen when a display has gone. Pure maths, unit-tested.
 */

/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as this module needs it (Electron's `Display`). */
export interface DisplayArea {
  bounds: Rect;
  workArea: Rect;
}

/** What is remembered for one display configuration. */
export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/**
 * A name for a set of displays: their bounds, sorted. Docking a laptop gives another name, so a
 * window placed on the big monitor does not come back off screen on the laptop alone.
 */
export function displayKey(displays: readonly DisplayArea[]): string {
  return displays
    .map(({ bounds: b }) => `${b.x},${b.y},${b.width}x${b.height}`)
    .sort()
    .join(';');
}

function overlap(a: Rect, b: Rect): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Bounds that are wholly visible: on the work area the saved bounds overlap most, shrunk to fit
 * it and moved inside it; centred on the first (primary) display when they overlap none.
 * `fallback` sizes a window with nothing saved.
 */
export function visibleBounds(
  saved: Rect | null,
  displays: readonly DisplayArea[],
  fallback: { width: number; height: number },
): Rect | null {
  const primary = displays[0];
  if (!primary) return saved;
  let area = primary.workArea;
  let best = 0;
  for (const display of saved ? displays : []) {
    const shared = overlap(saved as Rect, display.workArea);
    if (shared > best) {
      best = shared;
      area = display.workArea;
    }
  }
  const width = Math.min(saved?.width ?? fallback.width, area.width);
  const height = Math.min(saved?.height ?? fallback.height, area.height);
  if (!saved || best === 0) {
    return {
      x: area.x + Math.round((area.width - width) / 2),
      y: area.y + Math.round((area.height - height) / 2),
      width,
      height,
    };
  }
  return {
    x: clamp(saved.x, area.x, area.x + area.width - width),
    y: clamp(saved.y, area.y, area.y + area.height - height),
    width,
    height,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}

/** The state to open with: this configuration's, made visible; maximized only if it was. */
export function restoreWindowState(
  saved: Readonly<Record<string, WindowState>>,
  displays: readonly DisplayArea[],
  fallback: { width: number; height: number },
): WindowState | null {
  const state = saved[displayKey(displays)] ?? null;
  const bounds = visibleBounds(state?.bounds ?? null, displays, fallback);
  return bounds ? { bounds, maximized: state?.maximized ?? false } : null;
}
