import { memo } from 'react';
import { ReplyView } from './reply-view';
import type { TurnView } from './transcript-view';

interface TurnItemProps {
  turn: TurnView;
  isLast: boolean;
  /** True while this turn's reply streams: it is laid out in full, never skipped. */
  live: boolean;
}

/**
 * A user message and the version of the reply being looked at. Memoized: a token re-renders
 * only the reply that subscribed to it, never the turn. A settled turn is `turn-settled`, which
 * lets the browser skip its layout and paint while it is off screen (see transcript.css).
 */
export const TurnItem = memo(function TurnItem({ turn, isLast, live }: TurnItemProps) {
  const replyId = turn.replyIds[turn.activeReply];
  return (
    <li className={live ? 'turn' : 'turn turn-settled'}>
      <article className="user-message" aria-label="Your message">
        {/* Plain text on purpose: what the user typed is never parsed as markup. */}
        <p className="user-message-text">{turn.userText}</p>
      </article>
      {replyId !== undefined ? (
        <ReplyView
          key={replyId}
          turnId={turn.id}
          replyId={replyId}
          version={turn.activeReply}
          versionCount={turn.replyIds.length}
          isLastTurn={isLast}
        />
      ) : null}
    </li>
  );
});
