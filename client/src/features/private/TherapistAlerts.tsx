import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParticipantView } from '@tandem/shared';
import { AlertRegion, type RegionAlert } from '../../components/AlertRegion';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { formatClockTime } from '../timers/format';
import { useSafetyAlerts } from '../safety/useSafetyAlerts';

interface Tracked {
  id: string;
  personId: string;
  name: string;
  at: number;
  /** Seen away (not online) since the alert came: once online again, they are back and it clears. */
  seenAway: boolean;
}

/** Clears each alert whose person is back (online after having been away). */
function settle(alerts: Tracked[], participants: ParticipantView[]): Tracked[] {
  return alerts.flatMap((a) => {
    const online = participants.find((p) => p.id === a.personId)?.status === 'online';
    if (online) return a.seenAway ? [] : [a];
    return a.seenAway ? [a] : [{ ...a, seenAway: true }];
  });
}

/** The therapist's private alerts (a partner's stop signal and its protocol, a quick exit), above everything. */
export function TherapistAlerts() {
  const { t, i18n } = useTranslation();
  const { participants } = useSessionSocket();
  const [alerts, setAlerts] = useState<Tracked[]>([]);
  const [seen, setSeen] = useState(participants);
  // The covert stop signal and its protocol (server state: kept across a reload, cleared only by the therapist).
  const safety = useSafetyAlerts();
  if (seen !== participants) {
    setSeen(participants);
    setAlerts((list) => settle(list, participants));
  }

  useSessionEvent('alert:quick-exit', (a) => {
    const next: Tracked = {
      id: `quick-exit:${a.partnerId}`,
      personId: a.partnerId,
      name: a.name,
      at: Date.parse(a.at),
      seenAway: false,
    };
    setAlerts((list) => settle([...list.filter((x) => x.id !== next.id), next], participants));
    // The video in full screen would hide the alert: leave it, as a pause does.
    if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
  });

  const shown: RegionAlert[] = alerts.map((a) => ({
    id: a.id,
    personId: a.personId,
    message: (
      <>
        {t('private.therapistSide.quickExit', { name: a.name })}{' '}
        <time className="region-alert-time" dateTime={new Date(a.at).toISOString()}>
          {formatClockTime(a.at, i18n.language)}
        </time>
      </>
    ),
  }));
  return (
    <AlertRegion
      alerts={[...safety.alerts, ...shown]}
      onDismiss={(id) => {
        if (!safety.dismiss(id)) setAlerts((list) => list.filter((a) => a.id !== id));
      }}
    />
  );
}
