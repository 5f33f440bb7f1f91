import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { TherapistShell } from '../features/auth/TherapistShell';
import { RetentionSettings } from '../features/clientData/RetentionSettings';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import '../styles/clientData.css';

/** The practice's client-data settings (owner only): the retention rule. */
export function ClientDataPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('retention.title'), t('app.name'));
  return (
    <TherapistShell width="narrow">
      <div className="card">
        <h1>{t('retention.title')}</h1>
        <RetentionSettings />
        <p className="page-foot-link">
          <Link to="/account">{t('account.title')}</Link>
        </p>
      </div>
    </TherapistShell>
  );
}
