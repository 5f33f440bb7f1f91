/**
 * Every string of both languages in one module, for tests (the app loads them per namespace, see index.ts):
 * `translations` (each language's files merged, as keys are used) and `createBundledI18n`, ready at once.
 */
import type { i18n as I18n, Resource } from 'i18next';
import type { Language } from '@tandem/shared';
import { createI18n, type Tree } from './index';

const files = import.meta.glob<Tree>('./locales/*/*.json', { eager: true, import: 'default' });

function namespaces(lang: Language): Record<string, Tree> {
  const out: Record<string, Tree> = {};
  for (const [path, tree] of Object.entries(files)) {
    const [, , fileLang, file = ''] = path.split('/');
    if (fileLang === lang) out[file.replace(/\.json$/, '')] = tree;
  }
  return out;
}

/** One language's files merged; a top-level key in two files would make a key ambiguous, so it throws. */
function merged(lang: Language): Tree {
  const out: Tree = {};
  for (const [ns, tree] of Object.entries(namespaces(lang))) {
    for (const [key, value] of Object.entries(tree)) {
      if (key in out) throw new Error(`i18n: top-level key "${key}" is defined twice (${lang}/${ns}.json)`);
      out[key] = value;
    }
  }
  return out;
}

export const translations: Record<Language, Tree> = { en: merged('en'), es: merged('es') };

const resources: Resource = { en: namespaces('en'), es: namespaces('es') };

/** An i18next instance with every string loaded (no fetching): for component tests. */
export function createBundledI18n(lng: Language): I18n {
  return createI18n(lng, { resources });
}
