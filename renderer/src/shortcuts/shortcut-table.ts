/**
 * Parley's keyboard shortcuts as data: what each does, how it is written on this platform, and
 * whether a key press is it. The help sheet lists this table; the native menu shows the same
 * keys (main/desktop/menu-template.ts, kept equal by a test).
 */

import { t } from '../i18n';

/** What a shortcut does; the same names as the `app:command` commands. */
export type ShortcutId =
  | 'new-conversation'
  | 'search'
  | 'settings'
  | 'stop'
  | 'regenerate'
  | 'focus-composer'
  | 'previous-conversation'
  | 'next-conversation'
  | 'shortcuts';

/** One shortcut: its keys, with `Mod` meaning ⌘ on macOS and Ctrl elsewhere. */
export interface Shortcut {
  id: ShortcutId;
  /** In the current language (read on each access). */
  readonly label: string;
  /** Keys in order, e.g. ['Mod', 'Shift', 'R']. */
  keys: readonly string[];
}

/** A shortcut whose label follows the current language. */
function shortcut(id: ShortcutId, keys: readonly string[]): Shortcut {
  return {
    id,
    get label() {
      return t(`shortcutLabels.${id}`);
    },
    keys,
  };
}

/** Every shortcut, in the order the help sheet lists them. */
export const shortcuts: readonly Shortcut[] = [
  shortcut('new-conversation', ['Mod', 'N']),
  shortcut('search', ['Mod', 'K']),
  shortcut('settings', ['Mod', ',']),
  shortcut('focus-composer', ['/']),
  shortcut('stop', ['Esc']),
  shortcut('regenerate', ['Mod', 'Shift', 'R']),
  shortcut('previous-conversation', ['Mod', 'Shift', '[']),
  { id: 'next-conversation', label: 'Next conversation', keys: ['Mod', 'Shift', ']'] },
  shortcut('shortcuts', ['Mod', '/']),
];

/** True on macOS, where Mod is ⌘. */
export function isMac(platform: string = navigator.platform): boolean {
  return /^Mac|iPhone|iPad/.test(platform);
}

/** How a key is written: ⌘ ⇧ on macOS, Ctrl and Shift elsewhere. */
export function keyLabel(key: string, mac: boolean): string {
  if (key === 'Mod') return mac ? '⌘' : 'Ctrl';
  if (key === 'Shift') return mac ? '⇧' : 'Shift';
  return key;
}

/** The fields of a KeyboardEvent this reads. */
type KeyPress = Pick<
  KeyboardEvent,
  'key' | 'code' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing'
>;

/**
 * Which shortcut a key press is, or null. Stop (Esc) and Search (Mod+K) are not matched here:
 * the composer and the search hook already own them. Brackets match by physical key, so
 * Shift+[ works on layouts where it types another character.
 */
export function matchShortcut(event: KeyPress, mac: boolean): ShortcutId | null {
  if (event.isComposing) return null;
  const mod = mac ? event.metaKey && !event.ctrlKey : event.ctrlKey && !event.metaKey;
  const key = event.key.toLowerCase();
  if (!mod) {
    const bare = !event.ctrlKey && !event.metaKey && !event.altKey;
    return bare && event.key === '/' ? 'focus-composer' : null;
  }
  if (event.altKey) return null;
  if (event.shiftKey) {
    if (key === 'r') return 'regenerate';
    if (event.code === 'BracketLeft') return 'previous-conversation';
    if (event.code === 'BracketRight') return 'next-conversation';
    return null;
  }
  if (key === 'n') return 'new-conversation';
  if (key === ',') return 'settings';
  if (key === '/') return 'shortcuts';
  return null;
}

/** True when the key press is typing into a field ('/' there is a slash, not a shortcut). */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
}
