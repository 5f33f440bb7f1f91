import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../i18n/LanguageSwitcher';

export function BrandMark() {
  return (
    <svg className="brand-mark" viewBox="0 0 32 32" width="28" height="28" aria-hidden="true" focusable="false">
      <circle cx="12" cy="16" r="8" fill="none" stroke="currentColor" strokeWidth="2.5" />
      <circle cx="20" cy="16" r="8" fill="none" stroke="currentColor" strokeWidth="2.5" opacity="0.6" />
    </svg>
  );
}

interface PageShellProps {
  children: ReactNode;
  /** Where the brand links to (therapist pages: the dashboard); no link when omitted. */
  brandHref?: string;
  /** Extra header content (therapist name, sign out). */
  actions?: ReactNode;
  width?: 'narrow' | 'normal' | 'wide';
}

/** Header (banner) + main landmark for every page outside the session room. */
export function PageShell({ children, brandHref, actions, width = 'normal' }: PageShellProps) {
  const { t } = useTranslation();
  const brand = (
    <>
      <BrandMark />
      <span>{t('app.name')}</span>
    </>
  );
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          {brandHref ? (
            <Link to={brandHref} className="brand">
              {brand}
            </Link>
          ) : (
            <span className="brand">{brand}</span>
          )}
          <div className="app-header-actions">
            {actions}
            <LanguageSwitcher />
          </div>
        </div>
      </header>
      <main id="main" tabIndex={-1} className={`page page-${width}`}>
        {children}
      </main>
    </div>
  );
}
