import { memo, useCallback, useEffect, useRef, useState } from 'react';
import {
  Virtuoso,
  type ContextProp,
  type ItemProps,
  type ListRange,
  type VirtuosoHandle,
} from 'react-virtuoso';
import { useServices } from '../app-services';
import { EmptyState } from './empty-state';
import { JumpToLatest } from './jump-to-latest';
import { pageToLoad } from './page-triggers';
import { revealRequests } from './reveal-requests';
import type { TurnView } from './transcript-view';
import { useWindowKeys } from './transcript-window';
import { TurnItem } from './turn-item';
import { useStickToBottom } from './use-stick-to-bottom';
import { useTranscriptView } from './use-transcript';
import './transcript.css';
import { useTranslation } from '../i18n';

/**
 * The list's index of the first turn of the branch. Virtuoso keeps the view still when turns
 * are put before the loaded ones if `firstItemIndex` drops by exactly their number: with
 * `listBase + earlierTurns` it does, and stays positive for any conversation.
 */
export const listBase = 1_000_000_000;

/**
 * How far (px) beyond the view turns are kept mounted. Below: scrolling down a little never
 * shows an empty stretch. Above: none, so a page of older turns put above the view lands with
 * no mounted turn between it and the view, whose real height could differ from the list's
 * estimate and move the view for a frame (react-virtuoso corrects it only after measuring).
 */
const overscan = { top: 0, bottom: 800 };

/** How many screens from either end of the loaded turns count as near it (a page loads). */
const nearScreens = 2;

/** What every list item reads besides its turn. */
interface ItemContext {
  /** How many turns the branch has (loaded or not): the list's set size. */
  readonly total: number;
  /** How many turns of the branch come before the list's first. */
  readonly earlierTurns: number;
  readonly liveTurnId: string | undefined;
}

/**
 * The conversation: a live log of turns that scrolls, following the newest text while the user
 * is at the end. Only the turns near the view are mounted (react-virtuoso measures each one's
 * real height), and only a window of the branch is loaded: older turns load as the reader
 * nears the top, newer ones (after opening a search hit far up) as they near the bottom.
 *
 * The last turn of the branch is not in the virtual list: it sits after it, always mounted, so
 * the reply streaming there is never unmounted however far up the reader scrolls, and it keeps
 * its markdown state (the block splitter) and whatever the reader opened in it.
 *
 * Re-renders on structural change only (a turn, a version, a stream starting or ending, a page);
 * a token re-renders just its reply, and every turn is memoized.
 */
export const Transcript = memo(function Transcript() {
  const { store, actions } = useServices();
  const { t } = useTranslation();
  const view = useTranscriptView(store);
  const keys = useWindowKeys(view);
  const atNewest = view.laterTurns === 0;
  const { scrollRef, contentRef, follow } = useStickToBottom<HTMLDivElement, HTMLDivElement>(
    keys.pin,
    atNewest,
  );
  // Virtuoso scrolls the transcript itself: it needs the element, not a ref to it.
  const [scroller, setScroller] = useState<HTMLDivElement | null>(null);
  const setScrollRef = useCallback(
    (element: HTMLDivElement | null) => {
      scrollRef.current = element;
      setScroller(element);
    },
    [scrollRef],
  );
  const list = useRef<VirtuosoHandle>(null);
  const range = useRef<ListRange | null>(null);

  // The branch's last turn stays out of the virtual list (see above); a window far up has none.
  const tail = atNewest ? view.turns.at(-1) : undefined;
  const listed = tail ? view.turns.slice(0, -1) : view.turns;
  const firstItemIndex = listBase + view.earlierTurns;
  const total = view.earlierTurns + view.turns.length + view.laterTurns;
  const liveTurnId = view.streaming?.turnId;

  // Near either end of what is loaded, load the next page there. Checked a frame after the
  // list's range moves, and again when the view changes (a page landed and the reader is still
  // near that end). Both the mounted range and the scroll position must be near the end: the
  // range alone is near the top while a list that has just mounted is being pinned to the end.
  const frame = useRef(0);
  const loadNear = useCallback(() => {
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => {
      const shown = range.current;
      const element = scrollRef.current;
      // While the view follows the newest text nothing is asked for: the reader is at the end,
      // and a list that has just opened there may still be settling. Nor while a search hit is
      // being brought on screen: the list is on its way there (its first range is wherever it
      // mounted), and a page put before the loaded turns would shift every index under its
      // scroll to the hit's. Checked again once the hit is highlighted.
      if (!shown || !element || follow.isFollowing() || revealRequests.busy()) return;
      const current = store.getView();
      const start = listBase + current.earlierTurns;
      const screens = element.clientHeight * nearScreens;
      const page = pageToLoad({
        first: shown.startIndex - start,
        last: shown.endIndex - start,
        listed: current.turns.length - (current.laterTurns === 0 ? 1 : 0),
        earlierTurns: element.scrollTop <= screens ? current.earlierTurns : 0,
        laterTurns:
          element.scrollHeight - element.scrollTop - element.clientHeight <= screens
            ? current.laterTurns
            : 0,
      });
      if (page === 'earlier') void actions.loadEarlier();
      else if (page === 'later') void actions.loadLater();
    });
  }, [actions, store, scrollRef, follow]);
  useEffect(() => {
    loadNear();
  }, [loadNear, view]);
  // The reader leaving the end (scrolling up) may already be near the top of a short window.
  useEffect(() => follow.subscribe(loadNear), [follow, loadNear]);
  useEffect(() => revealRequests.subscribe(loadNear), [loadNear]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);
  const rangeChanged = useCallback(
    (next: ListRange) => {
      range.current = next;
      loadNear();
    },
    [loadNear],
  );

  // A search hit: scroll the list to its turn, so it mounts and can be highlighted. Its turn
  // goes to the top of the view, not the middle: the list places it by the heights it has
  // (estimates for turns not yet measured), and with the turn at the top no turn above it is
  // mounted, so measuring the turns that mount there moves nothing and the list is done in one
  // scroll. Centred, the turns above it in the view were measured after the scroll and the list
  // corrected twice (mounting and rendering turns each time: ~100 ms a round for 10,000
  // messages; test/bench/README.md, "jump to a search hit").
  const revealFrame = useRef(0);
  useEffect(() => {
    const reveal = () => {
      const messageId = revealRequests.take((id) => turnIndexOf(view.turns, id) >= 0);
      if (messageId === null) return;
      const index = turnIndexOf(view.turns, messageId);
      follow.set(false);
      // The last turn is always mounted: revealing scrolls to it without the list's help. A
      // frame later, so a list that mounted with this view has measured its first turns.
      if (index < listed.length) {
        cancelAnimationFrame(revealFrame.current);
        revealFrame.current = requestAnimationFrame(() => {
          // Again: the scroll event of the transcript's own jump to the end of a newly opened
          // window has just fired, and reaching the end follows again.
          follow.set(false);
          list.current?.scrollToIndex({ index, align: 'start' });
        });
      }
    };
    reveal();
    return revealRequests.subscribe(reveal);
  }, [view, listed.length, follow]);
  useEffect(() => () => cancelAnimationFrame(revealFrame.current), []);

  const itemContent = useCallback(
    (_index: number, turn: TurnView, context: ItemContext) => (
      <TurnItem turn={turn} isLast={false} live={turn.id === context.liveTurnId} />
    ),
    [],
  );

  return (
    <div className="transcript-frame">
      {/* Focusable so keyboard users can scroll it. The log stays silent (aria-live off): the
          reply announcer speaks each reply once it is whole, not every token. */}
      <div
        ref={setScrollRef}
        className="transcript"
        role="log"
        aria-label={t('transcript.label')}
        aria-live="off"
        tabIndex={0}
      >
        <div ref={contentRef} className="transcript-column">
          {view.turns.length === 0 ? <EmptyState /> : null}
          {/* One list in reading order: the virtual list's turns, then the last one. */}
          <div role="list" className="transcript-turns">
            {scroller && listed.length > 0 ? (
              <Virtuoso<TurnView, ItemContext>
                key={keys.list}
                ref={list}
                customScrollParent={scroller}
                data={listed}
                firstItemIndex={firstItemIndex}
                computeItemKey={turnKey}
                itemContent={itemContent}
                context={{ total, earlierTurns: view.earlierTurns, liveTurnId }}
                increaseViewportBy={overscan}
                skipAnimationFrameInResizeObserver
                rangeChanged={rangeChanged}
                components={listComponents}
              />
            ) : null}
            {tail ? (
              <div
                role="listitem"
                className="transcript-item"
                aria-posinset={view.earlierTurns + view.turns.length}
                aria-setsize={total}
              >
                <TurnItem turn={tail} isLast live={tail.id === liveTurnId} />
              </div>
            ) : null}
          </div>
        </div>
      </div>
      <JumpToLatest
        follow={follow}
        onJumped={() => {
          scrollRef.current?.focus({ preventScroll: true });
          // Far up the branch, the newest turns are not loaded: load them (and land there).
          if (store.getView().laterTurns > 0) void actions.loadLatest();
        }}
      />
    </div>
  );
});

/** Where in `turns` the message is: a user message's turn id, or one of a turn's reply ids. */
function turnIndexOf(turns: readonly TurnView[], messageId: string): number {
  return turns.findIndex((turn) => turn.id === messageId || turn.replyIds.includes(messageId));
}

function turnKey(_index: number, turn: TurnView): string {
  return turn.id;
}

/**
 * Each virtual item is a list item of the transcript's one list, numbered in the whole branch
 * (so a screen reader says "12 of 300" though only a few are mounted). `flow-root` keeps a
 * turn's margins inside the box Virtuoso measures.
 */
function TurnSlot({
  item: _item,
  context,
  children,
  ...props
}: ItemProps<TurnView> & ContextProp<ItemContext>) {
  return (
    <div
      {...props}
      role="listitem"
      className="transcript-item"
      aria-posinset={context.earlierTurns + props['data-index'] + 1}
      aria-setsize={context.total}
    >
      {children}
    </div>
  );
}

const listComponents = { Item: TurnSlot };
