import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { Ellipsis, type LucideIcon } from 'lucide-react';
import { classNames } from '../ui/button';

/** One entry of a conversation's menu. */
export interface MenuItem {
  readonly label: string;
  /** Shown before the label (hidden from screen readers: the label names the action). */
  readonly icon?: LucideIcon;
  readonly run: () => void;
  /** Set apart (Delete), so it is not hit by accident. */
  readonly danger?: boolean;
}

interface RowMenuProps {
  /** The menu button's accessible name, e.g. "Actions for Trip to Lisbon". */
  label: string;
  items: readonly MenuItem[];
}

/**
 * A menu button and its popup, following the WAI-ARIA menu pattern: the first item takes focus,
 * arrows, Home and End move, Enter runs, Esc and Tab close (Esc gives focus back to the button),
 * and a click elsewhere closes it.
 */
export function RowMenu({ label, items }: RowMenuProps) {
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLUListElement>(null);
  const menuId = useId();

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onPointerDown = (event: MouseEvent) => {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', onPointerDown);
    return () => document.removeEventListener('mousedown', onPointerDown);
  }, [open]);

  function close(refocus: boolean) {
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  }

  function onKeyDown(event: KeyboardEvent<HTMLUListElement>) {
    const entries = [
      ...(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []),
    ];
    const at = entries.indexOf(document.activeElement as HTMLElement);
    const move: Record<string, number> = {
      ArrowDown: (at + 1) % entries.length,
      ArrowUp: (at - 1 + entries.length) % entries.length,
      Home: 0,
      End: entries.length - 1,
    };
    if (event.key in move) {
      event.preventDefault();
      entries[move[event.key] ?? 0]?.focus();
    } else if (event.key === 'Escape') {
      // Consumed: Esc here closes the menu, it must not also stop a reply.
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  }

  return (
    <div className="row-menu">
      <button
        ref={buttonRef}
        type="button"
        className="ui-button ui-button-ghost ui-button-sm ui-icon-button row-menu-button"
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        <Ellipsis className="ui-icon" aria-hidden="true" />
      </button>
      {open ? (
        <ul
          ref={menuRef}
          id={menuId}
          className="row-menu-popup"
          role="menu"
          aria-label={label}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li
              key={item.label}
              role="none"
              className={item.danger ? 'row-menu-danger' : undefined}
            >
              <button
                type="button"
                role="menuitem"
                tabIndex={-1}
                className={classNames('row-menu-item', item.danger && 'is-danger')}
                onClick={() => {
                  close(false);
                  item.run();
                }}
              >
                {item.icon ? <item.icon className="row-menu-icon" aria-hidden="true" /> : null}
                {item.label}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
