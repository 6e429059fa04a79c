import { useEffect, useRef, useState, useSyncExternalStore, type UIEvent } from 'react';
import { FileUp, SquarePen } from 'lucide-react';
import { useServices } from '../app-services';
import { Button } from '../ui/button';
import { useTranscriptView } from '../transcript/use-transcript';
import { ConversationRow } from './conversation-row';
import { groupByDate, type ConversationGroup } from './date-groups';
import './sidebar.css';
import { useTranslation } from '../i18n';

/** The resource key of each date heading. */
const groupKeys: Record<ConversationGroup['label'], string> = {
  Pinned: 'sidebar.groups.pinned',
  Today: 'sidebar.groups.today',
  Yesterday: 'sidebar.groups.yesterday',
  'Previous 7 days': 'sidebar.groups.week',
  Older: 'sidebar.groups.older',
};

/** How close to the end of the list (px) a scroll asks for the next page. */
const loadAheadPx = 240;

/** The list's idea of "today" moves on at midnight even if nothing else changes. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const id = setInterval(() => setNow(new Date()), 60_000);
    return () => clearInterval(id);
  }, []);
  return now;
}

/** The sidebar's props; all optional. */
interface SidebarProps {
  id?: string;
  /** Put focus on New conversation when it mounts (the overlay sidebar, opened from ☰). */
  autoFocus?: boolean;
  /** A conversation was chosen, or a new one started (the overlay closes then). */
  onChosen?: () => void;
}

/**
 * The conversations, newest first under date headings, with New conversation and Import. The
 * next page loads as the user scrolls near the end (and at once if a page does not fill it).
 */
export function Sidebar({ id, autoFocus, onChosen }: SidebarProps) {
  const { store, actions, conversations, conversationActions } = useServices();
  const state = useSyncExternalStore(conversations.subscribe, conversations.getState);
  const { conversationId } = useTranscriptView(store);
  const now = useNow();
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);

  useEffect(() => conversations.start(), [conversations]);

  // A first page shorter than the window leaves nothing to scroll: ask for more now.
  useEffect(() => {
    const scroller = scrollRef.current;
    if (!scroller || state.loading || !state.hasMore || !state.loaded) return;
    if (scroller.clientHeight > 0 && scroller.scrollHeight <= scroller.clientHeight + loadAheadPx) {
      void conversations.loadMore();
    }
  }, [conversations, state]);

  function onScroll(event: UIEvent<HTMLDivElement>) {
    const { scrollTop, scrollHeight, clientHeight } = event.currentTarget;
    if (scrollHeight - scrollTop - clientHeight <= loadAheadPx) void conversations.loadMore();
  }

  const groups = groupByDate(state.items, now);

  return (
    <nav id={id} className="sidebar" aria-label={t('sidebar.label')}>
      <div className="sidebar-actions">
        <Button
          icon={SquarePen}
          className="sidebar-new"
          autoFocus={autoFocus}
          onClick={() => {
            actions.newConversation();
            onChosen?.();
          }}
        >
          {t('sidebar.newConversation')}
        </Button>
        <Button
          variant="ghost"
          size="sm"
          icon={FileUp}
          className="sidebar-import"
          onClick={() => void conversationActions.import()}
        >
          {t('sidebar.import')}
        </Button>
      </div>
      <div ref={scrollRef} className="sidebar-scroll" onScroll={onScroll}>
        {groups.map((group) => (
          <section
            key={group.label}
            className="sidebar-group"
            aria-label={t(groupKeys[group.label])}
          >
            <h2 className="sidebar-heading">{t(groupKeys[group.label])}</h2>
            <ul className="sidebar-list">
              {group.items.map((summary) => (
                <ConversationRow
                  key={summary.id}
                  summary={summary}
                  current={summary.id === conversationId}
                  onChosen={onChosen}
                />
              ))}
            </ul>
          </section>
        ))}
        {state.loaded && state.items.length === 0 ? (
          <p className="sidebar-empty">{t('sidebar.empty')}</p>
        ) : null}
        {state.loading ? <p className="sidebar-empty">{t('sidebar.loading')}</p> : null}
      </div>
    </nav>
  );
}
