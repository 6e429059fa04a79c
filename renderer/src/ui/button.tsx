/**
 * Parley's buttons: one component, five looks. Every button in the app is one of these, so a
 * look changes in one place (ui.css) and keyboard, focus and disabled states are the same
 * everywhere. A native <button> underneath: Enter and Space activate it as the WAI-ARIA
 * button pattern asks (https://www.w3.org/WAI/ARIA/apg/patterns/button/).
 */
import { forwardRef, type ButtonHTMLAttributes, type ReactNode } from 'react';
import type { LucideIcon } from 'lucide-react';
import { Tooltip } from './tooltip';
import './ui.css';

/**
 * `primary`: the one action a screen is for (Send, Save). `secondary`: any other action.
 * `ghost`: an action that should not draw the eye until hovered (toolbars, message actions).
 * `danger`: destroys something (Delete, Stop when it ends a reply).
 */
export type ButtonVariant = 'primary' | 'secondary' | 'ghost' | 'danger';

/** `md` is the default control height (--control-height); `sm` fits a row of small actions. */
export type ButtonSize = 'sm' | 'md';

/** A button's props: a native button's, plus its look and an optional leading icon. */
export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shown before the label, hidden from screen readers (the label names the action). */
  icon?: LucideIcon;
}

/** A labelled button. `type` defaults to "button", so it never submits a form by accident. */
export const Button = forwardRef<HTMLButtonElement, ButtonProps>(function Button(
  { variant = 'secondary', size = 'md', icon: Icon, className, children, type, ...rest },
  ref,
) {
  return (
    <button
      ref={ref}
      type={type ?? 'button'}
      className={classNames('ui-button', `ui-button-${variant}`, `ui-button-${size}`, className)}
      {...rest}
    >
      {Icon ? <Icon className="ui-icon" aria-hidden="true" /> : null}
      {children}
    </button>
  );
});

/** An icon-only button's props: its accessible name is required and also shown as its tooltip. */
export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  icon: LucideIcon;
  /** The accessible name (aria-label) and the tooltip's text: what the button does, in words. */
  label: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Shown in the tooltip after the label, e.g. "Ctrl+K" (not part of the accessible name). */
  shortcut?: string;
  /** Where the tooltip opens; default above. */
  tooltipSide?: 'top' | 'bottom' | 'left' | 'right';
  /** Extra content after the icon (a badge such as a count). */
  children?: ReactNode;
}

/**
 * A square button that shows only an icon. Its label is its accessible name and appears as a
 * tooltip on hover and on keyboard focus, so sighted mouse, keyboard and screen-reader users
 * all learn what it does.
 */
export const IconButton = forwardRef<HTMLButtonElement, IconButtonProps>(function IconButton(
  {
    icon: Icon,
    label,
    variant = 'ghost',
    size = 'md',
    shortcut,
    tooltipSide = 'top',
    className,
    type,
    children,
    ...rest
  },
  ref,
) {
  return (
    <Tooltip content={shortcut ? `${label} (${shortcut})` : label} side={tooltipSide}>
      <button
        ref={ref}
        type={type ?? 'button'}
        aria-label={label}
        className={classNames(
          'ui-button',
          'ui-icon-button',
          `ui-button-${variant}`,
          `ui-button-${size}`,
          className,
        )}
        {...rest}
      >
        <Icon className="ui-icon" aria-hidden="true" />
        {children}
      </button>
    </Tooltip>
  );
});

/** Join class names, skipping empty ones. */
export function classNames(...names: Array<string | false | null | undefined>): string {
  return names.filter(Boolean).join(' ');
}
