import { useState } from 'react';
import { Download, ExternalLink } from 'lucide-react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { useTranslation } from '../i18n';
import { AttachmentViewer } from './attachment-viewer';
import { FileIcon } from './file-icon';
import { AttachmentLabel } from './attachment-label';
import { IconButton } from '../ui/button';
import './attachments.css';

/**
 * The files a sent message carried: images as thumbnails that open the viewer, other files
 * (PDFs, text) as chips with their name and size, Open (the OS's app for the type) and Save….
 */
export function MessageAttachments({ items }: { items: readonly AttachmentView[] }) {
  const { api, notices } = useServices();
  const { t } = useTranslation();
  const [viewing, setViewing] = useState<AttachmentView | null>(null);

  async function act(call: () => ReturnType<typeof api.attachments.open>) {
    const result = await settle(call);
    if (!result.ok) notices.report(t('notices.attachmentAction'), result.error);
  }

  return (
    <>
      <ul className="message-attachments" aria-label={t('attachments.inMessage')}>
        {items.map((item) =>
          item.kind === 'image' && item.thumbnail ? (
            <li key={item.id}>
              <button
                type="button"
                className="message-attachment-thumb"
                aria-label={t('attachments.view', { name: item.name })}
                onClick={() => setViewing(item)}
              >
                <img src={item.thumbnail} alt="" />
              </button>
              <LeftOut item={item} />
            </li>
          ) : (
            <li key={item.id} className="message-attachment-file">
              <FileIcon kind={item.kind} />
              <AttachmentLabel name={item.name} size={item.size} />
              <LeftOut item={item} />
              <IconButton
                size="sm"
                icon={ExternalLink}
                label={t('attachments.openNamed', { name: item.name })}
                onClick={() => void act(() => api.attachments.open({ id: item.id }))}
              />
              <IconButton
                size="sm"
                icon={Download}
                label={t('attachments.saveNamed', { name: item.name })}
                onClick={() =>
                  void act(async () => {
                    const saved = await api.attachments.save({ id: item.id });
                    return saved.ok ? { ok: true as const, value: null } : saved;
                  })
                }
              />
            </li>
          ),
        )}
      </ul>
      {viewing ? <AttachmentViewer image={viewing} onClose={() => setViewing(null)} /> : null}
    </>
  );
}

/** "Not sent" beside a file the provider refused that the user went on without. */
function LeftOut({ item }: { item: AttachmentView }) {
  const { t } = useTranslation();
  return item.leftOut ? (
    <span className="message-attachment-left-out">{t('attachments.leftOut')}</span>
  ) : null;
}
