import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useFocusOnMount } from '../lib/useFocusOnMount';
import { PageShell } from '../components/PageShell';
import '../styles/join.css';

/**
 * `/` for someone who is not signed in: almost always a partner who arrived without their private link. It says how
 * to get in, and offers the therapist a small way to the sign-in page. It shows the same whatever accounts exist.
 */
export function NoLinkPage() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  useDocumentTitle(t('home.title'), t('app.name'));
  return (
    <PageShell width="narrow">
      <div className="card link-trouble" data-view="no-link">
        <h1 ref={ref} tabIndex={-1}>
          {t('home.title')}
        </h1>
        <p className="lead">{t('home.intro')}</p>
        <ul className="steps">
          <li>{t('home.openLink')}</li>
          <li>{t('home.askNew')}</li>
        </ul>
      </div>
      <p className="therapist-way-in">
        <Link to="/login">{t('home.therapist')}</Link>
      </p>
    </PageShell>
  );
}
