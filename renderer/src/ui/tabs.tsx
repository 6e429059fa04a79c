/**
 * Tabs (WAI-ARIA tabs pattern, https://www.w3.org/WAI/ARIA/apg/patterns/tabs/) on Radix's
 * Tabs: a tablist with roving focus (arrow keys, Home, End move and select), each tab
 * controlling its panel. Only the chosen panel is rendered.
 */
import type { ReactNode } from 'react';
import { Tabs as RadixTabs } from 'radix-ui';
import type { LucideIcon } from 'lucide-react';
import { classNames } from './button';
import './controls.css';

/** One tab: its value, its words and an optional icon. */
export interface TabItem<T extends string> {
  value: T;
  label: string;
  icon?: LucideIcon;
}

/** Tabs' props: the chosen tab, the tabs, the tablist's name and the chosen tab's panel. */
export interface TabsProps<T extends string> {
  value: T;
  onValueChange: (value: T) => void;
  tabs: ReadonlyArray<TabItem<T>>;
  /** The tablist's accessible name ("Settings sections"). */
  label: string;
  /** The chosen tab's content. */
  children: ReactNode;
  className?: string;
  panelClassName?: string;
  /**
   * Name the panel by its tab (the pattern's default). Off where the tab's word would shadow a
   * field's label inside the panel for assistive technology and tests.
   */
  labelPanel?: boolean;
}

/** A tablist and the chosen tab's panel. */
export function Tabs<T extends string>({
  value,
  onValueChange,
  tabs,
  label,
  children,
  className,
  panelClassName,
  labelPanel = true,
}: TabsProps<T>) {
  const choose = (next: string) => {
    const tab = tabs.find((item) => item.value === next);
    if (tab) onValueChange(tab.value);
  };
  return (
    <RadixTabs.Root
      className={classNames('ui-tabs', className)}
      value={value}
      onValueChange={choose}
    >
      <RadixTabs.List className="ui-tab-list" aria-label={label}>
        {tabs.map(({ value: tabValue, label: tabLabel, icon: Icon }) => (
          <RadixTabs.Trigger
            key={tabValue}
            value={tabValue}
            className="ui-tab"
            // Radix selects on mousedown; a click (also a synthetic one) selects too.
            onClick={() => choose(tabValue)}
          >
            {Icon ? <Icon className="ui-icon" aria-hidden="true" /> : null}
            {tabLabel}
          </RadixTabs.Trigger>
        ))}
      </RadixTabs.List>
      <RadixTabs.Content
        value={value}
        className={classNames('ui-tab-panel', panelClassName)}
        {...(labelPanel ? {} : { 'aria-labelledby': undefined })}
      >
        {children}
      </RadixTabs.Content>
    </RadixTabs.Root>
  );
}
