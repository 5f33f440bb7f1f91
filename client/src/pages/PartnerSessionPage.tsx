import { Suspense } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useDefaultLanguage } from '../i18n/language';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { Declined, LinkCancelled, LinkInvalid, partnerTitle } from '../features/join/PartnerViews';
import { PolicyAcknowledgement } from '../features/join/PolicyAcknowledgement';
import { QuickExitDock, leaveNow } from '../features/private/QuickExitDock';
import { SessionEnded } from '../features/session/SessionEnded';
import { NAMESPACES, lazyWithStrings } from '../i18n';
import { LazyPartnerSummaries } from '../features/summaries/LazyPartnerSummaries';

// The socket, the waiting room and the room load after the policy screen (with all their strings).
const PartnerLive = lazyWithStrings(async () => (await import('../features/join/PartnerLive')).PartnerLive, NAMESPACES);

/** /s/:sessionId — the partner's page; works on reload through the per-session cookie. */
export function PartnerSessionPage() {
  const { t } = useTranslation();
  const { sessionId = '' } = useParams();
  const info = useQuery(`join:${sessionId}`, (signal) => api.joinInfo(sessionId, { signal }));
  useDefaultLanguage(info.data?.partner.language);
  useDocumentTitle(info.data ? partnerTitle(info.data, t) : null, t('app.name'));

  const data = info.data;
  if (!data) {
    const code = info.error?.code;
    const retryable =
      code === 'NETWORK_ERROR' ||
      code === 'TIMEOUT' ||
      code === 'INTERNAL' ||
      code === 'RATE_LIMITED' ||
      code === 'UNAVAILABLE';
    return (
      <PageShell width="narrow">
        {info.loading ? (
          <div className="card">
            <h1 className="visually-hidden">{t('app.name')}</h1>
            <Loading />
          </div>
        ) : code === 'SESSION_ENDED' ? (
          <>
            <SessionEnded />
            <LazyPartnerSummaries sessionId={sessionId} />
          </>
        ) : code === 'SESSION_CANCELLED' ? (
          <LinkCancelled />
        ) : retryable ? (
          <div className="card">
            <h1>{t('partner.cantLoad')}</h1>
            <ErrorNotice error={info.error} onRetry={info.reload} />
          </div>
        ) : (
          <LinkInvalid />
        )}
      </PageShell>
    );
  }
  if (data.status === 'ended') {
    return (
      <PageShell width="narrow">
        <SessionEnded />
        <LazyPartnerSummaries sessionId={sessionId} />
      </PageShell>
    );
  }
  if (data.admission === 'declined') {
    return (
      <PageShell width="narrow">
        <Declined />
      </PageShell>
    );
  }
  if (!data.policyAcknowledged) {
    return (
      <PageShell width="narrow">
        {/* The policy screen blocks the waiting room, never the way out. */}
        <QuickExitDock leave={() => leaveNow(sessionId)} />
        <PolicyAcknowledgement info={data} onAcknowledged={info.setData} onStale={info.reload} />
      </PageShell>
    );
  }
  return (
    <Suspense
      fallback={
        <PageShell width="narrow">
          <div className="card">
            <h1 className="visually-hidden">{t('app.name')}</h1>
            <Loading />
          </div>
        </PageShell>
      }
    >
      <PartnerLive info={data} />
    </Suspense>
  );
}
