import { Eye, FileCheck, LoaderCircle, X } from 'lucide-react';
import type { AttachmentView } from '../../../preload/api';
import { FileIcon } from '../attachments/file-icon';
import { AttachmentLabel } from '../attachments/attachment-label';
import { useTranslation } from '../i18n';
import { Button, IconButton } from '../ui/button';
import type { AttachmentDraft } from './use-attachment-draft';
import '../attachments/attachments.css';
import './attachments.css';

interface AttachmentTrayProps {
  draft: AttachmentDraft;
  /** Offer "This model can see images" (only where the model is known, to be told). */
  canOverride: boolean;
  /** The id given to the sentence that says why Send is disabled, for Send's aria-describedby. */
  blockedId: string;
  /** Where focus goes after a chip's Remove (its button is gone): the message box. */
  onRemoved?: () => void;
}

/**
 * The draft's attachments above the message box: a chip per file (thumbnail or file icon, name,
 * size, Remove), what the model will do with each (a note when converted, the reason when it
 * cannot take it), files that could not be attached, and "Attaching…" while main reads them.
 * Renders nothing while there is nothing to show.
 */
export function AttachmentTray({ draft, canOverride, blockedId, onRemoved }: AttachmentTrayProps) {
  const { t } = useTranslation();
  const { items, problems, pending, plans, refused } = draft;
  if (items.length === 0 && problems.length === 0 && !pending) return null;
  const first = refused[0];
  const imageRefused = refused.some((item) => item.kind === 'image');
  // A PDF going as its text (or refused, when it has none) may be a wrong flag too.
  const pdfNotAsPdf = draft.items.some(
    (item) =>
      item.kind === 'pdf' &&
      plans.get(item.id)?.action !== undefined &&
      plans.get(item.id)?.action !== 'send',
  );

  return (
    <div className="attachment-tray">
      {problems.length > 0 ? (
        <div className="attachment-problems" role="alert">
          <p className="attachment-problems-title">{t('attachments.problemsTitle')}</p>
          <ul>
            {problems.map((problem, index) => (
              // Main's words for why (too big, binary…), shown as they arrive.
              <li key={index}>
                {t('attachments.problem', { name: problem.name, message: problem.message })}
              </li>
            ))}
          </ul>
          <Button size="sm" variant="ghost" onClick={draft.dismissProblems}>
            {t('attachments.dismissProblems')}
          </Button>
        </div>
      ) : null}
      {items.length > 0 ? (
        <ul className="attachment-chips" aria-label={t('attachments.list')}>
          {items.map((item) => {
            const plan = plans.get(item.id);
            const isRefused = plan?.action === 'refuse';
            return (
              <li
                key={item.id}
                className={isRefused ? 'attachment-chip is-refused' : 'attachment-chip'}
              >
                <div className="attachment-chip-main">
                  <ChipPreview item={item} />
                  <AttachmentLabel name={item.name} size={item.size} />
                  <IconButton
                    size="sm"
                    icon={X}
                    className="attachment-chip-remove"
                    label={t('attachments.remove', { name: item.name })}
                    onClick={() => {
                      draft.remove(item.id);
                      onRemoved?.();
                    }}
                  />
                </div>
                {plan?.action === 'convert' ? (
                  <p className="attachment-chip-note">
                    {plan.detail ?? t('attachments.convertFallback')}
                  </p>
                ) : null}
                {isRefused ? (
                  <p className="attachment-chip-note is-refused">
                    {plan.detail ?? t('attachments.refusedFallback')}
                  </p>
                ) : null}
              </li>
            );
          })}
        </ul>
      ) : null}
      {pending ? (
        <p className="attachment-pending" role="status">
          <LoaderCircle className="attachment-pending-icon" aria-hidden="true" />
          {t('attachments.adding')}
        </p>
      ) : null}
      {first ? (
        <div className="attachment-blocked">
          <p id={blockedId}>
            {t('attachments.refusedSend', {
              name: first.name,
              reason: plans.get(first.id)?.detail ?? t('attachments.refusedFallback'),
            })}
          </p>
          {imageRefused && canOverride ? (
            <Button size="sm" icon={Eye} onClick={() => void draft.allowImages()}>
              {t('attachments.canSeeImages')}
            </Button>
          ) : null}
        </div>
      ) : null}
      {pdfNotAsPdf && canOverride ? (
        <Button
          size="sm"
          variant="ghost"
          icon={FileCheck}
          className="attachment-pdf-override"
          onClick={() => void draft.allowPdfs()}
        >
          {t('attachments.canReadPdfs')}
        </Button>
      ) : null}
    </div>
  );
}

/** An image's thumbnail (decorative: the name beside it says which file), else a file icon. */
function ChipPreview({ item }: { item: AttachmentView }) {
  if (item.thumbnail) {
    return <img className="attachment-chip-thumb" src={item.thumbnail} alt="" />;
  }
  return <FileIcon kind={item.kind} />;
}
