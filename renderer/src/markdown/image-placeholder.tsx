import { useMarkdownBridge } from './bridge';
import { imageLabel, safeImageUrl } from './safe-url';
import { useTranslation } from '../i18n';

/**
 * Where a reply's image would be. Nothing is fetched automatically: an image URL can carry the
 * conversation to whoever hosts it. The CSP keeps remote images out of the page (img-src 'self'
 * data:), so the user's one click opens that one image in their browser, through main.
 */
export function ImagePlaceholder({
  src,
  alt,
}: {
  src: string | undefined;
  alt: string | undefined;
}) {
  const bridge = useMarkdownBridge();
  const { t } = useTranslation();
  const url = src ? safeImageUrl(src) : null;
  const label = imageLabel(alt ?? '', url);
  if (!url) {
    // data:, file:, relative and unknown schemes: there is nothing we would ever load.
    return (
      <span className="md-image md-image-blocked">{t('markdown.imageBlocked', { label })}</span>
    );
  }
  return (
    <button
      type="button"
      className="md-image"
      title={t('markdown.imageOpenTitle', { url })}
      onClick={() => void bridge.links.open({ url })}
    >
      {t('markdown.imageOpen', { label })}
    </button>
  );
}
