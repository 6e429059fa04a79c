import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type ClipboardEvent,
  type KeyboardEvent,
} from 'react';
import { ArrowUpRight, Square } from 'lucide-react';
import type { ParleyApi } from '../../../preload/api';
import { createServices, ServicesContext } from '../app-services';
import { MessageAttachments } from '../attachments/message-attachments';
import { settle } from '../chat/settle';
import { AttachmentTray } from '../composer/attachment-tray';
import { useAttachmentDraft, type ModelChoice } from '../composer/use-attachment-draft';
import { pastedFiles, useFileDrop } from '../composer/use-file-drop';
import { NoticeBanner } from '../notices/notice-banner';
import { isMac } from '../shortcuts/shortcut-table';
import { ActiveReplyView } from '../transcript/reply-view';
import { useTranscriptView } from '../transcript/use-transcript';
import { Button } from '../ui/button';
import { TooltipProvider } from '../ui/tooltip';
import '../transcript/transcript.css';
import './quick-ask.css';
import { useTranslation } from '../i18n';

/**
 * The quick-ask window (the global shortcut opens it at `#quick-ask`): one box, the answer
 * streaming below it, and "Continue in Parley" to carry the conversation to the main window —
 * also while the answer still streams: main hands the reply to the main window, where it goes on
 * live. Enter asks; Enter on an empty box (or Ctrl/⌘+Enter) continues; Esc stops, then closes.
 * Pasted or dropped files attach as in the main window's composer, with the same chips.
 */
export function QuickAsk({ api }: { api: ParleyApi }) {
  // Settings live in the main window; quick ask never opens them itself.
  const [services] = useState(() => createServices(api, () => undefined));
  const { store, actions, notices } = services;
  const view = useTranscriptView(store);
  const [draft, setDraft] = useState('');
  const model = useActiveModel(api);
  const attachments = useAttachmentDraft(api, notices, view.conversationId, model);
  const { add } = attachments;
  const dragging = useFileDrop(useCallback((files: File[]) => void add(files), [add]));
  const hintId = useId();
  const blockedId = useId();
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const { t } = useTranslation();
  const streaming = view.streaming !== null;
  const last = view.turns.at(-1);
  const canContinue = view.conversationId !== null;

  // Only live events: quick ask starts a fresh conversation, it never loads the last one.
  useEffect(() => api.chat.onEvent((event) => store.handleEvent(event)), [api, store]);

  useEffect(() => {
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape' || event.isComposing || event.defaultPrevented) return;
      event.preventDefault();
      if (store.getView().streaming) void actions.stop();
      else window.close();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, store]);

  async function ask() {
    const text = draft.trim();
    const { items, pending, planning, refused } = attachments;
    const empty = text === '' && items.length === 0;
    if (empty || streaming || pending || planning || refused.length > 0) return;
    const sentIds = items.map((item) => item.id);
    if (await actions.send(text, sentIds)) {
      setDraft((current) => (current === draft ? '' : current));
      attachments.clear(sentIds);
    }
  }

  function onPaste(event: ClipboardEvent<HTMLTextAreaElement>) {
    const files = pastedFiles(event.clipboardData);
    if (files.length === 0) return;
    event.preventDefault();
    void attachments.add(files);
  }

  function continueInMain() {
    const conversationId = store.getView().conversationId;
    if (conversationId === null) return;
    void api.app.continueInMain({ conversationId });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key !== 'Enter' || event.shiftKey) return;
    if (event.nativeEvent.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    const mod = isMac() ? event.metaKey : event.ctrlKey;
    if (mod || draft.trim() === '') continueInMain();
    else void ask();
  }

  return (
    <ServicesContext value={services}>
      <TooltipProvider>
        <main className="quick-ask" aria-label={t('quickAsk.label')}>
          <div className="quick-ask-box">
            <textarea
              ref={inputRef}
              className="quick-ask-input"
              aria-label={t('quickAsk.input')}
              placeholder={t('quickAsk.placeholder')}
              rows={2}
              value={draft}
              onChange={(event) => setDraft(event.target.value)}
              onKeyDown={onKeyDown}
              onPaste={onPaste}
              aria-describedby={attachments.refused.length > 0 ? `${hintId} ${blockedId}` : hintId}
              autoFocus
            />
            <AttachmentTray
              draft={attachments}
              canOverride={model !== null}
              blockedId={blockedId}
              onRemoved={() => inputRef.current?.focus()}
            />
          </div>
          <NoticeBanner />
          <section className="quick-ask-answer" aria-label={t('quickAsk.answer')}>
            {last ? (
              <>
                <p className="quick-ask-question" dir="auto">
                  {last.userText}
                </p>
                {last.attachments?.length ? <MessageAttachments items={last.attachments} /> : null}
                <ActiveReplyView turn={last} isLastTurn />
              </>
            ) : null}
          </section>
          <footer className="quick-ask-footer">
            <p id={hintId} className="quick-ask-hint">
              {streaming
                ? t('quickAsk.hintStreaming')
                : canContinue
                  ? t('quickAsk.hintEmpty')
                  : t('quickAsk.hintIdle')}
            </p>
            {streaming ? (
              <Button
                variant="secondary"
                size="sm"
                icon={Square}
                onClick={() => void actions.stop()}
              >
                {t('composer.stop')}
              </Button>
            ) : null}
            <Button
              variant="primary"
              size="sm"
              icon={ArrowUpRight}
              className="quick-ask-continue"
              disabled={!canContinue}
              onClick={continueInMain}
            >
              {t('quickAsk.continue')}
            </Button>
          </footer>
          {dragging ? (
            <div className="drop-overlay" aria-hidden="true">
              <p>{t('attachments.dropHere')}</p>
            </div>
          ) : null}
        </main>
      </TooltipProvider>
    </ServicesContext>
  );
}

/**
 * The profile and model a quick question goes to: quick ask always starts a new conversation,
 * and a new conversation takes the active profile with its model.
 */
function useActiveModel(api: ParleyApi): ModelChoice | null {
  const [model, setModel] = useState<ModelChoice | null>(null);
  useEffect(() => {
    let live = true;
    void settle(() => api.profiles.list()).then((result) => {
      if (!live || !result.ok) return;
      const { profiles, activeId } = result.value;
      const active = profiles.find((profile) => profile.id === activeId) ?? profiles[0];
      setModel(active ? { profileId: active.id, model: active.model } : null);
    });
    return () => {
      live = false;
    };
  }, [api]);
  return model;
}
