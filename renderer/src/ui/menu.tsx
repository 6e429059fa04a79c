/**
 * A menu of actions opened from a button (WAI-ARIA menu button pattern,
 * https://www.w3.org/WAI/ARIA/apg/patterns/menu-button/) on Radix's DropdownMenu: the trigger
 * says it has a popup, arrow keys move between items, typing a letter jumps to an item, Enter
 * or Space chooses, Escape closes and focus goes back to the trigger.
 */
import type { ReactElement } from 'react';
import { DropdownMenu } from 'radix-ui';
import type { LucideIcon } from 'lucide-react';
import { classNames } from './button';
import './menu.css';

/** One menu item: what it says, what it does, and whether it destroys something. */
export interface MenuItem {
  label: string;
  onSelect: () => void;
  icon?: LucideIcon;
  /** Drawn in the danger colour (Delete). */
  danger?: boolean;
  disabled?: boolean;
  /** Shown right-aligned, e.g. "Ctrl+K" (not part of the item's name). */
  shortcut?: string;
}

/** A separator between groups of items. */
export const menuSeparator = 'separator' as const;

/** A menu's props: its trigger (one element that takes a ref, e.g. an IconButton) and items. */
export interface MenuProps {
  trigger: ReactElement;
  items: ReadonlyArray<MenuItem | typeof menuSeparator>;
  /** Where the menu opens relative to the trigger. */
  align?: 'start' | 'end';
  side?: 'top' | 'bottom';
  /** The menu's accessible name, when the trigger's is not enough. */
  label?: string;
}

/** A button that opens a menu of actions. */
export function Menu({ trigger, items, align = 'end', side = 'bottom', label }: MenuProps) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>{trigger}</DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content
          className="ui-menu"
          align={align}
          side={side}
          sideOffset={4}
          aria-label={label}
        >
          {items.map((item, index) =>
            item === menuSeparator ? (
              <DropdownMenu.Separator key={`separator-${index}`} className="ui-menu-separator" />
            ) : (
              <DropdownMenu.Item
                key={item.label}
                className={classNames('ui-menu-item', item.danger && 'is-danger')}
                disabled={item.disabled}
                onSelect={item.onSelect}
              >
                {item.icon ? <item.icon className="ui-icon" aria-hidden="true" /> : null}
                <span className="ui-menu-item-label">{item.label}</span>
                {item.shortcut ? (
                  <span className="ui-menu-item-shortcut" aria-hidden="true">
                    {item.shortcut}
                  </span>
                ) : null}
              </DropdownMenu.Item>
            ),
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
