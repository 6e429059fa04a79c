import {
  useCallback,
  useId,
  useState,
  type FormEvent,
  type KeyboardEvent,
  type MouseEvent,
} from 'react';
import { useServices } from '../app-services';
import { usePreferences } from '../settings/preferences-store';
import { useTranscriptView } from '../transcript/use-transcript';
import { ModelPicker } from './model-picker';
import { SystemPrompt } from './system-prompt';
import { ToolsMenu } from './tools-menu';
import { useEscapeToStop } from './use-escape-to-stop';
import './composer.css';
import { useTranslation } from '../i18n';

/** Blank lines before and whitespace after a message are never meant. */
function tidy(text: string): string {
  return text.replace(/^(?:[ \t]*\r?\n)+/, '').trimEnd();
}

/**
 * Where the user writes. Enter sends and Shift+Enter breaks the line, or, if the user chose it,
 * Ctrl/Cmd+Enter sends and Enter breaks the line. Stop takes Send's place.
 */
export function Composer() {
  const { api, store, actions } = useServices();
  const { sendWith } = usePreferences(api);
  const { streaming } = useTranscriptView(store);
  const [draft, setDraft] = useState('');
  const [sending, setSending] = useState(false);
  const hintId = useId();
  const { t } = useTranslation();

  const busy = streaming !== null;
  const canSend = !busy && !sending && draft.trim() !== '';
  const stop = useCallback(() => void actions.stop(), [actions]);
  useEscapeToStop(busy, stop);

  async function send() {
    if (!canSend) return;
    const sent = draft;
    setSending(true);
    const ok = await actions.send(tidy(sent));
    setSending(false);
    // A failed send keeps the draft; so does a draft the user kept typing into meanwhile.
    if (ok) setDraft((current) => (current === sent ? '' : current));
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
    <form className="composer" onSubmit={onSubmit}>
      <div className="composer-box">
        <textarea
          className="composer-input"
          aria-label={t('composer.message')}
          aria-describedby={hintId}
          placeholder={t('composer.placeholder')}
          rows={1}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={onKeyDown}
          autoFocus
        />
        {/* One button in one slot: Stop replaces Send without the control moving. */}
        <div className="composer-action">
          {busy ? (
            <button type="button" className="composer-button is-stop" onClick={onStopClick}>
              {t('composer.stop')}
            </button>
          ) : (
            <button type="submit" className="composer-button" disabled={!canSend}>
              {t('composer.send')}
            </button>
          )}
        </div>
      </div>
      <p id={hintId} className="composer-hint">
        {sendWith === 'mod-enter' ? t('composer.hintModEnter') : t('composer.hintEnter')}
        {busy ? t('composer.hintEsc') : ''}
      </p>
      <div className="composer-tools">
        <ModelPicker />
        <SystemPrompt />
        <ToolsMenu />
      </div>
    </form>
  );
}
