import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sessionHeld } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { PdfDownloadButton } from '../features/record/PdfDownloadButton';
import { RecordView } from '../features/record/RecordView';
import { SummaryLinks } from '../features/summaries/SummaryLinks';
import { HomeworkPanel } from '../features/between/HomeworkPanel';
import '../styles/record.css';

/** /sessions/:sessionId/record — what happened in a session, built by the server from what it stored. */
export function SessionRecordPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const record = useQuery(`record:${sessionId}`, (signal) => api.sessionRecord(sessionId, { signal }));
  const data = record.data;
  useDocumentTitle(data ? `${t('record.title')} · ${data.session.title}` : t('record.title'), t('app.name'));
  return (
    <TherapistShell>
      {data ? (
        <p className="breadcrumb">
          <Link to={`/couples/${data.session.coupleId}`}>
            {t('record.backToCouple', { name: data.session.coupleName })}
          </Link>
        </p>
      ) : null}
      <div className="page-heading">
        <h1>{t('record.title')}</h1>
        {data ? (
          <div className="page-actions">
            <Link to={`/sessions/${sessionId}/progress-note`} className="btn btn-primary">
              {t('record.noteLink')}
            </Link>
            <PdfDownloadButton
              path={`/sessions/${encodeURIComponent(sessionId)}/record.pdf`}
              fileName="session-record.pdf"
              label={t('record.pdf.download')}
            />
          </div>
        ) : null}
      </div>
      {data ? (
        <p className="muted">
          {data.session.title} · {t('record.builtNote')}{' '}
          <Link to="/account/practice">{t('account.practice.name')}</Link>
        </p>
      ) : null}
      {record.loading ? <Loading /> : null}
      <ErrorNotice error={record.error} onRetry={record.reload} />
      {data && sessionHeld(data.session.status) ? (
        <>
          <HomeworkPanel
            sessionId={sessionId}
            kind={data.session.kind}
            partners={data.people.filter((p) => p.role === 'partner').map((p) => ({ id: p.id, name: p.name }))}
          />
          <SummaryLinks sessionId={sessionId} />
        </>
      ) : null}
      {data ? <RecordView record={data} /> : null}
    </TherapistShell>
  );
}
