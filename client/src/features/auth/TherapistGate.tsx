import { Navigate, Outlet, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { ErrorNotice, Loading } from '../../components/feedback';
import { PageShell } from '../../components/PageShell';
import { TherapistContext } from './TherapistContext';
import { NoLinkPage } from '../../pages/NoLinkPage';
import { useActivityBeacon } from '../security/useActivityBeacon';

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
  const held = auth.data?.step;
  const therapist = held ? null : auth.data?.therapist;
  // `/` signed out is the page for people who arrived without their link: it reads the same either way.
  const home = location.pathname === '/';
  useActivityBeacon(Boolean(therapist), auth.reload);

  // A sign-in that still owes its second factor: the code on the sign-in page, or enrolling one.
  if (held === 'enrol') return <Navigate to="/enrol" replace />;
  if (held === 'code') return <Navigate to="/login" replace />;
  if (auth.data?.signedOutFor === 'idle') {
    return <Navigate to="/login" replace state={{ from: location.pathname + location.search, idle: true }} />;
  }
  if (therapist) {
    rememberTherapistDevice();
    return (
      <TherapistContext.Provider value={{ therapist }}>
        <Outlet />
      </TherapistContext.Provider>
    );
  }
  // A therapist's own device (signed out, or signed out elsewhere) goes on to sign in, as before.
  if (auth.data && home && !isTherapistDevice()) return <NoLinkPage />;
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

/** This browser has been signed in as a therapist (never set on a partner's: they have no account). */
const THERAPIST_DEVICE = 'tandem:therapist-device';

function rememberTherapistDevice(): void {
  try {
    if (localStorage.getItem(THERAPIST_DEVICE) !== '1') localStorage.setItem(THERAPIST_DEVICE, '1');
  } catch {
    // Storage refused (private mode): `/` then shows the page for people without their link, with its sign-in link.
  }
}

function isTherapistDevice(): boolean {
  try {
    return localStorage.getItem(THERAPIST_DEVICE) === '1';
  } catch {
    return false;
  }
}
