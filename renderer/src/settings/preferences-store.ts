import { useSyncExternalStore } from 'react';
import type {
  AppSettingsView,
  IpcFailure,
  ParleyApi,
  SetAppSettingsRequest,
} from '../../../preload/api';
import { settle } from '../chat/settle';

/** What a fresh install uses until main answers. */
const fallback: AppSettingsView = {
  theme: 'system',
  fontSize: 'default',
  sendWith: 'enter',
  downloadSpellingDictionaries: false,
  sessionOnlyKeys: false,
  dataDir: '',
  notices: [],
};

/**
 * App preferences (theme, send shortcut, …) as a tiny external store, one per bridge, so the
 * composer and the settings window share them without threading props through the app.
 */
export class PreferencesStore {
  private value: AppSettingsView = fallback;
  private profilesVersion = 0;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly api: ParleyApi) {}

  /** The current preferences. */
  readonly get = (): AppSettingsView => this.value;

  /** Be told when they change. */
  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Goes up whenever provider profiles change, so whoever shows them loads them again. */
  readonly getProfilesVersion = (): number => this.profilesVersion;

  /** Say that profiles were saved, deleted or made the default. */
  profilesChanged(): void {
    this.profilesVersion += 1;
    for (const listener of [...this.listeners]) listener();
  }

  /** Ask main for them; returns the failure, if any. */
  async load(): Promise<IpcFailure | null> {
    const result = await settle(() => this.api.settings.get());
    if (!result.ok) return result.error;
    this.apply(result.value);
    return null;
  }

  /** Change some; the page follows at once (the theme too). */
  async update(request: SetAppSettingsRequest): Promise<IpcFailure | null> {
    const result = await settle(() => this.api.settings.set(request));
    if (!result.ok) return result.error;
    this.apply(result.value);
    return null;
  }

  private apply(value: AppSettingsView): void {
    this.value = value;
    applyTheme(value.theme);
    applyFontSize(value.fontSize);
    for (const listener of [...this.listeners]) listener();
  }
}

/** Light, dark or the system's: the stylesheet keys its colours on `data-theme`. */
export function applyTheme(theme: AppSettingsView['theme']): void {
  const root = document.documentElement;
  if (theme === 'system') delete root.dataset.theme;
  else root.dataset.theme = theme;
  root.style.colorScheme = theme === 'system' ? '' : theme;
}

/** The base text size, in px, of each choice; base.css reads it as `--font-size`. */
export const fontSizePx: Record<AppSettingsView['fontSize'], number> = {
  small: 13,
  default: 15,
  large: 17,
};

/** Small, default or large text: sets the base size the stylesheet scales from. */
export function applyFontSize(size: AppSettingsView['fontSize']): void {
  document.documentElement.style.setProperty('--font-size', `${fontSizePx[size]}px`);
}

const stores = new WeakMap<ParleyApi, PreferencesStore>();

/** The preferences store for a bridge (one per app). */
export function preferencesFor(api: ParleyApi): PreferencesStore {
  let store = stores.get(api);
  if (!store) stores.set(api, (store = new PreferencesStore(api)));
  return store;
}

/** The current preferences; re-renders when they change. */
export function usePreferences(api: ParleyApi): AppSettingsView {
  const store = preferencesFor(api);
  return useSyncExternalStore(store.subscribe, store.get);
}

/** A number that changes whenever provider profiles do. */
export function useProfilesVersion(api: ParleyApi): number {
  const store = preferencesFor(api);
  return useSyncExternalStore(store.subscribe, store.getProfilesVersion);
}
