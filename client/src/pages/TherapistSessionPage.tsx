import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@tandem/shared';
import { api } from '../lib/api';
import { useQuery } from '../lib/useQuery';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { ErrorNotice, Loading } from '../components/feedback';
import { TherapistShell } from '../features/auth/TherapistShell';
import { EndSessionButton } from '../features/session/EndSessionButton';
import { LobbyPanel } from '../features/session/LobbyPanel';
import { SessionEnded } from '../features/session/SessionEnded';
import { SessionRoom } from '../features/session/SessionRoom';
import { LazyCycleMap } from '../features/map/LazyCycleMap';
import { TherapistAlerts } from '../features/private/TherapistAlerts';
import { TherapistPanel } from '../features/private/TherapistPanel';
import { SessionSocketProvider } from '../features/session/SessionSocketProvider';
import { useSessionSocket } from '../features/session/useSessionSocket';
import { VideoProvider } from '../features/video/VideoProvider';
import { VideoRegion } from '../features/video/VideoRegion';
import { PauseSettingsPanel } from '../features/timers/PauseSettingsPanel';
import { roomTitle } from '../features/room/roomTitle';

function Ended({ session }: { session: SessionDto }) {
  const { t } = useTranslation();
  return (
    <TherapistShell width="narrow">
      <SessionEnded>
        <Link to={`/sessions/${session.id}/record`} className="btn btn-primary">
          {t('record.fromEnd')}
        </Link>{' '}
        <Link to={`/couples/${session.coupleId}`} className="btn btn-secondary">
          {t('session.backToCouple', { name: session.coupleName })}
        </Link>
      </SessionEnded>
    </TherapistShell>
  );
}

function TherapistRoom({ session, title }: { session: SessionDto; title: string }) {
  const { t } = useTranslation();
  const { sessionStatus, participants } = useSessionSocket();
  const [endedHere, setEndedHere] = useState(false);
  const waiting = participants.filter((p) => p.role === 'partner' && p.status === 'waiting').length;
  if (sessionStatus === 'ended' || endedHere) return <Ended session={session} />;
  return (
    <VideoProvider>
      <SessionRoom
        role="therapist"
        title={title}
        subtitle={
          session.kind === 'joint' ? session.coupleName : `${session.coupleName} · ${t('sessions.kind.individual')}`
        }
        actions={<EndSessionButton onEnded={() => setEndedHere(true)} />}
        alerts={<TherapistAlerts />}
        panelTop={
          <>
            <LobbyPanel />
            <PauseSettingsPanel />
            <TherapistPanel />
          </>
        }
        panelBadge={waiting > 0 ? t('lobby.badge', { count: waiting }) : null}
        video={<VideoRegion role="therapist" />}
        workspace={<LazyCycleMap />}
      />
    </VideoProvider>
  );
}

/** /sessions/:sessionId — the therapist's session room. */
export function TherapistSessionPage() {
  const { t, i18n } = useTranslation();
  const { sessionId = '' } = useParams();
  const session = useQuery(`session:${sessionId}`, (signal) => api.getSession(sessionId, { signal }));
  const data = session.data;
  const title = data ? roomTitle({ ...data, when: data.scheduledAt ?? data.startedAt }, i18n.language, t) : null;
  useDocumentTitle(title ?? t('room.title'), t('app.name'));

  if (!data) {
    return (
      <TherapistShell width="narrow">
        <h1>{t('room.title')}</h1>
        {session.loading ? <Loading /> : null}
        <ErrorNotice error={session.error} onRetry={session.reload} />
      </TherapistShell>
    );
  }
  if (data.status === 'ended') return <Ended session={data} />;
  return (
    <SessionSocketProvider key={data.id} sessionId={data.id}>
      <TherapistRoom session={data} title={title ?? ''} />
    </SessionSocketProvider>
  );
}
