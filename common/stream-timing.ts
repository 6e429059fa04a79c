/**
 * The two throttles on a token's path, defined together because each is chosen from the other
 * (docs/architecture.md, "The coalescer and the frame scheduler, together"):
 *
 * - main's `DeltaCoalescer` sends at most one delta message per `coalesceFrameMs` per stream,
 *   the first of a burst at once;
 * - the page's frame scheduler paints a delta at once (in a microtask) only after a quiet gap of
 *   `quietGapMs` with no flush, else in the next animation frame.
 *
 * `quietGapMs` must stay above `coalesceFrameMs`: while a stream is busy the coalescer's messages
 * arrive one frame apart, and each must fall on the once-a-frame path, never look like the start
 * of a new burst. A frame and a half leaves room for timer and IPC jitter.
 */

/** One frame at 60 Hz, in ms: the coalescer's window. */
export const coalesceFrameMs = 16;

/** No flush for this long, in ms, counts as a quiet gap on the page (a frame and a half). */
export const quietGapMs = Math.ceil(coalesceFrameMs * 1.5);

/** The page's timer that races a paused requestAnimationFrame in a hidden window, in ms. */
export const hiddenPageFallbackMs = 100;
