import { ToggleButton } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '@tandem/shared';
import type { Language } from '@tandem/shared';
import { storeLanguageChoice } from './language';

const LANGUAGE_KEYS: Record<Language, string> = { en: 'language.en', es: 'language.es' };

/** English / Español toggle, shown on every page. */
export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const choose = (language: Language) => {
    storeLanguageChoice(language);
    void i18n.changeLanguage(language);
  };
  return (
    <div role="group" aria-label={t('language.label')} className="language-switcher">
      {LANGUAGES.map((language) => (
        <ToggleButton
          key={language}
          lang={language}
          className="language-option"
          isSelected={i18n.language === language}
          onChange={() => choose(language)}
        >
          {t(LANGUAGE_KEYS[language])}
        </ToggleButton>
      ))}
    </div>
  );
}
