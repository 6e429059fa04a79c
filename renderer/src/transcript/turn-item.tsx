import { memo } from 'react';
import { UserMessage } from '../branches/user-message';
import { ActiveReplyView } from './reply-view';
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
  return (
    <div className={live ? 'turn' : 'turn turn-settled'}>
      <UserMessage turnId={turn.id} text={turn.userText} attachments={turn.attachments} />
      <ActiveReplyView turn={turn} isLastTurn={isLast} />
    </div>
  );
});
