/**
 * Which language a page starts in: an explicit choice made in this tab wins; otherwise
 * partner pages use the partner's language and therapist pages the browser's.
 */
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '@tandem/shared';
import { isLanguage } from './index';

const CHOICE_KEY = 'tandem.language';

export function readLanguageChoice(): Language | null {
  try {
    const value = sessionStorage.getItem(CHOICE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    return null;
  }
}

export function storeLanguageChoice(language: Language): void {
  try {
    sessionStorage.setItem(CHOICE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts until reload.
  }
}

/** Apply a page's default language once it is known, unless the person chose one. */
export function useDefaultLanguage(language: Language | null | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (!language || readLanguageChoice()) return;
    if (i18n.language !== language) void i18n.changeLanguage(language);
  }, [language, i18n]);
}
