import { useCallback, useId, useRef, useState, useSyncExternalStore } from 'react';
import { Pencil } from 'lucide-react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { MessageAttachments } from '../attachments/message-attachments';
import { MarkdownBridgeContext } from '../markdown/bridge';
import { CopyAction, MessageActions } from '../transcript/message-actions';
import { IconButton } from '../ui/button';
import { MessageEditor } from './message-editor';
import { MessagePager } from './message-pager';
import './branches.css';
import { useTranslation } from '../i18n';

interface UserMessageProps {
  turnId: string;
  text: string;
  /** The files the message carried (absent: none). An edit keeps them. */
  attachments?: readonly AttachmentView[] | undefined;
}

/** A message longer than this many lines or characters starts folded to a few lines. */
const foldLines = 8;
const foldChars = 600;

/** True when `text` is long enough to fold behind "Show more". */
export function isLongMessage(text: string): boolean {
  return text.length > foldChars || text.split('\n').length > foldLines;
}

/**
 * What the user wrote and the files it carried, with its actions (Copy, Edit: resend as a new
 * branch) and, once it has been edited, a pager between its versions. Edit and the pager wait
 * while a reply streams: a branch switch would drop it from view. A long message shows its
 * first lines and "Show more"; the editor takes the transcript's full width.
 */
export function UserMessage({ turnId, text, attachments }: UserMessageProps) {
  const { api, store, actions } = useServices();
  const { userVersions } = actions;
  const version = useSyncExternalStore(
    userVersions.subscribe,
    useCallback(() => userVersions.get(turnId), [userVersions, turnId]),
  );
  // A boolean, so this re-renders when streaming starts or ends and on nothing else.
  const busy = useSyncExternalStore(store.subscribe, () => store.getView().streaming !== null);
  const [editing, setEditing] = useState(false);
  const { t } = useTranslation();
  const editRef = useRef<HTMLButtonElement>(null);

  function stopEditing() {
    setEditing(false);
    // Back to the button that opened the editor, after it is shown again.
    requestAnimationFrame(() => editRef.current?.focus());
  }

  return (
    <article
      className={editing ? 'user-message is-editing' : 'user-message'}
      aria-label={t('branches.yourMessage')}
      data-message-id={turnId}
    >
      <div className="user-message-body">
        {editing ? (
          <MessageEditor
            initial={text}
            attachments={attachments}
            blocked={busy}
            onCancel={stopEditing}
            onSave={async (edited, attachmentIds) => {
              // On success this turn leaves the transcript (the new branch replaces it).
              // A message that had no files and got none is sent as before (no file list).
              const files =
                attachmentIds.length === 0 && !attachments?.length ? undefined : attachmentIds;
              const sent = await actions.edit(turnId, edited, files);
              if (sent) setEditing(false);
              return sent;
            }}
          />
        ) : (
          <UserText text={text} />
        )}
        {attachments?.length ? <MessageAttachments items={attachments} /> : null}
        {editing ? null : (
          <div className="user-message-tools">
            {version.count > 1 ? (
              <MessagePager
                index={version.index}
                count={version.count}
                disabled={busy}
                onSelect={(index) => void actions.selectUserVersion(turnId, index)}
              />
            ) : null}
            <MessageActions label={t('chatView.actions.messageGroup')}>
              {text !== '' ? (
                // Copy goes through main, like a reply's.
                <MarkdownBridgeContext value={api}>
                  <CopyAction text={text} label={t('chatView.actions.copyMessage')} />
                </MarkdownBridgeContext>
              ) : null}
              <IconButton
                ref={editRef}
                size="sm"
                icon={Pencil}
                label={t('branches.editMessage')}
                data-action="edit-message"
                disabled={busy}
                onClick={() => setEditing(true)}
              />
            </MessageActions>
          </div>
        )}
      </div>
    </article>
  );
}

/** The message as typed (plain text: never parsed as markup), folded when long. */
function UserText({ text }: { text: string }) {
  const { t } = useTranslation();
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const long = isLongMessage(text);
  const folded = long && !expanded;
  return (
    <div className="user-message-bubble">
      <p
        id={id}
        className={folded ? 'user-message-text is-folded' : 'user-message-text'}
        dir="auto"
      >
        {text}
      </p>
      {long ? (
        <button
          type="button"
          className="user-message-fold"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded(!expanded)}
        >
          {expanded ? t('chatView.actions.showLess') : t('chatView.actions.showMore')}
        </button>
      ) : null}
    </div>
  );
}
