import { useTranslation } from 'react-i18next';
import type { ParticipantView, SessionSeat } from '@tandem/shared';
import { DeviceList } from './DeviceList';
import { PRESENCE_STATUS_KEYS } from './presenceKeys';

const SEAT_KEYS: Record<SessionSeat, string> = {
  lead: 'presence.therapist',
  cotherapist: 'presence.cotherapist',
  supervisor: 'presence.supervisor',
};

interface PresenceListProps {
  participants: ParticipantView[];
  /** Marks the viewer's own entry. */
  selfId?: string | null;
}

/**
 * Who is in the session: a name, a coloured dot and the status in words (never colour alone). The therapist also
 * sees a partner's devices when there is more than one ("Alex · 2 devices"), each with its own status.
 */
export function PresenceList({ participants, selfId }: PresenceListProps) {
  const { t } = useTranslation();
  return (
    <ul aria-label={t('presence.listLabel')} className="presence-list">
      {participants.map((person) => (
        <li key={person.id} className="presence-item" data-status={person.status} data-person={person.name}>
          <span className={`presence-dot presence-dot-${person.status}`} aria-hidden="true" />
          <span className="presence-name">
            {person.name}
            {person.id === selfId ? <span className="muted"> {t('presence.you')}</span> : null}
            {person.role === 'therapist' ? (
              <span className="presence-role">{t(SEAT_KEYS[person.seat ?? 'lead'])}</span>
            ) : null}
          </span>
          <span className="presence-status">{t(PRESENCE_STATUS_KEYS[person.status])}</span>
          {(person.devices?.length ?? 0) > 1 ? (
            <div className="presence-devices">
              <span className="muted">
                {person.name} · {t('presence.devices', { count: person.devices?.length ?? 0 })}
              </span>
              <DeviceList person={person} />
            </div>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
