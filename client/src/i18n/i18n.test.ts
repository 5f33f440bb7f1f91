import { describe, expect, it, vi } from 'vitest';
import { createI18n, detectBrowserLanguage, loadStrings, NAMESPACES } from './index';
import { AUDIT_ACTIONS } from '@tandem/shared';
import { createBundledI18n, translations } from './bundled';

type Tree = { [key: string]: string | Tree };
const en = translations.en;
const es = translations.es;

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const enKeys = flatten(en as Tree);
const esKeys = flatten(es as Tree);
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]).sort();

describe('translations', () => {
  it('has the same keys in English and Spanish', () => {
    expect([...esKeys.keys()].sort()).toEqual([...enKeys.keys()].sort());
  });

  it('has no empty strings', () => {
    for (const [lang, keys] of [
      ['en', enKeys],
      ['es', esKeys],
    ] as const) {
      const empty = [...keys].filter(([, v]) => v.trim() === '').map(([k]) => `${lang}:${k}`);
      expect(empty).toEqual([]);
    }
  });

  it('uses the same placeholders in both languages', () => {
    const mismatched = [...enKeys].filter(
      ([k, v]) => placeholders(v).join() !== placeholders(esKeys.get(k) ?? '').join(),
    );
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });

  it('defines every key the source code names', () => {
    const sources = import.meta.glob(['../**/*.{ts,tsx}', '!../**/*.test.{ts,tsx}'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }) as Record<string, string>;
    const namespaces = Object.keys(en).join('|');
    const pattern = new RegExp(`['\`"]((?:${namespaces})\\.[A-Za-z0-9_.]+)['\`"]`, 'g');
    const missing = new Set<string>();
    let found = 0;
    for (const source of Object.values(sources)) {
      for (const match of source.matchAll(pattern)) {
        const key = match[1] as string;
        found += 1;
        const known = enKeys.has(key) || enKeys.has(`${key}_one`) || enKeys.has(`${key}_other`);
        if (!known) missing.add(key);
      }
    }
    expect(found).toBeGreaterThan(100);
    expect([...missing]).toEqual([]);
  });

  it('names every audited action in words, in both languages', () => {
    const missing = AUDIT_ACTIONS.map((a) => `security.audit.actions.${a}`).filter(
      (k) => !enKeys.has(k) || !esKeys.has(k),
    );
    expect(missing).toEqual([]);
  });

  it('warns about a missing key and sets <html lang>', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const i18n = createBundledI18n('en');
    expect(i18n.t('room.video')).toBe('Video');
    expect(warn).not.toHaveBeenCalled();
    i18n.t('nope.notAKey');
    expect(warn).toHaveBeenCalledWith('i18n missing key: nope.notAKey');
    await i18n.changeLanguage('es');
    expect(document.documentElement.lang).toBe('es');
    expect(i18n.t('presence.status.online')).toBe('Presente');
    warn.mockRestore();
  });

  it('loads one language, one namespace at a time, and a switch loads what was loaded before it takes effect', async () => {
    const i18n = createI18n('es');
    await loadStrings(['core']);
    expect(i18n.t('partner.acknowledge')).toBe(flatten(es).get('partner.acknowledge'));
    expect(i18n.hasResourceBundle('es', 'core')).toBe(true);
    expect(i18n.hasResourceBundle('es', 'map')).toBe(false);
    expect(i18n.hasResourceBundle('en', 'core')).toBe(false); // no English download on a Spanish page
    await loadStrings();
    expect(NAMESPACES.every((ns) => i18n.hasResourceBundle('es', ns))).toBe(true);
    expect(i18n.t('presence.status.online')).toBe('Presente');
    expect(i18n.t('room.video')).toBe('Vídeo');
    await i18n.changeLanguage('en');
    expect(NAMESPACES.every((ns) => i18n.hasResourceBundle('en', ns))).toBe(true);
    expect(i18n.t('room.video')).toBe('Video');
  });

  it('loads a page’s namespaces in the language a change already under way is switching to', async () => {
    const i18n = createI18n('en');
    await loadStrings(['core']);
    // The partner's page switches to Spanish as the room's route asks for its strings, both in flight at once.
    const switching = i18n.changeLanguage('es');
    const loading = loadStrings(['core', 'private']);
    await Promise.all([switching, loading]);
    expect(i18n.language).toBe('es');
    expect(i18n.hasResourceBundle('es', 'private')).toBe(true);
    expect(i18n.t('private.quickExit.button')).toBe(flatten(es).get('private.quickExit.button'));
    // Only what was missing was fetched, in that language: after a switch back, later pages load their strings in
    // English alone, never Spanish as well.
    await i18n.changeLanguage('en');
    await loadStrings(['map']);
    expect(i18n.hasResourceBundle('en', 'map')).toBe(true);
    expect(i18n.hasResourceBundle('es', 'map')).toBe(false);
  });

  it('detects the browser language with an English fallback', () => {
    expect(detectBrowserLanguage(['es-MX', 'en'])).toBe('es');
    expect(detectBrowserLanguage(['fr-FR', 'en-GB'])).toBe('en');
    expect(detectBrowserLanguage(['de'])).toBe('en');
  });
});
