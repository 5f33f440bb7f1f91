import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading } from '../../components/feedback';
import { PageShell } from '../../components/PageShell';
import { TherapistContext } from './TherapistContext';

/**
 * Layout route for therapist pages: signed in -> render; otherwise to /setup on a fresh
 * install or to /login (remembering where the therapist was going).
 */
export function TherapistGate() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery('me', (signal) => api.me({ signal }));
  const signedOut = me.error?.code === 'UNAUTHENTICATED';
  const setup = useQuery(signedOut ? 'setup' : null, (signal) => api.setupStatus({ signal }));

  if (me.data) {
    return (
      <TherapistContext.Provider value={{ therapist: me.data }}>
        <Outlet />
      </TherapistContext.Provider>
    );
  }
  if (signedOut && !setup.loading) {
    if (setup.data?.needsSetup) return <Navigate to="/setup" replace />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <PageShell width="narrow">
      <h1 className="visually-hidden">{t('app.name')}</h1>
      {me.error && !signedOut ? <ErrorNotice error={me.error} onRetry={me.reload} /> : <Loading />}
    </PageShell>
  );
}
