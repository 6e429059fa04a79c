/**
 * The small icon buttons under a message (copy, regenerate, edit, more). They share one row
 * component so every message keeps them in the same place and the same order, and the row's
 * CSS (reply.css) shows them on hover and when focus is inside the message, so a long
 * transcript stays calm and a keyboard user still finds them.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { Check, Copy, Ellipsis, FileText } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useTranslation } from '../i18n';
import { useMarkdownBridge } from '../markdown/bridge';
import { IconButton } from '../ui/button';

/** How long the copy button says "Copied" (ms) before its label returns. */
const confirmMs = 1500;

/** The row itself: a labelled group, so a screen reader hears "Reply actions" once. */
export function MessageActions({
  label,
  hidden = false,
  children,
}: {
  label: string;
  /** Nothing to act on yet (a reply still streaming): the row keeps its place, empty. */
  hidden?: boolean;
  children: ReactNode;
}) {
  if (hidden) return <div className="message-actions" />;
  return (
    <div className="message-actions" role="group" aria-label={label}>
      {children}
    </div>
  );
}

/** Copy `text` through main (the sandboxed page has no clipboard); "Copied" confirms it. */
export function CopyAction({ text, label }: { text: string; label: string }) {
  const bridge = useMarkdownBridge();
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), confirmMs);
    return () => clearTimeout(timer);
  }, [copied]);
  return (
    <IconButton
      size="sm"
      icon={copied ? Check : Copy}
      label={copied ? t('reply.copied') : label}
      onClick={() =>
        void bridge.clipboard.writeText({ text }).then((result) => setCopied(result.ok))
      }
    />
  );
}

/**
 * "More actions": a menu (WAI-ARIA menu button, Radix) of what is used less often. For now it
 * copies the reply as plain text, i.e. the words as shown (`plainText()` reads them when chosen),
 * for pasting where markdown symbols would be noise.
 */
export function MoreActions({ plainText }: { plainText: () => string }) {
  const bridge = useMarkdownBridge();
  const { t } = useTranslation();
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <IconButton size="sm" icon={Ellipsis} label={t('chatView.actions.more')} />
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="message-menu" align="start" sideOffset={4}>
          <DropdownMenu.Item
            className="message-menu-item"
            onSelect={() => void bridge.clipboard.writeText({ text: plainText() })}
          >
            <FileText className="ui-icon" aria-hidden="true" />
            {t('chatView.actions.copyPlain')}
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
