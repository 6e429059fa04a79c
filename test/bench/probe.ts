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
 * not have, so the script brings a stand-in.
 */
export function probeScript(): { content: string } {
  return { content: `var __name = (f) => f;\n(${installProbe.toString()})();` };
}
