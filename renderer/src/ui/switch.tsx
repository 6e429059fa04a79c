/**
 * An on/off switch (WAI-ARIA switch pattern, https://www.w3.org/WAI/ARIA/apg/patterns/switch/):
 * a native <button role="switch" aria-checked>, so Space and Enter toggle it as any button, and
 * the label beside it names it. Not Radix's Switch: inside a <form> it adds a hidden checkbox
 * measured with ResizeObserver, which this app has no use for (nothing submits a form natively). For a setting that takes effect at once; a choice
 * among more than two values is a SegmentedControl.
 */
import { useId, type ReactNode } from 'react';
import { classNames } from './button';
import './controls.css';

/** A switch's props: its state, what it is called and, optionally, what turning it on does. */
export interface SwitchProps {
  checked: boolean;
  onCheckedChange: (checked: boolean) => void;
  label: ReactNode;
  /** One or two sentences under the label; describes the switch (aria-describedby). */
  description?: ReactNode;
  disabled?: boolean;
  className?: string;
}

/** A labelled switch: the label on the left, the switch on the right, the description below. */
export function Switch({
  checked,
  onCheckedChange,
  label,
  description,
  disabled,
  className,
}: SwitchProps) {
  const id = useId();
  const descriptionId = `${id}-description`;
  return (
    <div className={classNames('ui-switch-field', className)}>
      <div className="ui-switch-row">
        <label className="ui-switch-label" htmlFor={id}>
          {label}
        </label>
        <button
          id={id}
          type="button"
          role="switch"
          className="ui-switch"
          aria-checked={checked}
          data-state={checked ? 'checked' : 'unchecked'}
          disabled={disabled}
          aria-describedby={description ? descriptionId : undefined}
          onClick={() => onCheckedChange(!checked)}
        >
          <span className="ui-switch-thumb" aria-hidden="true" />
        </button>
      </div>
      {description ? (
        <p id={descriptionId} className="ui-field-help">
          {description}
        </p>
      ) : null}
    </div>
  );
}
