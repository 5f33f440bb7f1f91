import { COUNTRY_CODES } from '@tandem/shared';
import type { SelectOption } from '../../components/fields';

/** A country's name in the UI's language (`other` through i18n). */
export function countryName(code: string, language: string, other: string): string {
  if (code === 'other') return other;
  try {
    return new Intl.DisplayNames([language], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The country list, by name in the UI's language, `other` last, after a "choose" entry. */
export function countryOptions(language: string, choose: string, other: string): SelectOption<string>[] {
  const named = COUNTRY_CODES.filter((c) => c !== 'other')
    .map((id) => ({ id, label: countryName(id, language, other) }))
    .sort((a, b) => a.label.localeCompare(b.label, language));
  return [{ id: '', label: choose }, ...named, { id: 'other', label: other }];
}
