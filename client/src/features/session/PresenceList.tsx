import { useTranslation } from 'react-i18next';
import type { ParticipantView, PresenceStatus } from '@tandem/shared';

export const PRESENCE_STATUS_KEYS: Record<PresenceStatus, string> = {
  online: 'presence.status.online',
  waiting: 'presence.status.waiting',
  reconnecting: 'presence.status.reconnecting',
  left: 'presence.status.left',
  declined: 'presence.status.declined',
  absent: 'presence.status.absent',
};

interface PresenceListProps {
  participants: ParticipantView[];
  /** Marks the viewer's own entry. */
  selfId?: string | null;
}

/** Who is in the session: a name, a coloured dot and the status in words (never colour alone). */
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
            {person.role === 'therapist' ? <span className="presence-role">{t('presence.therapist')}</span> : null}
          </span>
          <span className="presence-status">{t(PRESENCE_STATUS_KEYS[person.status])}</span>
        </li>
      ))}
    </ul>
  );
}
