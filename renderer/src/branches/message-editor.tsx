import { useId, useState, type ClipboardEvent, type FormEvent, type KeyboardEvent } from 'react';
import { Paperclip } from 'lucide-react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { AttachmentTray } from '../composer/attachment-tray';
import { LengthNote, lengthLimits, overLimit } from '../composer/length-limit';
import { useAttachmentDraft } from '../composer/use-attachment-draft';
import { pastedFiles } from '../composer/use-file-drop';
import { useTranslation } from '../i18n';
import { Button, IconButton } from '../ui/button';

interface MessageEditorProps {
  initial: string;
  /** The files the message carried: the edit starts with them, and can drop some or add more. */
  attachments?: readonly AttachmentView[] | undefined;
  /** True while a reply streams: the branch would replace it, so Save waits. */
  blocked: boolean;
  onCancel: () => void;
  /**
   * Send the edit with exactly these files (ids, in order). Resolves true once sent; false keeps
   * the editor open with the user's text and files.
   */
  onSave: (text: string, attachmentIds: readonly string[]) => Promise<boolean>;
}

/**
 * Edit a sent message, across the transcript's full width: Save and send (or Ctrl/Cmd+Enter)
 * starts a branch, Cancel (or Esc) leaves it. The box grows with the text; a message near
 * main's size limit says so under it. Its files show as chips: Remove drops one from the edit,
 * Attach (or a paste) adds more, read and checked by main as in the composer.
 */
export function MessageEditor({
  initial,
  attachments = [],
  blocked,
  onCancel,
  onSave,
}: MessageEditorProps) {
  const { api, notices, store } = useServices();
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const noteId = useId();
  const blockedId = useId();
  // No model is chosen here, so no plan is asked for: main checks the files when it sends.
  const files = useAttachmentDraft(api, notices, store.getView().conversationId, null, attachments);
  const canSave =
    !blocked &&
    !saving &&
    !files.pending &&
    draft.trim() !== '' &&
    !overLimit(draft, lengthLimits.message);

  async function save() {
    if (!canSave) return;
    setSaving(true);
    const sent = await onSave(
      draft.trim(),
      files.items.map((item) => item.id),
    );
    // Unmounted on success (the branch replaced this turn); otherwise let the user retry.
    if (!sent) setSaving(false);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void save();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const pasted = pastedFiles(event.clipboardData);
    // A plain text paste goes into the box as always.
    if (pasted.length === 0) return;
    event.preventDefault();
    void files.add(pasted);
  }

  return (
    <form className="message-editor" onSubmit={onSubmit}>
      <AttachmentTray draft={files} canOverride={false} blockedId={blockedId} />
      <textarea
        className="message-editor-input"
        aria-label={t('branches.editYour')}
        aria-describedby={noteId}
        value={draft}
        rows={Math.min(12, Math.max(3, draft.split('\n').length))}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        onPaste={onPaste}
        autoFocus
      />
      <LengthNote id={noteId} length={draft.length} max={lengthLimits.message} />
      <div className="message-editor-actions">
        <IconButton
          icon={Paperclip}
          label={t('attachments.attach')}
          size="sm"
          className="message-editor-attach"
          onClick={() => void files.pick()}
        />
        <Button size="sm" variant="ghost" onClick={onCancel}>
          {t('branches.cancel')}
        </Button>
        <Button type="submit" size="sm" variant="primary" disabled={!canSave}>
          {t('branches.saveAndSend')}
        </Button>
      </div>
    </form>
  );
}
