import { useEffect, useState } from 'react';
import type { AttachmentView } from '../../../preload/api';
import { useServices } from '../app-services';
import { settle } from '../chat/settle';
import { Modal } from '../settings/modal';
import { useTranslation } from '../i18n';
import '../settings/settings.css';
import './attachments.css';
import { Button } from '../ui/button';

interface AttachmentViewerProps {
  image: AttachmentView;
  onClose: () => void;
}

/**
 * An attached image, large, in a dialog: the thumbnail at once, then main's larger view
 * (`attachments:image`, a data: URL, as the CSP allows no other image source). Close or Esc
 * closes it and focus goes back to the thumbnail that opened it (the Modal's rule).
 */
export function AttachmentViewer({ image, onClose }: AttachmentViewerProps) {
  const { api, notices } = useServices();
  const { t } = useTranslation();
  const [large, setLarge] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void settle(() => api.attachments.image({ id: image.id })).then((result) => {
      if (!live) return;
      if (result.ok && result.value !== '') setLarge(result.value);
      else if (!result.ok) notices.report(t('notices.attachmentAction'), result.error);
    });
    return () => {
      live = false;
    };
  }, [api, notices, image.id, t]);

  const src = large ?? image.thumbnail;
  return (
    <Modal title={image.name} onClose={onClose}>
      <div className="attachment-viewer">
        {src ? (
          <img
            className="attachment-viewer-image"
            src={src}
            alt={image.name}
            width={image.width}
            height={image.height}
          />
        ) : null}
        {large === null ? (
          <p className="attachment-viewer-loading" role="status">
            {t('attachments.viewerLoading')}
          </p>
        ) : null}
      </div>
      <div className="attachment-viewer-actions">
        <Button onClick={onClose}>{t('attachments.close')}</Button>
      </div>
    </Modal>
  );
}
