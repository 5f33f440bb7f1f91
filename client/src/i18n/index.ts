/**
 * i18next setup: strings load on demand, one language at a time; a loud missing-key handler; <html lang>.
 *
 * Strings live in one file per feature area: locales/<lang>/<area>.json, each with its own top-level keys. Each
 * file is an i18next namespace, fetched only for the active language: `core` (every page, the join page) before
 * the first render, the others (`map`, `video`, ...) by the pages that need them, before those render
 * (`loadStrings`, awaited by the router and the room's lazy parts). Keys stay unprefixed (`t('map.title')`):
 * `core` is the default namespace and the others are its fallbacks. Switching language loads every namespace
 * already loaded, in the new language, before the switch takes effect (no key ever flashes).
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import i18next from 'i18next';
import type { i18n as I18n, Resource } from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';
import { LANGUAGES } from '@tandem/shared';
import type { Language } from '@tandem/shared';

export type Tree = { [key: string]: string | Tree };

/** Lazy imports, one chunk per language and area. */
const loaders = import.meta.glob<Tree>('./locales/*/*.json', { import: 'default' });

/** The areas (namespaces), from the file names; `core` first. */
export const NAMESPACES: readonly string[] = [
  ...new Set(['core', ...Object.keys(loaders).map((p) => (p.split('/')[3] ?? '').replace(/\.json$/, ''))]),
];
const DEFAULT_NS = 'core';

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

/** The app's instance (the last one made without bundled resources): what `loadStrings` loads into. */
let appInstance: I18n | null = null;

/**
 * A new i18next instance in `lng`. Without `resources` (the app) strings are fetched per namespace: await
 * `loadStrings(['core'])` before the first render. With `resources` (tests, see bundled.ts) it is ready at once.
 */
export function createI18n(lng: Language, options: { resources?: Resource } = {}): I18n {
  const instance = i18next.createInstance();
  if (!options.resources) {
    instance.use(
      resourcesToBackend((language: string, ns: string) => {
        const load = loaders[`./locales/${language}/${ns}.json`];
        return load ? load() : Promise.reject(new Error(`i18n: no strings for ${language}/${ns}`));
      }),
    );
    appInstance = instance;
  }
  void instance.use(initReactI18next).init({
    ...(options.resources ? { resources: options.resources, ns: [...NAMESPACES] } : { ns: [DEFAULT_NS] }),
    lng,
    // No fallback language: the i18n test keeps English and Spanish key for key, and a Spanish page then never
    // downloads the English strings as well.
    fallbackLng: false,
    load: 'currentOnly',
    supportedLngs: [...LANGUAGES],
    defaultNS: DEFAULT_NS,
    fallbackNS: NAMESPACES.filter((ns) => ns !== DEFAULT_NS),
    initAsync: false,
    showSupportNotice: false,
    saveMissing: true,
    missingKeyHandler,
    interpolation: { escapeValue: false },
    // Re-render when strings arrive, not only when the language changes (a namespace loaded late shows at once).
    react: { useSuspense: false, bindI18n: 'languageChanged loaded' },
  });
  instance.on('languageChanged', syncDocumentLanguage);
  syncDocumentLanguage(instance.language);
  return instance;
}

/**
 * Loads namespaces (default: all) in the active language into the app's instance; resolves once they are there
 * (at once when they already are, or in tests, where no app instance exists). A failed fetch is reported on the
 * console and the page renders anyway (its strings then show as keys, as a missing key would).
 */
export async function loadStrings(namespaces: readonly string[] = NAMESPACES): Promise<void> {
  const instance = appInstance;
  if (!instance) return;
  await instance.loadNamespaces([...namespaces]).catch((err: unknown) => console.error(err));
  // A language change under way (a partner's page switching to their language as it opens) loads only the namespaces
  // it knew of when it started, and a load started before it lands in the old language: make sure these are there
  // in the language the page is in, or is going to, before it renders with them.
  const changing = (instance as I18n & { isLanguageChangingTo?: string }).isLanguageChangingTo;
  for (const lng of new Set([instance.language, changing])) {
    const missing = lng ? namespaces.filter((ns) => !instance.hasResourceBundle(lng, ns)) : [];
    // Just the missing namespaces in just that language (`loadLanguages` would also add it to the preload list, and
    // every later namespace would then be fetched in both languages).
    if (lng && missing.length > 0)
      await instance.reloadResources([lng], missing).catch((err: unknown) => console.error(err));
  }
}

/**
 * A component loaded on first render together with the strings it needs (React.lazy: render it inside a Suspense
 * with a loading state); it shows once both are there.
 */
export function lazyWithStrings<P extends object>(
  load: () => Promise<ComponentType<P>>,
  namespaces: readonly string[],
): LazyExoticComponent<ComponentType<P>> {
  return lazy(async () => {
    const [Component] = await Promise.all([load(), loadStrings(namespaces)]);
    return { default: Component };
  });
}
