import { useEffect, useLayoutEffect, useRef, useState } from 'react';

/** How close to the end (px) counts as "at the latest" when the user scrolls back down. */
const threshold = 48;

/** Keys that scroll a focused scroller upwards. */
const upKeys = new Set(['ArrowUp', 'PageUp', 'Home']);

/**
 * Whether the transcript follows new text. Kept outside React so a scroll never re-renders the
 * transcript: only the "Jump to latest" button subscribes to it.
 */
export class FollowState {
  private following = true;
  private readonly listeners = new Set<() => void>();
  private scrollToEnd: () => void = () => undefined;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** True while the view sticks to the newest text. */
  readonly isFollowing = (): boolean => this.following;

  /** Follow (or stop following) the newest text. */
  set(following: boolean): void {
    if (following === this.following) return;
    this.following = following;
    for (const listener of [...this.listeners]) listener();
  }

  /** Give it the way to scroll to the end; returns the way to take it back. */
  attach(scrollToEnd: () => void): () => void {
    this.scrollToEnd = scrollToEnd;
    return () => {
      if (this.scrollToEnd === scrollToEnd) this.scrollToEnd = () => undefined;
    };
  }

  /** Scroll to the newest text and follow it again. */
  readonly jump = (): void => {
    this.set(true);
    this.scrollToEnd();
  };
}

/**
 * Keep a scroll container at its end while its content grows, until the user scrolls up; then
 * leave the view exactly where they put it. Growth is seen by a ResizeObserver on the content
 * (one callback per frame after layout), never by reading layout per token. Upward intent is
 * read from wheel and keys at once (so a threaded scroll never races a snap back) and from the
 * scroll position moving up while the content did not shrink (scrollbar drags, touch). Scrolling
 * back near the end follows again. A new `pinKey` (a new message, a new version) goes to the end.
 *
 * `atNewest` is false while the content's end is not the newest text (a window of turns far up
 * the conversation, opened at a search hit): then the end is just where the next page loads,
 * so reaching it does not follow, and nothing snaps to it as pages arrive.
 */
export function useStickToBottom<S extends HTMLElement, C extends HTMLElement>(
  pinKey: unknown,
  atNewest = true,
) {
  const scrollRef = useRef<S>(null);
  const contentRef = useRef<C>(null);
  const [follow] = useState(() => new FollowState());
  // Read by the listeners below, which live as long as the scroller.
  const newestRef = useRef(atNewest);
  useLayoutEffect(() => {
    newestRef.current = atNewest;
  }, [atNewest]);

  useEffect(() => {
    const scroller = scrollRef.current;
    const content = contentRef.current;
    if (!scroller || !content) return;
    let lastTop = scroller.scrollTop;
    let lastHeight = scroller.scrollHeight;

    const toEnd = () => {
      // Far up the branch the end is only the loaded window's: the newest turns load instead.
      if (!newestRef.current) return;
      scroller.scrollTop = scroller.scrollHeight;
      lastTop = scroller.scrollTop;
      lastHeight = scroller.scrollHeight;
    };
    const detach = follow.attach(toEnd);

    const onScroll = () => {
      const { scrollTop, scrollHeight, clientHeight } = scroller;
      // A position that moved up while the content did not shrink is the user's doing.
      const movedUp = scrollTop < lastTop - 1 && scrollHeight >= lastHeight;
      if (movedUp) follow.set(false);
      else if (scrollHeight - scrollTop - clientHeight <= threshold && newestRef.current) {
        follow.set(true);
      }
      lastTop = scrollTop;
      lastHeight = scrollHeight;
    };
    const onWheel = (event: WheelEvent) => {
      if (event.deltaY < 0) follow.set(false);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (upKeys.has(event.key) || (event.key === ' ' && event.shiftKey)) follow.set(false);
    };
    // Every browser has it; a DOM without layout (jsdom) has nothing to observe.
    const resized =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => {
            if (follow.isFollowing()) toEnd();
            else lastHeight = scroller.scrollHeight;
          });

    resized?.observe(content);
    resized?.observe(scroller);
    scroller.addEventListener('scroll', onScroll, { passive: true });
    scroller.addEventListener('wheel', onWheel, { passive: true });
    scroller.addEventListener('keydown', onKeyDown);
    return () => {
      resized?.disconnect();
      scroller.removeEventListener('scroll', onScroll);
      scroller.removeEventListener('wheel', onWheel);
      scroller.removeEventListener('keydown', onKeyDown);
      detach();
    };
  }, [follow]);

  // Before paint, so a new message never shows a frame of the old position. (After the effect
  // above has read `atNewest` for this render: layout effects run in order.)
  useLayoutEffect(() => {
    follow.set(newestRef.current);
    const scroller = scrollRef.current;
    if (scroller) scroller.scrollTop = scroller.scrollHeight;
  }, [follow, pinKey]);

  return { scrollRef, contentRef, follow };
}
