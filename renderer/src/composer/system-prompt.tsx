import { useEffect, useId, useState } from 'react';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranscriptView } from '../transcript/use-transcript';
import { useTranslation } from '../i18n';

/** This conversation's system prompt: what the model is told before every message. */
export function SystemPrompt() {
  const { store } = useServices();
  const { conversationId } = useTranscriptView(store);
  const { t } = useTranslation();
  // A conversation exists once its first message is sent; the prompt is stored with it. The
  // button is there either way, so the composer does not grow when the first reply starts.
  if (conversationId === null) {
    return (
      <div className="system-prompt">
        <button type="button" disabled title={t('systemPrompt.needsConversation')}>
          {t('systemPrompt.button')}
        </button>
      </div>
    );
  }
  return <SystemPromptEditor key={conversationId} conversationId={conversationId} />;
}

function SystemPromptEditor({ conversationId }: { conversationId: string }) {
  const { api, notices } = useServices();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const id = useId();
  const { t } = useTranslation();

  useEffect(() => {
    let live = true;
    void settle(() => api.conversationSettings.get({ conversationId })).then((result) => {
      if (!live || !result.ok) return;
      setText(result.value.systemPrompt ?? '');
      setSaved(result.value.systemPrompt ?? '');
    });
    return () => {
      live = false;
    };
  }, [api, conversationId]);

  async function save() {
    const result = await settle(() =>
      api.conversationSettings.set({ conversationId, systemPrompt: text.trim() }),
    );
    if (!result.ok) return notices.report(t('systemPrompt.saveFailed'), result.error);
    setSaved(result.value.systemPrompt ?? '');
    setOpen(false);
  }

  return (
    <div className="system-prompt">
      <button type="button" aria-expanded={open} aria-controls={id} onClick={() => setOpen(!open)}>
        {saved ? t('systemPrompt.buttonSet') : t('systemPrompt.button')}
      </button>
      {open ? (
        <div id={id} className="system-prompt-editor">
          <textarea
            aria-label={t('systemPrompt.input')}
            rows={3}
            value={text}
            placeholder={t('systemPrompt.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <button type="button" onClick={() => void save()}>
            {t('systemPrompt.save')}
          </button>
        </div>
      ) : null}
    </div>
  );
}
