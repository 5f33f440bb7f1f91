/**
 * The partner's live page once the policy is acknowledged: the socket (waiting room, then the room), declined and
 * ended screens. Loaded on demand with every namespace of strings, so the link's first screen (the policy) stays small.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JoinInfoDto } from '@tandem/shared';
import { PageShell } from '../../components/PageShell';
import { ErrorNotice, Loading } from '../../components/feedback';
import { Declined, LinkCancelled, SessionHeader, Waiting } from './PartnerViews';
import { WaitingDeviceCheck } from './WaitingDeviceCheck';
import { LocationCheck } from '../screening/LocationCheck';
import { LocalMedia } from '../video/localMedia';
import { ConnectionStatus } from '../session/ConnectionStatus';
import { RefusalNotice } from '../session/RefusalNotice';
import { SessionEnded } from '../session/SessionEnded';
import { LazyCycleMap } from '../map/LazyCycleMap';
import { QuickExit } from '../private/QuickExit';
import { StopSignalChord, StopSignalDock } from '../safety/StopSignal';
import { SessionSocketProvider } from '../session/SessionSocketProvider';
import { useSessionSocket } from '../session/useSessionSocket';
// The room itself loads once admitted (the waiting room stays small).
import {
  PartnerDrafting,
  PartnerMeasures,
  PartnerPanel,
  SessionRoom,
  VideoProvider,
  VideoRegion,
} from '../session/lazyRoom';
import { roomTitle } from '../room/roomTitle';
import { LazyPartnerSummaries } from '../summaries/LazyPartnerSummaries';

/** Follows the socket: waiting room until admitted, then the room; declined and ended screens. */
function PartnerLiveView({ info }: { info: JoinInfoDto }) {
  const { t, i18n } = useTranslation();
  const { sessionStatus, self, connection, helloError, refusal } = useSessionSocket();
  // The partner's camera and microphone: opened by the waiting room's check (if they ask) and carried on into the
  // call, so what they chose there is what the call starts with.
  const [media] = useState(() => new LocalMedia());
  const cancelled = refusal === 'SESSION_CANCELLED';
  const closed = sessionStatus === 'ended' || self?.status === 'declined' || cancelled;
  useEffect(() => {
    if (closed) media.dispose();
  }, [closed, media]);
  useEffect(() => () => media.dispose(), [media]);

  if (sessionStatus === 'ended') {
    return (
      <PageShell width="narrow">
        <SessionEnded />
        <LazyPartnerSummaries sessionId={info.sessionId} />
      </PageShell>
    );
  }
  if (cancelled) {
    // Cancelled while this page was open: the same calm page a reload would show.
    return (
      <PageShell width="narrow">
        <LinkCancelled />
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
          quickExit={
            <>
              <QuickExit />
              <StopSignalChord />
            </>
          }
          overlayControls={<StopSignalDock />}
          panelTop={
            <>
              {/* While the therapist has a drafting round open, the partner's drafts come first (no scrolling). */}
              <PartnerDrafting />
              <PartnerMeasures />
              <PartnerPanel />
            </>
          }
          workspace={<LazyCycleMap />}
        />
      </VideoProvider>
    );
  }
  const status = <ConnectionStatus connection={connection} />;
  return (
    <PageShell width="narrow">
      <QuickExit />
      <StopSignalChord />
      <RefusalNotice role="partner" />
      {self ? (
        <Waiting
          info={info}
          returning={self.returning === true}
          connection={status}
          deviceCheck={
            <>
              <LocationCheck sessionId={info.sessionId} />
              <WaitingDeviceCheck media={media} />
            </>
          }
        />
      ) : (
        <div className="card" data-view="connecting">
          <SessionHeader info={info} />
          {connection === 'refused' || helloError ? null : <Loading label={t('partner.connecting')} />}
          <ErrorNotice error={helloError} />
          {status}
        </div>
      )}
      {/* What the therapist released to this partner: read while waiting to be let in. */}
      <LazyPartnerSummaries sessionId={info.sessionId} />
    </PageShell>
  );
}

export function PartnerLive({ info }: { info: JoinInfoDto }) {
  return (
    <SessionSocketProvider key={info.sessionId} sessionId={info.sessionId}>
      <PartnerLiveView info={info} />
    </SessionSocketProvider>
  );
}
