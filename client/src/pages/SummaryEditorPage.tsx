import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { SummaryEditor } from '../features/summaries/SummaryEditor';
import '../styles/summary.css';

/** /sessions/:sessionId/summaries/:audience — prepare, review and release a summary for the couple or a partner. */
export function SummaryEditorPage() {
  const { t } = useTranslation();
  const { sessionId = '', audience = '' } = useParams();
  const summary = useQuery(`summary:${sessionId}:${audience}`, (signal) =>
    api.summary(sessionId, audience, { signal }),
  );
  const data = summary.data;
  const title =
    data?.audience.kind === 'partner'
      ? t('summary.titlePartner', { name: data.audience.name })
      : t('summary.titleCouple');
  useDocumentTitle(
    data ? `${title} · ${data.content.session.title || t('summary.partner.untitled')}` : title,
    t('app.name'),
  );
  return (
    <TherapistShell>
      <p className="breadcrumb">
        <Link to={`/sessions/${sessionId}/record`}>{t('summary.backToRecord')}</Link>
      </p>
      <h1>{title}</h1>
      {data ? <p className="muted">{data.content.session.title}</p> : null}
      <p className="lead">{t('summary.editorLead')}</p>
      {summary.loading ? <Loading /> : null}
      <ErrorNotice error={summary.error} onRetry={summary.reload} />
      {data ? (
        <SummaryEditor key={`${sessionId}:${audience}`} sessionId={sessionId} audienceKey={audience} initial={data} />
      ) : null}
    </TherapistShell>
  );
}
