/**
 * Text inputs with their label, help, error and optional character limit (see field.tsx).
 * `TextField` is one line; `TextAreaField` is several. With `maxLength` the field shows
 * "used / max characters" as the user types and the browser stops input at the limit, so the
 * limit is known before it is reached and no validator's message is ever needed for it.
 */
import {
  forwardRef,
  type InputHTMLAttributes,
  type ReactNode,
  type TextareaHTMLAttributes,
} from 'react';
import { classNames } from './button';
import { Field } from './field';

/** Props shared by both text fields: the field's words around the control. */
interface TextFieldFrame {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  /** Controls on the input's row, after it. */
  trailing?: ReactNode;
  /** Ids of notes elsewhere that also describe the input. */
  describedBy?: string;
  /** Class of the field's frame (the input takes `className`). */
  fieldClassName?: string;
}

/** A one-line text field: an <input>'s props (not id: the field owns it) plus the frame's. */
export interface TextFieldProps
  extends TextFieldFrame, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  value: string;
}

/** A labelled one-line input. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(function TextField(
  { label, help, error, trailing, describedBy, fieldClassName, className, maxLength, ...input },
  ref,
) {
  return (
    <Field
      label={label}
      help={help}
      error={error}
      trailing={trailing}
      describedBy={describedBy}
      className={fieldClassName}
      limit={maxLength === undefined ? undefined : { used: input.value.length, max: maxLength }}
    >
      {(control) => (
        <input
          ref={ref}
          type="text"
          className={classNames('ui-input', className)}
          maxLength={maxLength}
          {...input}
          {...control}
        />
      )}
    </Field>
  );
});

/** A multi-line text field: a <textarea>'s props plus the frame's. */
export interface TextAreaFieldProps
  extends TextFieldFrame, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  value: string;
}

/** A labelled textarea. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(
  function TextAreaField(
    { label, help, error, trailing, describedBy, fieldClassName, className, maxLength, ...input },
    ref,
  ) {
    return (
      <Field
        label={label}
        help={help}
        error={error}
        trailing={trailing}
        describedBy={describedBy}
        className={fieldClassName}
        limit={maxLength === undefined ? undefined : { used: input.value.length, max: maxLength }}
      >
        {(control) => (
          <textarea
            ref={ref}
            className={classNames('ui-input', 'ui-textarea', className)}
            maxLength={maxLength}
            {...input}
            {...control}
          />
        )}
      </Field>
    );
  },
);
