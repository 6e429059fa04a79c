import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { de } from './de';
import { en } from './en';

/**
 * The renderer's one i18n layer (i18next + react-i18next). Resources are bundled and the
 * instance initialises synchronously on import: no backend plugin, no network (CSP allows only
 * 'self'). Components render text through `useTranslation()`; plain functions use `t`.
 *
 * Error sentences that come from main (ChatError.message, failure.message) are main's and are
 * shown as they arrive; only the renderer's own words go through here.
 */
export const resources = {
  en: { translation: en },
  de: { translation: de },
} as const;

export type Language = keyof typeof resources;
export const languages = Object.keys(resources) as Language[];
export const fallbackLanguage: Language = 'en';

/** The first of the user's languages Parley speaks ("de-AT" → "de"), else English. */
export function pickLanguage(preferred: readonly (string | undefined)[]): Language {
  for (const tag of preferred) {
    const base = tag?.toLowerCase().split('-')[0];
    const match = languages.find((language) => language === base);
    if (match) return match;
  }
  return fallbackLanguage;
}

function navigatorLanguages(): string[] {
  if (typeof navigator === 'undefined') return [];
  return [...(navigator.languages ?? []), navigator.language];
}

export const i18n = i18next.createInstance();
void i18n.use(initReactI18next).init({
  resources,
  lng: pickLanguage(navigatorLanguages()),
  fallbackLng: fallbackLanguage,
  supportedLngs: languages,
  initAsync: false,
  // React escapes what it renders.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** For code outside components (formatters); reads the current language on each call. */
export const t: typeof i18n.t = ((...args: Parameters<typeof i18n.t>) =>
  i18n.t(...args)) as typeof i18n.t;

export { useTranslation } from 'react-i18next';
