/**
 * The in-page half of the benchmark, installed with `page.addInitScript(installProbe)` so it
 * runs before the app on every load. Serialized into the page: it may use nothing from outside.
 */

/** A long task or long animation frame the page's own PerformanceObserver reported (≥ 50 ms). */
export interface LongEntry {
  type: 'longtask' | 'long-animation-frame';
  start: number;
  duration: number;
}

/** What the probe keeps on `window.__bench`. */
export interface BenchProbe {
  long: LongEntry[];
  /** Epoch ms when each marker («n») was first seen painted in the last reply. */
  paintedMarker: Record<number, number>;
  /** performance.now() after the first paint that showed a turn, or null. */
  firstTurnPaint: number | null;
  /**
   * performance.now() after the first paint that showed the message named by sessionStorage's
   * `bench:target` (its `data-message-id`) inside the viewport with the transcript filled and
   * scrolled to its end, or null (none named, or not yet).
   */
  targetPaint: number | null;
  /** performance.now() after the first paint that showed the composer's textbox enabled, or null. */
  composerPaint: number | null;
  /** Text deltas as they reached the page over IPC while watching: [performance.now(), text]. */
  received: Array<[number, string]>;
  /** Start watching the last reply: a user-timing mark per DOM update, markers if asked. */
  watch(options: { markers: boolean }): void;
  unwatch(): void;
}

/** Runs in the page: PerformanceObservers, and a MutationObserver on the transcript. */
export function installProbe(): void {
  const probe: BenchProbe = {
    long: [],
    paintedMarker: {},
    firstTurnPaint: null,
    targetPaint: null,
    composerPaint: null,
    received: [],
    watch: () => undefined,
    unwatch: () => undefined,
  };
  const page = window as unknown as {
    __bench: BenchProbe;
    __parleyDispatch?: (channel: string, payload: unknown) => void;
  };
  page.__bench = probe;
  performance.mark('bench:load');
  let watching = false;

  // The harness delivers IPC through this function (defined by the bridge's init script, which
  // runs first): log each delta so the naive baseline can replay exactly the same input.
  const dispatch = page.__parleyDispatch;
  if (dispatch) {
    page.__parleyDispatch = (channel, payload) => {
      const event = payload as { type?: string; text?: string };
      if (watching && event.type === 'delta' && event.text) {
        // The first text since `watch`: updates from here on are the text's, not what came before.
        if (probe.received.length === 0) performance.mark('bench:text');
        probe.received.push([performance.now(), event.text]);
      }
      dispatch(channel, payload);
    };
  }

  for (const type of ['longtask', 'long-animation-frame'] as const) {
    try {
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) {
          probe.long.push({ type, start: entry.startTime, duration: entry.duration });
        }
      }).observe({ type, buffered: true });
    } catch {
      // Not supported: the trace still has every task.
    }
  }

  // "After paint": a task queued from inside a frame runs once that frame has been painted.
  const afterPaint = (callback: () => void) => requestAnimationFrame(() => setTimeout(callback, 0));

  // Whether the page is inside a frame (a requestAnimationFrame callback ran and the frame has
  // not been painted yet): the store commits either there or in a microtask between frames,
  // and the probe must tell the two apart to know which paint shows a change.
  let inFrame = false;
  const nativeFrame = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    nativeFrame((time) => {
      if (!inFrame) {
        inFrame = true;
        setTimeout(() => (inFrame = false), 0);
      }
      callback(time);
    });

  // The first paint of a turn (opening a conversation).
  const firstTurn = new MutationObserver(() => {
    if (!document.querySelector('.turn')) return;
    firstTurn.disconnect();
    afterPaint(() => (probe.firstTurnPaint = performance.now()));
  });
  firstTurn.observe(document, { childList: true, subtree: true });

  // The named message in the viewport, and the composer ready for typing: checked every frame
  // (scrolling moves things without a DOM change), until both are seen or 30 s have passed.
  const target = sessionStorage.getItem('bench:target');
  const until = performance.now() + 30_000;
  const checkFrame = () => {
    if (probe.composerPaint === null) {
      const composer = document.querySelector('textarea[aria-label="Message"]');
      if (composer instanceof HTMLTextAreaElement && !composer.disabled && !composer.readOnly) {
        probe.composerPaint = -1;
        afterPaint(() => (probe.composerPaint = performance.now()));
      }
    }
    if (target !== null && probe.targetPaint === null) {
      const element = [...document.querySelectorAll<HTMLElement>('[data-message-id]')].find(
        (candidate) => candidate.dataset.messageId === target,
      );
      const box = element?.getBoundingClientRect();
      // Where the reader will read it: on screen, with the transcript filled and at its end
      // (before the list above it has rendered, the newest turn shows alone at the top).
      const log = document.querySelector<HTMLElement>('[role="log"]');
      const settled =
        log !== null &&
        log.scrollHeight > log.clientHeight &&
        log.scrollHeight - log.scrollTop - log.clientHeight < 2;
      if (box && box.bottom > 0 && box.top < window.innerHeight && box.height > 0 && settled) {
        probe.targetPaint = -1;
        afterPaint(() => (probe.targetPaint = performance.now()));
      }
    }
    const done = probe.composerPaint !== null && (target === null || probe.targetPaint !== null);
    if (!done && performance.now() < until) nativeFrame(checkFrame);
  };
  nativeFrame(checkFrame);

  let watcher: MutationObserver | null = null;
  probe.watch = ({ markers }) => {
    probe.unwatch();
    probe.paintedMarker = {};
    probe.received = [];
    probe.long = [];
    watching = true;
    let seen = -1;
    let readQueued = false;
    let framePending = false;
    const readMarkers = () => {
      readQueued = false;
      const bodies = document.querySelectorAll('[data-testid="reply-text"]');
      const text = bodies[bodies.length - 1]?.textContent ?? '';
      const end = text.lastIndexOf('»');
      const start = end < 0 ? -1 : text.lastIndexOf('«', end);
      const last = start < 0 ? -1 : Number(text.slice(start + 1, end));
      if (!Number.isInteger(last) || last <= seen) return;
      const at = performance.timeOrigin + performance.now();
      // Marker numbers only increase: every one up to the last is on screen now.
      for (let marker = seen + 1; marker <= last; marker++) probe.paintedMarker[marker] = at;
      seen = last;
    };
    watcher = new MutationObserver(() => {
      performance.mark('bench:update');
      if (inFrame) {
        // Inside a frame (a commit in requestAnimationFrame): a task queued now runs after
        // that frame is painted.
        if (markers && !readQueued) setTimeout(readMarkers, 0);
        readQueued ||= markers;
        return;
      }
      // Between frames (a commit in a microtask): the coming frame paints it. That frame's
      // style, layout and paint belong to the update's cost, so it carries a mark too.
      if (framePending) return;
      framePending = true;
      nativeFrame(() => {
        performance.mark('bench:frame');
        setTimeout(() => {
          framePending = false;
          if (markers) readMarkers();
        }, 0);
      });
    });
    const root = document.querySelector('[role="log"]') ?? document.body;
    watcher.observe(root, { childList: true, subtree: true, characterData: true });
  };
  probe.unwatch = () => {
    watching = false;
    watcher?.disconnect();
    watcher = null;
  };
}

/**
 * The probe as an init script. tsx keeps function names with a `__name` helper the page does
 * not have, so the script brings a stand-in (also for the functions the scenarios evaluate).
 */
export function probeScript(): { content: string } {
  // On the page's global object too: functions handed to `page.evaluate` need it as well.
  return {
    content: `globalThis.__name = (f) => f;\nvar __name = globalThis.__name;\n(${installProbe.toString()})();`,
  };
}
