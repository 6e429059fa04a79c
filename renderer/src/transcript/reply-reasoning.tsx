import { useState } from 'react';
import { Brain, ChevronRight } from 'lucide-react';
import { useTranslation } from '../i18n';
import { useElapsedSeconds } from '../tools/use-elapsed';

interface ReplyReasoningProps {
  text: string;
  /** True while the model reasons and no answer text has come yet. */
  thinking: boolean;
  /** When the first reasoning token and the first answer token arrived (epoch ms), if seen. */
  startedAt: number | undefined;
  endedAt: number | undefined;
}

/**
 * The model's reasoning. While the model thinks it is open, headed "Thinking… 5 s", so the
 * user sees work going on; when the answer starts it folds away under "Thought for 6 s"
 * ("Reasoning" for a reply from history, whose timing this window never saw). A choice the
 * user made by clicking the heading wins over both.
 */
export function ReplyReasoning({ text, thinking, startedAt, endedAt }: ReplyReasoningProps) {
  const { t } = useTranslation();
  // null: follow the reply (open while thinking); a boolean: the user's own choice.
  const [chosen, setChosen] = useState<boolean | null>(null);
  const elapsed = useElapsedSeconds(startedAt, thinking);
  const open = chosen ?? thinking;
  let summary: string;
  if (thinking) {
    summary = elapsed
      ? t('chatView.reasoning.thinkingFor', { count: elapsed })
      : t('chatView.reasoning.thinking');
  } else if (startedAt !== undefined && endedAt !== undefined) {
    const count = Math.max(1, Math.round((endedAt - startedAt) / 1000));
    summary = t('chatView.reasoning.thoughtFor', { count });
  } else {
    summary = t('reply.reasoning');
  }
  return (
    <details className={thinking ? 'reply-reasoning is-thinking' : 'reply-reasoning'} open={open}>
      <summary
        onClick={(event) => {
          // The open state is React's: the browser's own toggle would be undone on the next token.
          event.preventDefault();
          setChosen(!open);
        }}
      >
        <Brain className="reply-reasoning-icon" aria-hidden="true" />
        <span className="reply-reasoning-summary">{summary}</span>
        <ChevronRight className="reply-reasoning-chevron" aria-hidden="true" />
      </summary>
      <div className="reply-reasoning-text">{text}</div>
    </details>
  );
}
