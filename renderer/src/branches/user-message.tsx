import { useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { MessageAttachments } from '../attachments/message-attachments';
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

/**
 * What the user wrote and the files it carried, with Edit (resend as a new branch) and, once it
 * has been edited, a pager between its versions. Both wait while a reply streams: a branch
 * switch would drop it from view.
 */
export function UserMessage({ turnId, text, attachments }: UserMessageProps) {
  const { store, actions } = useServices();
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
      className="user-message"
      aria-label={t('branches.yourMessage')}
      data-message-id={turnId}
    >
      <div className="user-message-body">
        {editing ? (
          <MessageEditor
            initial={text}
            blocked={busy}
            onCancel={stopEditing}
            onSave={async (edited) => {
              // On success this turn leaves the transcript (the new branch replaces it).
              const sent = await actions.edit(turnId, edited);
              if (sent) setEditing(false);
              return sent;
            }}
          />
        ) : (
          // Plain text on purpose: what the user typed is never parsed as markup.
          <p className="user-message-text" dir="auto">
            {text}
          </p>
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
            <button
              ref={editRef}
              type="button"
              className="quiet-button"
              aria-label={t('branches.editMessage')}
              data-action="edit-message"
              disabled={busy}
              onClick={() => setEditing(true)}
            >
              {t('branches.edit')}
            </button>
          </div>
        )}
      </div>
    </article>
  );
}
