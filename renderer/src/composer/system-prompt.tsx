import { useEffect, useId, useState } from 'react';
import { ScrollText } from 'lucide-react';
import { Popover } from 'radix-ui';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranscriptView } from '../transcript/use-transcript';
import { useTranslation } from '../i18n';
import { Button } from '../ui/button';
import { LengthNote, lengthLimits, overLimit } from './length-limit';

/**
 * This conversation's system prompt: what the model is told before every message. A button in
 * the composer's row opens a panel (a Radix popover: focus moves in, Esc and a click outside
 * close it, focus returns to the button) with the prompt, its size limit in words, and Save.
 */
export function SystemPrompt() {
  const { store } = useServices();
  const { conversationId } = useTranscriptView(store);
  const { t } = useTranslation();
  // A conversation exists once its first message is sent; the prompt is stored with it. The
  // button is there either way, so the composer does not grow when the first reply starts.
  if (conversationId === null) {
    return (
      <Button
        size="sm"
        variant="ghost"
        icon={ScrollText}
        className="composer-chip"
        disabled
        title={t('systemPrompt.needsConversation')}
      >
        {t('systemPrompt.button')}
      </Button>
    );
  }
  return <SystemPromptEditor key={conversationId} conversationId={conversationId} />;
}

function SystemPromptEditor({ conversationId }: { conversationId: string }) {
  const { api, notices } = useServices();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [saved, setSaved] = useState('');
  const noteId = useId();
  const titleId = useId();
  const { t } = useTranslation();
  const tooLong = overLimit(text, lengthLimits.systemPrompt);

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
    // Said in words under the field; main's validator never gets to say it.
    if (tooLong) return;
    const result = await settle(() =>
      api.conversationSettings.set({ conversationId, systemPrompt: text.trim() }),
    );
    if (!result.ok) return notices.report(t('systemPrompt.saveFailed'), result.error);
    setSaved(result.value.systemPrompt ?? '');
    setOpen(false);
  }

  return (
    <Popover.Root open={open} onOpenChange={setOpen}>
      <Popover.Trigger asChild>
        <Button
          size="sm"
          variant="ghost"
          icon={ScrollText}
          className={saved ? 'composer-chip is-set' : 'composer-chip'}
        >
          {saved ? t('systemPrompt.buttonSet') : t('systemPrompt.button')}
        </Button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content
          className="composer-panel"
          side="top"
          align="start"
          sideOffset={8}
          aria-labelledby={titleId}
          onEscapeKeyDown={(event) => {
            // Close here and mark the Esc as used, so it does not also stop a streaming reply.
            event.preventDefault();
            setOpen(false);
          }}
        >
          <p id={titleId} className="composer-panel-title">
            {t('systemPrompt.button')}
          </p>
          <textarea
            aria-label={t('systemPrompt.input')}
            aria-describedby={noteId}
            rows={5}
            value={text}
            placeholder={t('systemPrompt.placeholder')}
            onChange={(event) => setText(event.target.value)}
          />
          <LengthNote id={noteId} length={text.length} max={lengthLimits.systemPrompt} always />
          <div className="composer-panel-actions">
            <Button size="sm" variant="primary" disabled={tooLong} onClick={() => void save()}>
              {t('systemPrompt.save')}
            </Button>
          </div>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  );
}
