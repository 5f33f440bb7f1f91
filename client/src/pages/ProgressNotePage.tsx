import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { ProgressNoteEditor } from '../features/record/ProgressNoteEditor';
import '../styles/record.css';

/** /sessions/:sessionId/progress-note — the couples progress note, suggestions taken from the session record. */
export function ProgressNotePage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const state = useQuery(`progress-note:${sessionId}`, (signal) => api.progressNote(sessionId, { signal }));
  const record = useQuery(`record:${sessionId}`, (signal) => api.sessionRecord(sessionId, { signal }));
  const session = record.data?.session;
  useDocumentTitle(session ? `${t('progressNote.title')} · ${session.title}` : t('progressNote.title'), t('app.name'));
  const ready = state.data && !record.loading;
  return (
    <TherapistShell>
      {session ? (
        <p className="breadcrumb">
          <Link to={`/couples/${session.coupleId}`}>{t('record.backToCouple', { name: session.coupleName })}</Link>
          {' · '}
          <Link to={`/sessions/${sessionId}/record`}>{t('record.title')}</Link>
        </p>
      ) : null}
      <h1>{t('progressNote.title')}</h1>
      {session ? <p className="muted">{session.title}</p> : null}
      <p className="lead">{t('progressNote.lead')}</p>
      {state.loading || record.loading ? <Loading /> : null}
      <ErrorNotice error={state.error} onRetry={state.reload} />
      {ready && state.data ? (
        <ProgressNoteEditor sessionId={sessionId} state={state.data} record={record.data ?? null} />
      ) : null}
    </TherapistShell>
  );
}
