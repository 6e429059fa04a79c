import { useTranslation } from '../i18n';
/** The model's reasoning, collapsed; left uncontrolled so the user can open it mid-stream. */
export function ReplyReasoning({ text }: { text: string }) {
  const { t } = useTranslation();
  return (
    <details className="reply-reasoning">
      <summary>{t('reply.reasoning')}</summary>
      <div className="reply-reasoning-text">{text}</div>
    </details>
  );
}
