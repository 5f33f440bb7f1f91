import { Navigate, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { TotpSetup } from '../features/security/TotpSetup';
import { api } from '../lib/api';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useQuery } from '../lib/useQuery';

/**
 * After the password, when the practice requires two-step sign-in and this account has none: set it up here;
 * nothing else opens until then.
 */
export function EnrolPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useDocumentTitle(t('security.enrol.title'), t('app.name'));
  const auth = useQuery('auth-enrol', (signal) => api.authState({ signal }));
  if (auth.data && auth.data.step !== 'enrol') return <Navigate to={auth.data.therapist ? '/' : '/login'} replace />;
  return (
    <PageShell width="narrow">
      <div className="card">
        <h1>{t('security.enrol.title')}</h1>
        <p className="lead">{t('security.enrol.intro')}</p>
        {auth.loading ? <Loading /> : null}
        <ErrorNotice error={auth.error} onRetry={auth.reload} />
        {auth.data ? <TotpSetup onEnrolled={() => void navigate('/', { replace: true })} /> : null}
      </div>
    </PageShell>
  );
}
