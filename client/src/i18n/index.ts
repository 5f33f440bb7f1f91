/** i18next setup: bundled English and Spanish resources, a loud missing-key handler, <html lang>. */
import i18next from 'i18next';
import type { i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES } from '@tandem/shared';
import type { Language } from '@tandem/shared';
type Tree = { [key: string]: string | Tree };

/**
 * Strings live in one file per feature area: locales/<lang>/<area>.json, each with its own top-level keys.
 * They are merged into one `translation` namespace.
 */
const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function bundle(lang: Language): Tree {
  const merged: Tree = {};
  for (const [path, tree] of Object.entries(files)) {
    if (path.split('/')[2] !== lang) continue;
    for (const [key, value] of Object.entries(tree)) {
      if (key in merged) throw new Error(`i18n: top-level key "${key}" is defined twice (${path})`);
      merged[key] = value;
    }
  }
  return merged;
}

export const translations: Record<Language, Tree> = { en: bundle('en'), es: bundle('es') };

export const resources = {
  en: { translation: translations.en },
  es: { translation: translations.es },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The first supported language among the browser's preferences, else English. */
export function detectBrowserLanguage(preferred: readonly string[] = navigator.languages ?? []): Language {
  for (const tag of preferred) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

export function missingKeyHandler(_lngs: readonly string[], _ns: string, key: string): void {
  console.warn('i18n missing key: ' + key);
}

function syncDocumentLanguage(lng: string): void {
  if (typeof document !== 'undefined') document.documentElement.lang = lng;
}

export function createI18n(lng: Language): I18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    supportedLngs: [...LANGUAGES],
    initAsync: false,
    showSupportNotice: false,
    saveMissing: true,
    missingKeyHandler,
    interpolation: { escapeValue: false },
    react: { useSuspense: false },
  });
  instance.on('languageChanged', syncDocumentLanguage);
  syncDocumentLanguage(instance.language);
  return instance;
}
