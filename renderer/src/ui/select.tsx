/**
 * A labelled select: the native <select>, styled with tokens and a chevron. Native on purpose:
 * it is a listbox every screen reader and keyboard knows (type-to-find, arrow keys, the
 * platform's own popup), and tests and users can pick an option by its value.
 */
import { forwardRef, type ReactNode, type SelectHTMLAttributes } from 'react';
import { ChevronDown } from 'lucide-react';
import { classNames } from './button';
import { Field } from './field';

/** One option: the value sent, the words shown. */
export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

/** A select field's props: a <select>'s (not id) plus label, help, error and its options. */
export interface SelectFieldProps extends Omit<
  SelectHTMLAttributes<HTMLSelectElement>,
  'id' | 'children'
> {
  label: ReactNode;
  help?: ReactNode;
  error?: ReactNode;
  /** The options; or pass `children` (<option>, <optgroup>) for groups. */
  options?: SelectOption[];
  children?: ReactNode;
  fieldClassName?: string;
}

/** A labelled native select with the app's look. */
export const SelectField = forwardRef<HTMLSelectElement, SelectFieldProps>(function SelectField(
  { label, help, error, options, children, fieldClassName, className, ...select },
  ref,
) {
  return (
    <Field label={label} help={help} error={error} className={fieldClassName}>
      {(control) => (
        <span className="ui-select">
          <select ref={ref} className={classNames('ui-input', className)} {...select} {...control}>
            {options?.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
            {children}
          </select>
          <ChevronDown className="ui-select-chevron" aria-hidden="true" />
        </span>
      )}
    </Field>
  );
});
