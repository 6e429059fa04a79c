import {
  useCallback,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { ArrowUp, Paperclip, Square } from 'lucide-react';
import { useServices } from '../app-services';
import { useDraftRequests } from '../chat/draft-requests';
import { usePreferences } from '../settings/preferences-store';
import { useTranscriptView } from '../transcript/use-transcript';
import { IconButton } from '../ui/button';
import { AttachmentTray } from './attachment-tray';
import { LengthNote, lengthLimits, overLimit } from './length-limit';
import { ModelPicker } from './model-picker';
import { SystemPrompt } from './system-prompt';
import { ToolsMenu } from './tools-menu';
import { useAttachmentDraft, type ModelChoice } from './use-attachment-draft';
import { useEscapeToStop } from './use-escape-to-stop';
import { pastedFiles, useFileDrop } from './use-file-drop';
import './composer.css';
import { useTranslation } from '../i18n';

/** Blank lines before and whitespace after a message are never meant. */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/**
 * Where the user writes: one card holding the attached files, the message box (it grows with
 * the text up to 40% of the window, then scrolls) and a row of controls (attach, model, system
 * prompt, tools, Send). Enter sends and Shift+Enter breaks the line, or, if the user chose it,
 * Ctrl/Cmd+Enter sends and Enter breaks the line. While a reply streams Stop takes Send's
 * place, in the same slot. Files come in by the Attach button, by dropping them anywhere on the
 * window or by pasting; their chips sit at the top of the card, with what the model will do
 * with each, and Send waits while one cannot go. The key hint sits under the card.
 */
export function Composer() {
  const { api, store, actions, notices } = useServices();
  const { sendWith } = usePreferences(api);
  const { streaming, conversationId } = useTranscriptView(store);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const [model, setModel] = useState<ModelChoice | null>(null);
  const attachments = useAttachmentDraft(api, notices, conversationId, model);
  const formRef = useRef<HTMLFormElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const hintId = useId();
  const limitId = useId();
  const blockedId = useId();
  const { t } = useTranslation();

  const busy = streaming !== null;
  const blocked = attachments.refused.length > 0;
  const canSend =
    !busy &&
    !sending &&
    // Files alone are a message too ("What is in this picture?" is often left unsaid).
    (draft.trim() !== '' || attachments.items.length > 0) &&
    !attachments.pending &&
    !attachments.planning &&
    !blocked &&
    !overLimit(draft, lengthLimits.message);
  const stop = useCallback(() => void actions.stop(), [actions]);
  useEscapeToStop(busy, stop);
  // An example prompt from the empty screen replaces the draft (see chat/draft-requests.ts).
  useDraftRequests(
    useCallback((text: string) => {
      setDraft(text);
      inputRef.current?.focus();
    }, []),
  );
  const { add } = attachments;
  const dragging = useFileDrop(
    useCallback((files: File[]) => void add(files), [add]),
    // Not while a dialog has made the composer inert: the drop is not meant for it.
    useCallback(() => !formRef.current?.closest('[inert]'), []),
  );

  async function send() {
    if (!canSend) return;
    const sent = draft;
    const sentIds = attachments.items.map((item) => item.id);
    setSending(true);
    const ok = await actions.send(tidy(sent), sentIds);
    setSending(false);
    // A failed send keeps the draft and its files; so does a draft the user kept typing into.
    if (ok) {
      setDraft((current) => (current === sent ? '' : current));
      attachments.clear(sentIds);
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = pastedFiles(event.clipboardData);
    // A plain text paste goes into the box as always.
    if (files.length === 0) return;
    event.preventDefault();
    void attachments.add(files);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    void send();
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter') return;
    const withModifier = event.ctrlKey || event.metaKey;
    if (sendWith === 'mod-enter' ? !withModifier : event.shiftKey) return;
    // Enter that confirms an IME candidate belongs to the IME (229: Chromium's composing key).
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    void send();
  }

  function onStopClick(event: MouseEvent) {
    // The second click of a double click on Send must not stop the reply it just started.
    if (event.detail > 1) return;
    stop();
  }

  return (
    <form ref={formRef} className="composer" onSubmit={onSubmit}>
      <div className="composer-card">
        <AttachmentTray
          draft={attachments}
          canOverride={model !== null}
          blockedId={blockedId}
          onRemoved={() => inputRef.current?.focus()}
        />
        <textarea
          ref={inputRef}
          className="composer-input"
          aria-label={t('composer.message')}
          aria-describedby={`${hintId} ${limitId}`}
          placeholder={t('composer.placeholder')}
          rows={1}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          onPaste={onPaste}
          autoFocus
        />
        <LengthNote id={limitId} length={draft.length} max={lengthLimits.message} />
        <div
          className="composer-controls"
          role="group"
          aria-label={t('chatView.composer.controls')}
        >
          <IconButton
            icon={Paperclip}
            label={t('attachments.attach')}
            size="sm"
            onClick={() => void attachments.pick()}
          />
          <ModelPicker onModelChange={setModel} />
          <SystemPrompt />
          <ToolsMenu />
          <span className="composer-controls-spacer" />
          {/* One button in one slot: Stop replaces Send without the control moving. */}
          <div className="composer-action">
            {busy ? (
              <IconButton
                icon={Square}
                label={t('composer.stop')}
                shortcut="Esc"
                variant="danger"
                className="composer-send is-stop"
                onClick={onStopClick}
              />
            ) : (
              <IconButton
                type="submit"
                icon={ArrowUp}
                label={t('composer.send')}
                variant="primary"
                className="composer-send"
                disabled={!canSend}
                aria-describedby={blocked ? blockedId : undefined}
              />
            )}
          </div>
        </div>
      </div>
      <p id={hintId} className="composer-hint">
        {sendWith === 'mod-enter' ? t('composer.hintModEnter') : t('composer.hintEnter')}
        {busy ? t('composer.hintEsc') : ''}
      </p>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          <p>{t('attachments.dropHere')}</p>
        </div>
      ) : null}
    </form>
  );
}
