import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { LengthNote, lengthLimits, overLimit } from '../composer/length-limit';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';

interface MessageEditorProps {
  initial: string;
  /** True while a reply streams: the branch would replace it, so Save waits. */
  blocked: boolean;
  onCancel: () => void;
  /** Resolves true once sent; false keeps the editor open with the user's text. */
  onSave: (text: string) => Promise<boolean>;
}

/**
 * Edit a sent message, across the transcript's full width: Save and send (or Ctrl/Cmd+Enter)
 * starts a branch, Cancel (or Esc) leaves it. The box grows with the text; a message near
 * main's size limit says so under it.
 */
export function MessageEditor({ initial, blocked, onCancel, onSave }: MessageEditorProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const noteId = useId();
  const canSave =
    !blocked && !saving && draft.trim() !== '' && !overLimit(draft, lengthLimits.message);

  async function save() {
    if (!canSave) return;
    setSaving(true);
    const sent = await onSave(draft.trim());
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

  return (
    <form className="message-editor" onSubmit={onSubmit}>
      <textarea
        className="message-editor-input"
        aria-label={t('branches.editYour')}
        aria-describedby={noteId}
        value={draft}
        rows={Math.min(12, Math.max(3, draft.split('\n').length))}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
        autoFocus
      />
      <LengthNote id={noteId} length={draft.length} max={lengthLimits.message} />
      <div className="message-editor-actions">
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
