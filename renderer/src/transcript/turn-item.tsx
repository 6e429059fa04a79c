import { memo } from 'react';
import { ReplyView } from './reply-view';
import type { TurnView } from './transcript-view';

/** A user message and the version of the reply being looked at; skips re-render on tokens. */
export const TurnItem = memo(function TurnItem({
  turn,
  isLast,
}: {
  turn: TurnView;
  isLast: boolean;
}) {
  const replyId = turn.replyIds[turn.activeReply];
  return (
    <li className="turn">
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
