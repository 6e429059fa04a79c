/**
 * A modal dialog (WAI-ARIA dialog pattern, https://www.w3.org/WAI/ARIA/apg/patterns/dialog-modal/)
 * on Radix's Dialog: focus moves in and Tab stays inside, Escape and the close button (an X
 * named "Close") close it, and focus goes back to the control that opened it. The dialog has a
 * fixed maximum height: its header stays at the top, `DialogBody` scrolls, and `DialogFooter`
 * stays at the bottom, so the actions never scroll out of sight.
 *
 * Render it while it is open and unmount it to close (`onClose` asks the owner to do that).
 * Escape is consumed (preventDefault), so a window-wide Escape handler such as "stop the
 * streaming reply" does not also act on it.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Dialog as RadixDialog } from 'radix-ui';
import { X } from 'lucide-react';
import { useTranslation } from '../i18n';
import { classNames, IconButton } from './button';
import './dialog.css';

/** A dialog's props. */
export interface DialogProps {
  title: ReactNode;
  /** A sentence under the title that describes the dialog (aria-describedby). */
  description?: ReactNode;
  /** Asked to close: Escape, the close button, or (if allowed) a click outside. */
  onClose: () => void;
  /** `md` for a form (34rem), `lg` for settings (44rem); both with a fixed height for `lg`. */
  size?: 'sm' | 'md' | 'lg';
  /**
   * `scrim` dims the window behind; `opaque` hides it entirely (onboarding: nothing from the
   * screen behind shows through).
   */
  backdrop?: 'scrim' | 'opaque';
  /** Close on a click outside; off by default so a stray click never loses a half-filled form. */
  closeOnOutsideClick?: boolean;
  /** The footer's actions; with it, `children` go in a scrolling DialogBody. */
  footer?: ReactNode;
  /**
   * The content under the header. Without `footer`, lay it out yourself with DialogBody and
   * DialogFooter (a form that holds both, so its submit button sits in the footer).
   */
  children: ReactNode;
  className?: string;
}

/** The dialog; see the module comment. */
export function Dialog({
  title,
  description,
  onClose,
  size = 'md',
  backdrop = 'scrim',
  closeOnOutsideClick = false,
  footer,
  children,
  className,
}: DialogProps) {
  const { t } = useTranslation();
  // The element focused when the dialog opened, captured before Radix moves focus inside.
  const [opener] = useState(() =>
    document.activeElement instanceof HTMLElement ? document.activeElement : null,
  );
  // Radix returns focus to its own Trigger only; this dialog is opened from anywhere, so focus
  // goes back to the opener here, once the page behind is interactive again (after unmount).
  useEffect(() => () => opener?.focus(), [opener]);
  const contentRef = useRef<HTMLDivElement>(null);

  return (
    <RadixDialog.Root open onOpenChange={(open) => (open ? undefined : onClose())}>
      <RadixDialog.Portal>
        <RadixDialog.Overlay className={classNames('ui-dialog-overlay', `is-${backdrop}`)} />
        <RadixDialog.Content
          ref={contentRef}
          // Radix hides the rest with aria-hidden; aria-modal says the same to the dialog's reader.
          aria-modal="true"
          className={classNames('ui-dialog', `ui-dialog-${size}`, className)}
          {...(description ? {} : { 'aria-describedby': undefined })}
          onEscapeKeyDown={(event) => {
            // Consumed: Escape must not also stop a streaming reply behind the dialog. An IME's
            // Escape cancels its composition and is not meant for the dialog.
            event.preventDefault();
            if (!event.isComposing) onClose();
          }}
          onPointerDownOutside={(event) => {
            if (!closeOnOutsideClick) event.preventDefault();
          }}
          onOpenAutoFocus={(event) => {
            // The first control of the content, not the close button (whose tooltip would pop
            // up on every open); an element marked data-autofocus wins.
            event.preventDefault();
            initialFocus(contentRef.current)?.focus();
          }}
          onCloseAutoFocus={(event) => event.preventDefault()}
        >
          <div className="ui-dialog-header">
            <div className="ui-dialog-heading">
              <RadixDialog.Title className="ui-dialog-title">{title}</RadixDialog.Title>
              {description ? (
                <RadixDialog.Description className="ui-dialog-description">
                  {description}
                </RadixDialog.Description>
              ) : null}
            </div>
            <IconButton
              icon={X}
              label={t('ui.close')}
              tooltipSide="bottom"
              className="ui-dialog-close"
              onClick={onClose}
            />
          </div>
          {footer ? (
            <>
              <DialogBody>{children}</DialogBody>
              <DialogFooter>{footer}</DialogFooter>
            </>
          ) : (
            children
          )}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}

const focusable =
  'button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), a[href], [tabindex]:not([tabindex="-1"])';

/** Where focus goes when a dialog opens: [data-autofocus], else the first control after the header. */
function initialFocus(content: HTMLElement | null): HTMLElement | null {
  if (!content) return null;
  return (
    content.querySelector<HTMLElement>('[data-autofocus]') ??
    [...content.querySelectorAll<HTMLElement>(focusable)].find(
      (element) => !element.closest('.ui-dialog-header'),
    ) ??
    content
  );
}

/** The part of a dialog that scrolls when its content is taller than the dialog. */
export function DialogBody({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={classNames('ui-dialog-body', className)}>{children}</div>;
}

/** The dialog's actions, always visible at the bottom; `start` holds a status or a side action. */
export function DialogFooter({
  children,
  start,
  className,
}: {
  children: ReactNode;
  start?: ReactNode;
  className?: string;
}) {
  return (
    <div className={classNames('ui-dialog-footer', className)}>
      {start ? <div className="ui-dialog-footer-start">{start}</div> : null}
      <div className="ui-dialog-footer-actions">{children}</div>
    </div>
  );
}

/**
 * A flex column that passes the dialog's height on to a DialogBody inside it (a <form> or a tab
 * panel between the dialog and its body/footer must not grow past the dialog).
 */
export const dialogPaneClass = 'ui-dialog-pane';
