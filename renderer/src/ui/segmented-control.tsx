/**
 * A segmented control: a row of two to four mutually exclusive choices, all visible, one
 * always chosen (a radio group drawn as joined buttons). On Radix's single ToggleGroup, which
 * renders role="radiogroup" with role="radio"/aria-checked items and moves between them with
 * the arrow keys (WAI-ARIA radio group, https://www.w3.org/WAI/ARIA/apg/patterns/radio/). As
 * that pattern asks, moving with an arrow key also chooses (Radix's toggle group only moves).
 */
import { useId, useRef, type ReactNode } from 'react';
import { ToggleGroup } from 'radix-ui';
import type { LucideIcon } from 'lucide-react';
import { classNames } from './button';
import './controls.css';

/** One segment: its value, its words and an optional icon before them. */
export interface Segment<T extends string> {
  value: T;
  label: string;
  icon?: LucideIcon;
}

/** A segmented control's props: the chosen value, the segments and the group's label. */
export interface SegmentedControlProps<T extends string> {
  label: ReactNode;
  /** Shown under the control; describes the group. */
  help?: ReactNode;
  value: T;
  onValueChange: (value: T) => void;
  segments: ReadonlyArray<Segment<T>>;
  className?: string;
}

/** A labelled segmented control. Choosing the chosen segment again keeps it (never empty). */
export function SegmentedControl<T extends string>({
  label,
  help,
  value,
  onValueChange,
  segments,
  className,
}: SegmentedControlProps<T>) {
  const id = useId();
  const helpId = `${id}-help`;
  // Set by an arrow key, so the focus it moves also chooses (a click or Tab only focuses).
  const arrowing = useRef(false);
  return (
    <div className={classNames('ui-field', className)}>
      <span id={id} className="ui-field-label">
        {label}
      </span>
      <ToggleGroup.Root
        type="single"
        className="ui-segmented"
        aria-labelledby={id}
        aria-describedby={help ? helpId : undefined}
        value={value}
        onKeyDownCapture={(event) => {
          arrowing.current = /^(Arrow(Left|Right|Up|Down)|Home|End)$/.test(event.key);
        }}
        onValueChange={(next) => {
          // Radix reports "" when the chosen item is pressed again; a choice stays chosen.
          const chosen = segments.find((segment) => segment.value === next);
          if (chosen) onValueChange(chosen.value);
        }}
      >
        {segments.map(({ value: segmentValue, label: segmentLabel, icon: Icon }) => (
          <ToggleGroup.Item
            key={segmentValue}
            value={segmentValue}
            className="ui-segment"
            onFocus={() => {
              if (!arrowing.current) return;
              arrowing.current = false;
              onValueChange(segmentValue);
            }}
          >
            {Icon ? <Icon className="ui-icon" aria-hidden="true" /> : null}
            {segmentLabel}
          </ToggleGroup.Item>
        ))}
      </ToggleGroup.Root>
      {help ? (
        <p id={helpId} className="ui-field-help">
          {help}
        </p>
      ) : null}
    </div>
  );
}
