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
import { Field, type FieldProps } from './field';

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

/**
 * Splits a text field's props into the frame's (for `Field`, with the "used / max" count when
 * there is a limit) and the control's own, which keep `maxLength` so the browser enforces it.
 */
function splitFrame<Props extends TextFieldFrame & { value: string; maxLength?: number }>(
  props: Props,
): { frame: Omit<FieldProps, 'children'>; control: Omit<Props, keyof TextFieldFrame> } {
  const { label, help, error, trailing, describedBy, fieldClassName, ...control } = props;
  const { maxLength, value } = props;
  return {
    frame: {
      label,
      help,
      error,
      trailing,
      describedBy,
      className: fieldClassName,
      limit: maxLength === undefined ? undefined : { used: value.length, max: maxLength },
    },
    control,
  };
}

/** A one-line text field: an <input>'s props (not id: the field owns it) plus the frame's. */
export interface TextFieldProps
  extends TextFieldFrame, Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  value: string;
}

/** A labelled one-line input. */
export const TextField = forwardRef<HTMLInputElement, TextFieldProps>(
  function TextField(props, ref) {
    const { frame, control: input } = splitFrame(props);
    return (
      <Field {...frame}>
        {(control) => (
          <input
            ref={ref}
            type="text"
            {...input}
            className={classNames('ui-input', input.className)}
            {...control}
          />
        )}
      </Field>
    );
  },
);

/** A multi-line text field: a <textarea>'s props plus the frame's. */
export interface TextAreaFieldProps
  extends TextFieldFrame, Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'children'> {
  value: string;
}

/** A labelled textarea. */
export const TextAreaField = forwardRef<HTMLTextAreaElement, TextAreaFieldProps>(
  function TextAreaField(props, ref) {
    const { frame, control: input } = splitFrame(props);
    return (
      <Field {...frame}>
        {(control) => (
          <textarea
            ref={ref}
            {...input}
            className={classNames('ui-input', 'ui-textarea', input.className)}
            {...control}
          />
        )}
      </Field>
    );
  },
);
