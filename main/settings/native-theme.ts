import type { AppSettingsView, ThemeChoice } from '../../preload/api';

/** Where Electron takes the app's theme from (`nativeTheme` in the app). */
export interface ThemeSourceTarget {
  themeSource: ThemeChoice;
}

/** The preferences, and a way to hear when they change (SettingsService in the app). */
export interface ThemeSetting {
  view(): AppSettingsView;
  onChange(listener: (view: AppSettingsView) => void): () => void;
}

/**
 * Keep Electron's theme source in step with the Appearance setting, so native menus, dialogs
 * and new windows' background follow a light or dark choice, and the OS when it is 'system'.
 * Returns a function that stops following.
 */
export function followThemeSetting(target: ThemeSourceTarget, setting: ThemeSetting): () => void {
  const apply = (theme: ThemeChoice) => {
    if (target.themeSource !== theme) target.themeSource = theme;
  };
  apply(setting.view().theme);
  return setting.onChange((view) => apply(view.theme));
}
