import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { JoinInfoDto } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { useDefaultLanguage } from '../i18n/language';
import { PageShell } from '../components/PageShell';
import { ErrorNotice, Loading } from '../components/feedback';
import { Declined, LinkInvalid, partnerTitle, SessionHeader, Waiting } from '../features/join/PartnerViews';
import { PolicyAcknowledgement } from '../features/join/PolicyAcknowledgement';
import { WaitingDeviceCheck } from '../features/join/WaitingDeviceCheck';
import { LocalMedia } from '../features/video/localMedia';
import { ConnectionStatus } from '../features/session/ConnectionStatus';
import { RefusalNotice } from '../features/session/RefusalNotice';
import { SessionEnded } from '../features/session/SessionEnded';
import { LazyCycleMap } from '../features/map/LazyCycleMap';
import { QuickExit } from '../features/private/QuickExit';
import { SessionSocketProvider } from '../features/session/SessionSocketProvider';
import { useSessionSocket } from '../features/session/useSessionSocket';
// The room itself loads once admitted (the join page stays small).
import { PartnerPanel, SessionRoom, VideoProvider, VideoRegion } from '../features/session/lazyRoom';
import { roomTitle } from '../features/room/roomTitle';

/** Follows the socket: waiting room until admitted, then the room; declined and ended screens. */
function PartnerLive({ info }: { info: JoinInfoDto }) {
  const { t, i18n } = useTranslation();
  const { sessionStatus, self, connection, helloError } = useSessionSocket();
  // The partner's camera and microphone: opened by the waiting room's check (if they ask) and carried on into the
  // call, so what they chose there is what the call starts with.
  const [media] = useState(() => new LocalMedia());
  const closed = sessionStatus === 'ended' || self?.status === 'declined';
  useEffect(() => {
    if (closed) media.dispose();
  }, [closed, media]);
  useEffect(() => () => media.dispose(), [media]);

  if (sessionStatus === 'ended') {
    return (
      <PageShell width="narrow">
        <SessionEnded />
      </PageShell>
    );
  }
  if (self?.status === 'declined') {
    return (
      <PageShell width="narrow">
        <Declined />
      </PageShell>
    );
  }
  if (self && (self.status === 'online' || self.status === 'reconnecting')) {
    return (
      <VideoProvider media={media}>
        <SessionRoom
          role="partner"
          title={roomTitle(info, i18n.language, t)}
          subtitle={t('partner.subtitle', { couple: info.coupleName, therapist: info.therapistName })}
          video={<VideoRegion role="partner" />}
          quickExit={<QuickExit />}
          panelTop={<PartnerPanel />}
          workspace={<LazyCycleMap />}
        />
      </VideoProvider>
    );
  }
  const status = <ConnectionStatus connection={connection} />;
  return (
    <PageShell width="narrow">
      <QuickExit />
      <RefusalNotice role="partner" />
      {self ? (
        <Waiting
          info={info}
          returning={self.returning === true}
          connection={status}
          deviceCheck={<WaitingDeviceCheck media={media} />}
        />
      ) : (
        <div className="card" data-view="connecting">
          <SessionHeader info={info} />
          {connection === 'refused' || helloError ? null : <Loading label={t('partner.connecting')} />}
          <ErrorNotice error={helloError} />
          {status}
        </div>
      )}
    </PageShell>
  );
}

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
          <SessionEnded />
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
        <PolicyAcknowledgement info={data} onAcknowledged={info.setData} />
      </PageShell>
    );
  }
  return (
    <SessionSocketProvider key={data.sessionId} sessionId={data.sessionId}>
      <PartnerLive info={data} />
    </SessionSocketProvider>
  );
}
