/**
 * The two throttles on a token's path, defined together because each is chosen from the other
 * (docs/architecture.md, "The coalescer and the frame scheduler, together"). The rule is to batch
 * once, not twice: the page already paints at most once a frame, so main only bounds how many
 * IPC messages a fast stream sends, with a window far shorter than a frame; a frame-long window
 * in main plus a frame on the page added up to two frames of delay (receive-to-paint p95 ~32 ms).
 *
 * - main's `DeltaCoalescer` sends at most one delta message per `coalesceWindowMs` per stream,
 *   the first after a quiet spell at once;
 * - the page's frame scheduler paints a delta at once (in a microtask) only after a quiet gap of
 *   `quietGapMs` with no flush, else in the next animation frame: the one batching that users see.
 *
 * `quietGapMs` must stay above `coalesceWindowMs` (and at least a frame): while a stream is busy
 * the coalescer's messages arrive one window apart, and each must fall on the once-a-frame path,
 * never look like the start of a new burst.
 */

/** One frame at 60 Hz, in ms. */
export const frameMs = 16;

/**
 * main's coalescing window, in ms: one frame. It caps IPC at ~60 delta messages a second per
 * stream, however fast the provider. A quarter frame (4 ms) was tried in session 4 to batch once
 * instead of twice: in the browser harness the page then fell seconds behind (its bridge could
 * not carry ~250 messages a second; receive-to-paint p95 6.9 s against 41 ms at 16 ms), so the
 * window stays a frame until the IPC path is measured in Electron itself.
 */
export const coalesceWindowMs = 16;

/** No flush for this long, in ms, counts as a quiet gap on the page (a frame and a half). */
export const quietGapMs = Math.ceil(frameMs * 1.5);

/** The page's timer that races a paused requestAnimationFrame in a hidden window, in ms. */
export const hiddenPageFallbackMs = 100;
