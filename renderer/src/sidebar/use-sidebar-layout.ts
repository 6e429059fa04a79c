/**
 * Where the sidebar is and whether it shows. In a wide window it sits beside the conversation
 * and the ☰ button shows or hides it (it starts shown). Below `overlayBelowPx` it would squeeze
 * the conversation, so it becomes an overlay over it instead: it starts closed (also when the
 * window is made narrow), opens from ☰, and closes on Escape, on a click outside (the scrim)
 * and after a conversation is chosen (issue 14).
 */
import { useCallback, useState, useSyncExternalStore } from 'react';

/** Below this window width (CSS px) the sidebar is an overlay. */
export const overlayBelowPx = 720;

const narrowQuery = `(max-width: ${overlayBelowPx - 0.02}px)`;

function subscribeNarrow(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined;
  const query = window.matchMedia(narrowQuery);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** True when the window is narrower than `overlayBelowPx` (false where matchMedia is missing). */
function isNarrow(): boolean {
  return typeof window.matchMedia === 'function' && window.matchMedia(narrowQuery).matches;
}

/** The sidebar's layout now, and what the shell does with it. */
export interface SidebarLayout {
  /** The window is narrow: the sidebar is an overlay with a scrim. */
  overlay: boolean;
  /** The sidebar is on screen (beside the conversation, or as the open overlay). */
  shown: boolean;
  /** ☰: show or hide it. */
  toggle(): void;
  /** Close the overlay (Escape, the scrim, a conversation chosen); nothing in a wide window. */
  dismiss(): void;
}

/** The sidebar's layout state; the wide and the narrow choice are kept apart. */
export function useSidebarLayout(): SidebarLayout {
  const overlay = useSyncExternalStore(subscribeNarrow, isNarrow);
  const [wideShown, setWideShown] = useState(true);
  const [overlayOpen, setOverlayOpen] = useState(false);

  // Made narrow (or wide again): the overlay starts closed. Adjusted while rendering, as React
  // advises for state that follows a changed input (react.dev, "You might not need an effect").
  const [seenOverlay, setSeenOverlay] = useState(overlay);
  if (seenOverlay !== overlay) {
    setSeenOverlay(overlay);
    setOverlayOpen(false);
  }

  const toggle = useCallback(() => {
    if (overlay) setOverlayOpen((open) => !open);
    else setWideShown((shown) => !shown);
  }, [overlay]);
  const dismiss = useCallback(() => setOverlayOpen(false), []);

  return { overlay, shown: overlay ? overlayOpen : wideShown, toggle, dismiss };
}
