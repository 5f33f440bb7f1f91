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
  // One look answers both "who is this" and "is this a fresh install": signed out is an answer, not an error.
  const auth = useQuery('auth', (signal) => api.authState({ signal }));
  const therapist = auth.data?.therapist;
  // `/` signed out is the page for people who arrived without their link: it reads the same either way.
  const home = location.pathname === '/';

  if (therapist) {
    return (
      <TherapistContext.Provider value={{ therapist }}>
        <Outlet />
      </TherapistContext.Provider>
    );
  }
  if (auth.data && home) return <NoLinkPage />;
  if (auth.data) {
    if (auth.data.needsSetup) return <Navigate to="/setup" replace />;
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  }
  return (
    <PageShell width="narrow">
      <h1 className="visually-hidden">{t('app.name')}</h1>
      {auth.error ? <ErrorNotice error={auth.error} onRetry={auth.reload} /> : <Loading />}
    </PageShell>
  );
}
