import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TherapistShell } from '../features/auth/TherapistShell';
import { RetentionSettings } from '../features/clientData/RetentionSettings';
import { ResetLinks } from '../features/clientData/ResetLinks';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import '../styles/clientData.css';

/** The practice's client-data settings (owner only): the retention rule, and password-reset links by hand. */
export function ClientDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('retention.title'), t('app.name'));
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('retention.title')}</h1>
        <RetentionSettings />
        <ResetLinks />
        <p className="page-foot-link">
          <Link to="/account">{t('account.title')}</Link>
        </p>
      </div>
    </TherapistShell>
  );
}
