import { useEffect, useRef } from 'react';

/** How close to the bottom (px) still counts as "reading the latest". */
const threshold = 48;

/**
 * Keep a scroll container pinned to its end while content grows, unless the user scrolled up
 * to read. Watches DOM mutations because tokens re-render single replies, not this container.
 * A new `pinKey` (say, the number of turns) pins it again: a new message is always shown.
 */
export function useStickToBottom<T extends HTMLElement>(pinKey: unknown) {
  const ref = useRef<T>(null);
  const pinned = useRef(true);

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const onScroll = () => {
      const gap = element.scrollHeight - element.scrollTop - element.clientHeight;
      pinned.current = gap <= threshold;
    };
    const observer = new MutationObserver(() => {
      if (pinned.current) element.scrollTop = element.scrollHeight;
    });
    observer.observe(element, { childList: true, subtree: true, characterData: true });
    element.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      observer.disconnect();
      element.removeEventListener('scroll', onScroll);
    };
  }, []);

  useEffect(() => {
    pinned.current = true;
    const element = ref.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [pinKey]);

  return ref;
}
