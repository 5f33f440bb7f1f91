import { Suspense, useState } from 'react';
import type { ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { ClinicianSeat, SessionDto } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { EndSessionButton } from '../features/session/EndSessionButton';
import { LobbyPanel } from '../features/session/LobbyPanel';
import { PresenceList } from '../features/session/PresenceList';
import { waitingEntries, waitingTabTitle } from '../features/session/waiting';
import { SessionRoom } from '../features/session/SessionRoom';
import { LazyCycleMap } from '../features/map/LazyCycleMap';
import { TherapistAlerts } from '../features/private/TherapistAlerts';
import { TherapistPanel } from '../features/private/TherapistPanel';
import { TherapistDrafting } from '../features/drafts/TherapistDrafting';
import { SessionSocketProvider } from '../features/session/SessionSocketProvider';
import { useSessionSocket } from '../features/session/useSessionSocket';
import { VideoProvider } from '../features/video/VideoProvider';
import { VideoRegion } from '../features/video/VideoRegion';
import { PauseSettingsPanel } from '../features/timers/PauseSettingsPanel';
import { TherapistMeasures } from '../features/measures/TherapistMeasures';
import { LastTaskReview } from '../features/between/LastTaskReview';
import { RoomWhereabouts } from '../features/screening/RoomWhereabouts';
import { roomTitle } from '../features/room/roomTitle';
import { lazyWithStrings } from '../i18n';

// The end screen (and the record's strings it links with) loads only when a session has ended.
const TherapistSessionEnded = lazyWithStrings(
  async () => (await import('../features/session/TherapistSessionEnded')).TherapistSessionEnded,
  ['record'],
);

function Ended({ session, title }: { session: SessionDto; title: string }) {
  const { t } = useTranslation();
  useDocumentTitle(title, t('app.name'));
  return (
    <TherapistShell width="narrow">
      <Suspense fallback={<Loading />}>
        <TherapistSessionEnded session={session} />
      </Suspense>
    </TherapistShell>
  );
}

/**
 * A co-therapist's or supervisor's side of the room: who they are here and who runs the session, who is in it,
 * and (a co-therapist) the private lines. Admission, the pause settings, exercises and the end are the runner's.
 */
function SeatPanel({ seat }: { seat: ClinicianSeat }) {
  const { t } = useTranslation();
  const { participants, self } = useSessionSocket();
  const lead = participants.find((p) => p.seat === 'lead');
  return (
    <>
      <section className="panel-section" aria-labelledby="seat-heading">
        <h3 id="seat-heading">{t('presence.heading')}</h3>
        <p role="note" className="notice notice-info">
          {t(`room.seatNote.${seat}`, { name: lead?.name ?? '' })}
        </p>
        <PresenceList participants={participants} selfId={self?.id} />
      </section>
      {seat === 'cotherapist' ? <TherapistPanel /> : null}
    </>
  );
}

function TherapistRoom({ session, title }: { session: SessionDto; title: string }) {
  const { t, i18n } = useTranslation();
  const { sessionStatus, participants, self } = useSessionSocket();
  const seat = self?.seat ?? 'lead';
  const [endedHere, setEndedHere] = useState(false);
  const waiting = participants.filter((p) => p.role === 'partner' && p.status === 'waiting').length;
  const ended = sessionStatus === 'ended' || endedHere;
  // The tab says who waits ("(1) Alex is waiting"), so a therapist in another tab sees it; back to normal once in.
  const waitingTitle =
    ended || seat !== 'lead' ? null : waitingTabTitle(waitingEntries(participants), i18n.language, t);
  useDocumentTitle(waitingTitle ?? title, t('app.name'));
  if (ended) return <Ended session={session} title={title} />;
  return (
    <VideoProvider>
      <SessionRoom
        role="therapist"
        title={title}
        subtitle={
          session.kind === 'joint' ? session.coupleName : `${session.coupleName} · ${t('sessions.kind.individual')}`
        }
        actions={
          seat === 'lead' ? (
            <EndSessionButton onEnded={() => setEndedHere(true)} />
          ) : (
            <Link to="/" className="btn btn-secondary">
              {t('room.leave')}
            </Link>
          )
        }
        alerts={<TherapistAlerts />}
        panelTop={
          seat !== 'lead' ? (
            <SeatPanel seat={seat} />
          ) : (
            <>
              <LobbyPanel />
              {/* A drafting round is the moment's work: right under the waiting room, not below the settings. */}
              <TherapistDrafting />
              <RoomWhereabouts />
              <TherapistMeasures />
              <LastTaskReview />
              <PauseSettingsPanel />
              <TherapistPanel />
            </>
          )
        }
        panelBadge={seat === 'lead' && waiting > 0 ? t('lobby.badge', { count: waiting }) : null}
        video={<VideoRegion role="therapist" />}
        workspace={<LazyCycleMap />}
      />
    </VideoProvider>
  );
}

function Opening({ heading, children }: { heading: string; children: ReactNode }) {
  const { t } = useTranslation();
  useDocumentTitle(heading, t('app.name'));
  return (
    <TherapistShell width="narrow">
      <h1>{heading}</h1>
      {children}
    </TherapistShell>
  );
}

/** /sessions/:sessionId — the therapist's session room. */
export function TherapistSessionPage() {
  const { t, i18n } = useTranslation();
  const { sessionId = '' } = useParams();
  const session = useQuery(`session:${sessionId}`, (signal) => api.getSession(sessionId, { signal }));
  const data = session.data;
  const title = data ? roomTitle({ ...data, when: data.scheduledAt ?? data.startedAt }, i18n.language, t) : null;

  if (!data) {
    return (
      <Opening heading={t('room.title')}>
        {session.loading ? <Loading /> : null}
        <ErrorNotice error={session.error} onRetry={session.reload} />
      </Opening>
    );
  }
  if (data.status === 'ended') return <Ended session={data} title={title ?? ''} />;
  if (data.status === 'cancelled') {
    return (
      <Opening heading={title ?? t('room.title')}>
        <p className="notice notice-info">{t('schedule.cancelledNote')}</p>
        <Link to={`/couples/${data.coupleId}`}>{t('schedule.backToCouple', { name: data.coupleName })}</Link>
      </Opening>
    );
  }
  return (
    <SessionSocketProvider key={data.id} sessionId={data.id}>
      <TherapistRoom session={data} title={title ?? ''} />
    </SessionSocketProvider>
  );
}
