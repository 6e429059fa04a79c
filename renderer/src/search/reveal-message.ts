import { revealRequests } from '../transcript/reveal-requests';

/** How long an opened search hit stays highlighted. */
export const revealHighlightMs = 2_400;

/** How long to wait for the message to be mounted (long conversations mount older turns later). */
const mountTimeoutMs = 5_000;

function findMessage(messageId: string): HTMLElement | undefined {
  // Compared as data, not built into a selector: an id is never parsed as CSS.
  return [...document.querySelectorAll<HTMLElement>('[data-message-id]')].find(
    (element) => element.dataset.messageId === messageId,
  );
}

/**
 * Scroll a message into view and highlight it for a moment (opening a search hit). The message
 * is highlighted as soon as it mounts (the transcript is scrolling its list to it, its turn at
 * the top of the view; the reader sees it highlighted the moment it comes on screen). Then this
 * waits for the transcript to finish its own jump to the end of the newly opened conversation
 * (two frames), and scrolls the message fully into view, as little as it takes (a reply below
 * its question may reach past the bottom), in a task of its own so the transcript reads the
 * move as the reader's and stops following the end. The element is looked up again then: the virtual list may have unmounted
 * the one first seen (it mounts only turns near the view, and its own scroll to the turn can
 * pass it by), and a node out of the document can be neither scrolled to nor seen highlighted;
 * if it is gone, this waits for the message to mount again. Tells `revealRequests` when it is
 * done (or gives up), so the transcript may load pages again. Returns the way to cancel.
 */
export function revealMessage(messageId: string): () => void {
  let observer: MutationObserver | undefined;
  let frame = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let clearTimer: ReturnType<typeof setTimeout> | undefined;
  let revealed: HTMLElement | undefined;
  const finish = () => {
    observer?.disconnect();
    clearTimeout(giveUp);
    revealRequests.done(messageId);
  };
  const giveUp = setTimeout(finish, mountTimeoutMs);
  // The transcript mounts only turns near the view: have it scroll its list to the message.
  revealRequests.request(messageId);

  // A data attribute, not a class: React owns className and would wipe it on re-render.
  const mark = (element: HTMLElement) => {
    if (revealed && revealed !== element) delete revealed.dataset.revealed;
    element.dataset.revealed = 'true';
    revealed = element;
  };

  const show = () => {
    const element = findMessage(messageId);
    if (!element) return waitForMount();
    mark(element);
    if (typeof element.scrollIntoView === 'function') {
      element.scrollIntoView({ block: 'nearest' });
    }
    clearTimer = setTimeout(() => delete element.dataset.revealed, revealHighlightMs);
    finish();
  };

  const mounted = (element: HTMLElement) => {
    observer?.disconnect();
    mark(element);
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(() => {
      frame = requestAnimationFrame(() => {
        timer = setTimeout(show, 0);
      });
    });
  };

  function waitForMount() {
    const element = findMessage(messageId);
    if (element) return mounted(element);
    observer = new MutationObserver(() => {
      const found = findMessage(messageId);
      if (found) mounted(found);
    });
    observer.observe(document.body, { childList: true, subtree: true });
  }
  waitForMount();

  return () => {
    finish();
    cancelAnimationFrame(frame);
    clearTimeout(timer);
    clearTimeout(clearTimer);
    if (revealed) delete revealed.dataset.revealed;
  };
}
