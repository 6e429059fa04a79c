import { memo } from 'react';
import { useServices } from '../app-services';
import { EmptyState } from './empty-state';
import { JumpToLatest } from './jump-to-latest';
import { TurnItem } from './turn-item';
import { turnGroups } from './turn-groups';
import { useMountedTurns } from './use-mounted-turns';
import { useStickToBottom } from './use-stick-to-bottom';
import { useTranscriptView } from './use-transcript';
import './transcript.css';
import { useTranslation } from '../i18n';

/**
 * The conversation: a live log of turns that scrolls, following the newest text while the user
 * is at the end. Re-renders on structural change only (a turn, a version, a stream starting or
 * ending); a token re-renders just its reply, and every turn is memoized.
 */
export const Transcript = memo(function Transcript() {
  const { store } = useServices();
  const { t } = useTranslation();
  const view = useTranscriptView(store);
  const turns = useMountedTurns(view, (turn) => {
    const replyId = turn.replyIds[turn.activeReply];
    const reply = replyId === undefined ? undefined : store.getReply(replyId);
    return turn.userText.length + (reply?.text.length ?? 0);
  });
  const last = view.turns.at(-1);
  // A new message or a new version of the last reply brings the view back to the end.
  const pinKey = last ? `${last.id}:${last.replyIds.length}` : view.conversationId;
  const { scrollRef, contentRef, follow } = useStickToBottom<HTMLDivElement, HTMLDivElement>(
    pinKey,
  );
  const liveTurnId = view.streaming?.turnId;

  return (
    <div className="transcript-frame">
      {/* Focusable so keyboard users can scroll it. The log stays silent (aria-live off): the
          reply announcer speaks each reply once it is whole, not every token. */}
      <div
        ref={scrollRef}
        className="transcript"
        role="log"
        aria-label={t('transcript.label')}
        aria-live="off"
        tabIndex={0}
      >
        <div ref={contentRef} className="transcript-column">
          {view.turns.length === 0 ? <EmptyState /> : null}
          <div className="transcript-turns">
            {turnGroups(view.turns.length, turns).map((group) => {
              const live = group.turns.some((turn) => turn.id === liveTurnId);
              return (
                // A group keeps its turns for good (membership is by position in the whole
                // conversation), so a turn never moves to another parent and never remounts.
                <ol
                  key={group.index}
                  className={live ? 'turn-group' : 'turn-group turn-group-settled'}
                >
                  {group.turns.map((turn) => (
                    <TurnItem
                      key={turn.id}
                      turn={turn}
                      isLast={turn === last}
                      live={turn.id === liveTurnId}
                    />
                  ))}
                </ol>
              );
            })}
          </div>
        </div>
      </div>
      <JumpToLatest
        follow={follow}
        onJumped={() => scrollRef.current?.focus({ preventScroll: true })}
      />
    </div>
  );
});
