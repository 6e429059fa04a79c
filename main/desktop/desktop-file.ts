/**
 * `desktop.json` in userData: the main window's place per display configuration and the quick-ask
 * shortcut. Small, rewritten whole, and never a reason not to start: a damaged file reads as
 * the defaults.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { WindowState } from './window-state';

/** The global shortcut that opens quick ask unless the user set another in desktop.json. */
export const defaultQuickAskShortcut = 'CommandOrControl+Shift+Space';

/** What desktop.json holds. */
export interface DesktopPreferences {
  /** Keyed by `displayKey` of the displays the window was on. */
  windows: Record<string, WindowState>;
  /** An Electron accelerator; '' turns the global shortcut off. */
  quickAskShortcut: string;
}

const rect = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().min(1),
  height: z.number().finite().min(1),
});
const schema = z.object({
  windows: z
    .record(z.string().max(2_000), z.object({ bounds: rect, maximized: z.boolean() }))
    .catch({}),
  quickAskShortcut: z.string().max(100).catch(defaultQuickAskShortcut),
});

/** At most this many display configurations are remembered; the oldest goes first. */
export const maxRememberedConfigurations = 8;

/** Read desktop.json; a missing or damaged file gives the defaults. */
export function readDesktopPreferences(path: string): DesktopPreferences {
  try {
    const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (parsed.success) return parsed.data;
  } catch {
    // Missing or not JSON: start from the defaults below.
  }
  return { windows: {}, quickAskShortcut: defaultQuickAskShortcut };
}

/** Write desktop.json atomically (temp file, then rename), so a crash never leaves half a file. */
export function writeDesktopPreferences(path: string, preferences: DesktopPreferences): void {
  const entries = Object.entries(preferences.windows).slice(-maxRememberedConfigurations);
  const data = { ...preferences, windows: Object.fromEntries(entries) };
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.tmp`;
  writeFileSync(temp, `${JSON.stringify(data, null, 2)}\n`);
  renameSync(temp, path);
}

/** The preferences with `state` remembered for `key` (moved to the newest place). */
export function rememberWindow(
  preferences: DesktopPreferences,
  key: string,
  state: WindowState,
): DesktopPreferences {
  const { [key]: _old, ...others } = preferences.windows;
  return { ...preferences, windows: { ...others, [key]: state } };
}
