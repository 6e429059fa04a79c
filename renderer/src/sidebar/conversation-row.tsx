import { memo, useId, useRef, useState } from 'react';
import { FileJson, FileText, GitBranch, Pencil, Pin, PinOff, Trash2 } from 'lucide-react';
import type { ConversationSummary } from '../../../preload/api';
import { useServices } from '../app-services';
import { displayTitle } from './date-groups';
import { RowMenu, type MenuItem } from './row-menu';
import { useTranslation } from '../i18n';

interface ConversationRowProps {
  summary: ConversationSummary;
  current: boolean;
  /** Called after the row's conversation was opened by a click (the overlay sidebar closes). */
  onChosen?: () => void;
}

/**
 * One conversation in the sidebar: click to open it, or rename, pin, export and delete it. While
 * a reply is being written there (`summary.streaming`, also when the user is looking elsewhere)
 * a pulsing dot shows it (steady under reduced motion), and the button's description says
 * "Replying…" for screen readers.
 */
export const ConversationRow = memo(function ConversationRow({
  summary,
  current,
  onChosen,
}: ConversationRowProps) {
  const { actions, conversationActions } = useServices();
  const [renaming, setRenaming] = useState(false);
  const { t } = useTranslation();
  // After Enter or Esc in the title field, focus goes back to the row, not to the page.
  const refocus = useRef(false);
  const replyingId = useId();
  const title = displayTitle(summary.title);
  const id = summary.id;

  const items: MenuItem[] = [
    { label: t('sidebar.rename'), icon: Pencil, run: () => setRenaming(true) },
    {
      label: summary.pinned ? t('sidebar.unpin') : t('sidebar.pin'),
      icon: summary.pinned ? PinOff : Pin,
      run: () => void conversationActions.setPinned(id, !summary.pinned),
    },
    {
      label: t('sidebar.exportMarkdown'),
      icon: FileText,
      run: () => void conversationActions.export(id, { format: 'markdown', scope: 'branch' }),
    },
    {
      label: t('sidebar.exportJson'),
      icon: FileJson,
      run: () => void conversationActions.export(id, { format: 'json', scope: 'branch' }),
    },
    {
      label: t('sidebar.exportTree'),
      icon: GitBranch,
      run: () => void conversationActions.export(id, { format: 'json', scope: 'tree' }),
    },
    {
      label: t('sidebar.delete'),
      icon: Trash2,
      run: () => void conversationActions.delete(id),
      danger: true,
    },
  ];

  return (
    <li className={current ? 'conversation-row is-current' : 'conversation-row'}>
      {renaming ? (
        <RenameField
          initial={summary.title}
          onDone={(next, byKey) => {
            refocus.current = byKey;
            setRenaming(false);
            if (next !== null) void conversationActions.rename(id, next);
          }}
        />
      ) : (
        <>
          <button
            type="button"
            ref={(button) => {
              if (button && refocus.current) button.focus();
              refocus.current = false;
            }}
            className="conversation-open"
            aria-current={current ? 'page' : undefined}
            aria-describedby={summary.streaming ? replyingId : undefined}
            onClick={() => {
              void actions.open(id);
              onChosen?.();
            }}
          >
            {/* The "Pinned" heading says it for screen readers; the pin is for the eye. */}
            {summary.pinned ? <Pin className="conversation-pin" aria-hidden="true" /> : null}
            <span className="conversation-title">{title}</span>
            {summary.streaming ? (
              <span
                className="conversation-replying"
                aria-hidden="true"
                title={t('sidebar.replying')}
              />
            ) : null}
          </button>
          {/* Outside the button, so its name stays the title; the description refers here. */}
          {summary.streaming ? (
            <span id={replyingId} className="conversation-replying-text">
              {t('sidebar.replying')}
            </span>
          ) : null}
          <RowMenu label={t('sidebar.actionsFor', { title })} items={items} />
        </>
      )}
    </li>
  );
});

interface RenameFieldProps {
  initial: string;
  /** `title` null: cancelled. `byKey`: ended by Enter or Esc (not by focus moving away). */
  onDone: (title: string | null, byKey: boolean) => void;
}

/** The inline title editor: Enter (or leaving it) saves, Esc cancels. */
function RenameField({ initial, onDone }: RenameFieldProps) {
  const [value, setValue] = useState(initial);
  const { t } = useTranslation();
  // Enter and Esc end the edit; the blur that follows when it unmounts must not end it again.
  const ended = useRef(false);
  const end = (title: string | null, byKey: boolean) => {
    if (ended.current) return;
    ended.current = true;
    onDone(title, byKey);
  };
  return (
    <input
      className="conversation-rename"
      aria-label={t('sidebar.titleField')}
      value={value}
      maxLength={200}
      autoFocus
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setValue(event.target.value)}
      onBlur={() => end(value, false)}
      onKeyDown={(event) => {
        if (event.nativeEvent.isComposing) return;
        if (event.key === 'Enter') {
          event.preventDefault();
          end(value, true);
        } else if (event.key === 'Escape') {
          event.preventDefault();
          event.stopPropagation();
          end(null, true);
        }
      }}
    />
  );
}
