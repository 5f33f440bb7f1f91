import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading } from '../../components/feedback';
import { PageShell } from '../../components/PageShell';
import { TherapistContext } from './TherapistContext';
import { NoLinkPage } from '../../pages/NoLinkPage';

/**
 * Layout route for therapist pages: signed in -> render; otherwise `/` shows the page for partners who arrived
 * without their link, and other pages go to /setup on a fresh install or to /login (remembering where the
 * therapist was going).
 */
export function TherapistGate() {
  const { t } = useTranslation();
  const location = useLocation();
  const me = useQuery('me', (signal) => api.me({ signal }));
  const signedOut = me.error?.code === 'UNAUTHENTICATED';
  // `/` signed out is the page for people who arrived without their link: it never asks about accounts.
  const home = location.pathname === '/';
  const setup = useQuery(signedOut && !home ? 'setup' : null, (signal) => api.setupStatus({ signal }));

  if (me.data) {
    return (
      <TherapistContext.Provider value={{ therapist: me.data }}>
        <Outlet />
      </TherapistContext.Provider>
    );
  }
  if (signedOut && home) return <NoLinkPage />;
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
