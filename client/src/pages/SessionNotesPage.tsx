import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { SessionNotes } from '../features/private/SessionNotes';
import { roomTitle } from '../features/room/roomTitle';

/** /sessions/:sessionId/notes — the therapist's notes of any session, during or after it. */
export function SessionNotesPage() {
  const { t, i18n } = useTranslation();
  const { sessionId = '' } = useParams();
  const session = useQuery(`session:${sessionId}`, (signal) => api.getSession(sessionId, { signal }));
  useDocumentTitle(t('private.notesPage.title'), t('app.name'));
  return (
    <TherapistShell width="narrow">
      {session.data ? (
        <p className="breadcrumb">
          <Link to={`/couples/${session.data.coupleId}`}>{session.data.coupleName}</Link>
        </p>
      ) : null}
      <h1>{t('private.notesPage.title')}</h1>
      {session.data ? (
        <p className="muted">
          {roomTitle({ ...session.data, when: session.data.scheduledAt ?? session.data.startedAt }, i18n.language, t)}
        </p>
      ) : null}
      {session.loading ? <Loading /> : null}
      <ErrorNotice error={session.error} onRetry={session.reload} />
      {session.data ? <SessionNotes sessionId={session.data.id} /> : null}
    </TherapistShell>
  );
}
