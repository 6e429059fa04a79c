/**
 * A form field's frame: label, the control, help text, an error and, for inputs with a size
 * limit, a count that says the limit in words before the user reaches it ("12 / 500
 * characters"). The control itself is passed as a render function that receives the ids it
 * must carry, so a text input, a textarea and a select share one layout and one set of
 * accessibility rules: the label names the control (<label for>), help, count and error
 * describe it (aria-describedby), and an error marks it invalid (aria-invalid).
 */
import { useId, type ReactNode } from 'react';
import { useTranslation } from '../i18n';
import { classNames } from './button';
import './controls.css';

/** What a field's control must carry to be named and described by the field. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

/** A character limit and how much of it is used (both in UTF-16 code units, as maxLength counts). */
export interface FieldLimit {
  used: number;
  max: number;
}

/** A field's props: its words, and the control rendered with the ids it is given. */
export interface FieldProps {
  label: ReactNode;
  /** One short sentence under the control: what to enter, or what happens with it. */
  help?: ReactNode;
  /** What is wrong with the value, in words a user acts on; marks the control invalid. */
  error?: ReactNode;
  /** Shows "used / max characters" under the control from the first keystroke. */
  limit?: FieldLimit;
  /** Controls beside the input on the same row (a "Load models" or "Show key" button). */
  trailing?: ReactNode;
  /** Extra ids that also describe the control (a note rendered elsewhere). */
  describedBy?: string;
  className?: string;
  children: (control: FieldControlProps) => ReactNode;
}

/** Share of the limit after which the count turns to a warning and is announced. */
const nearLimit = 0.9;

/** Lay out one field; see the module comment for the accessibility contract. */
export function Field({
  label,
  help,
  error,
  limit,
  trailing,
  describedBy,
  className,
  children,
}: FieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const helpId = `${id}-help`;
  const countId = `${id}-count`;
  const errorId = `${id}-error`;
  const near = limit ? limit.used >= limit.max * nearLimit : false;
  const described =
    [describedBy, help ? helpId : null, limit ? countId : null, error ? errorId : null]
      .filter(Boolean)
      .join(' ') || undefined;
  const control = children({
    id,
    'aria-describedby': described,
    ...(error ? { 'aria-invalid': true as const } : {}),
  });
  return (
    <div className={classNames('ui-field', className)}>
      <label className="ui-field-label" htmlFor={id}>
        {label}
      </label>
      {trailing ? (
        <div className="ui-field-row">
          {control}
          {trailing}
        </div>
      ) : (
        control
      )}
      {help || limit ? (
        <div className="ui-field-meta">
          {help ? (
            <p id={helpId} className="ui-field-help">
              {help}
            </p>
          ) : null}
          {limit ? (
            <p
              id={countId}
              className={classNames('ui-field-count', near && 'is-near')}
              // Announced only close to the limit: a count read out on every keystroke is noise.
              aria-live={near ? 'polite' : 'off'}
            >
              {t('ui.characterCount', { used: limit.used, max: limit.max })}
            </p>
          ) : null}
        </div>
      ) : null}
      {error ? (
        <p id={errorId} className="ui-field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
