import { useEffect, useState } from 'react';
import { useMarkdownBridge } from './bridge';
import { useTranslation } from '../i18n';

/** How long "Copied" stays before the label returns. */
const confirmMs = 1500;

/** A button that copies `text` through main (the sandboxed page has no clipboard access). */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const bridge = useMarkdownBridge();
  const [copied, setCopied] = useState(false);
  const { t } = useTranslation();

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), confirmMs);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = async () => {
    const result = await bridge.clipboard.writeText({ text });
    if (result.ok) setCopied(true);
  };

  return (
    <button type="button" className="quiet-button md-copy" onClick={() => void copy()}>
      {copied ? t('reply.copied') : label}
    </button>
  );
}
