import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { sessionClosed, sessionHeld, type IssuedInviteDto, type SessionDto } from '@tandem/shared';
import { formatDateTime } from '../../lib/format';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { InviteRow } from './InviteRow';
import { SessionScheduleActions } from './SessionScheduleActions';
import { SessionTitleEditor } from './SessionTitleEditor';
import { SessionClinicians } from '../practice/SessionClinicians';
import { SESSION_STATUS_KEYS, sessionKindLabel, sessionTitle } from './labels';

export interface IssuedLinks {
  sessionId: string;
  links: Record<string, IssuedInviteDto>;
}

interface SessionItemProps {
  session: SessionDto;
  partnerName: (id: string) => string;
  issued: IssuedLinks | null;
  onReissued: (sessionId: string, invite: IssuedInviteDto) => void;
  onSessionChanged: (session: SessionDto, revokedPartnerId?: string) => void;
  onCancelled: (ids: string[]) => void;
  /** Who joins the session changed (the list is read again). */
  onCliniciansChanged?: () => void;
}

function IssuedNote() {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="notice notice-info">
      <h4 ref={ref} tabIndex={-1}>
        {t('invites.newLinksHeading')}
      </h4>
      <p>{t('invites.shownOnce')}</p>
    </div>
  );
}

export function SessionItem({
  session,
  partnerName,
  issued,
  onReissued,
  onSessionChanged,
  onCancelled,
  onCliniciansChanged = () => undefined,
}: SessionItemProps) {
  const { t, i18n } = useTranslation();
  const title = sessionTitle(session, partnerName, t, i18n.language);
  const headingId = `session-${session.id}-title`;
  const scheduled = formatDateTime(session.scheduledAt, i18n.language);
  const links = issued?.sessionId === session.id ? issued.links : null;

  return (
    <li className="session-item" data-session-id={session.id} data-session-status={session.status}>
      <article aria-labelledby={headingId}>
        <div className="session-head">
          <h3 id={headingId}>{title}</h3>
          <span className={`badge badge-session-${session.status}`}>{t(SESSION_STATUS_KEYS[session.status])}</span>
        </div>
        <p className="session-meta">
          <span>{sessionKindLabel(session, partnerName, t)}</span>
          <span>{scheduled ? t('sessions.scheduledFor', { date: scheduled }) : t('sessions.unscheduled')}</span>
          <span>{t('sessions.minutes', { count: session.durationMinutes })}</span>
          {session.series ? (
            <span data-series-place={`${session.series.index}/${session.series.count}`}>
              {t('schedule.seriesPlace', { index: session.series.index, count: session.series.count })}
            </span>
          ) : null}
        </p>
        <div className="session-actions">
          {!sessionClosed(session.status) ? (
            <Link to={`/sessions/${session.id}`} className="btn btn-secondary btn-small">
              {t('sessions.openRoom')}
              <span className="visually-hidden">: {title}</span>
            </Link>
          ) : null}
          <Link to={`/sessions/${session.id}/notes`} className="btn btn-secondary btn-small">
            {t('private.notesPage.link')}
            <span className="visually-hidden">: {title}</span>
          </Link>
          {sessionHeld(session.status) ? (
            <Link to={`/sessions/${session.id}/record`} className="btn btn-secondary btn-small">
              {t('record.title')}
              <span className="visually-hidden">: {title}</span>
            </Link>
          ) : null}
          <SessionTitleEditor session={session} title={title} onSaved={(updated) => onSessionChanged(updated)} />
          <SessionScheduleActions
            session={session}
            title={title}
            onChanged={(updated) => onSessionChanged(updated)}
            onCancelled={onCancelled}
          />
          {session.seat === 'lead' && !sessionClosed(session.status) ? (
            <SessionClinicians session={session} title={title} onChanged={onCliniciansChanged} />
          ) : null}
        </div>
        {session.clinicians.length > 0 ? (
          <p className="session-clinicians muted">
            {t('practice.cotherapy.joining', {
              names: session.clinicians.map((c) => `${c.name} (${t(`practice.cotherapy.seats.${c.seat}`)})`).join(', '),
            })}
          </p>
        ) : null}
        {links && Object.keys(links).length > 0 && !sessionClosed(session.status) ? <IssuedNote /> : null}
        {session.status === 'cancelled' ? (
          <p className="muted">{t('schedule.cancelledNote')}</p>
        ) : (
          <ul className="invite-list" aria-label={t('invites.listLabel', { title })}>
            {session.partnerIds.map((partnerId) => (
              <InviteRow
                key={partnerId}
                session={session}
                partnerId={partnerId}
                partnerName={partnerName(partnerId)}
                invite={
                  session.invites.find((i) => i.partnerId === partnerId) ?? {
                    partnerId,
                    state: 'none',
                    expiresAt: null,
                    redeemedAt: null,
                  }
                }
                issued={links?.[partnerId]}
                onReissued={onReissued}
                onSessionChanged={onSessionChanged}
              />
            ))}
          </ul>
        )}
      </article>
    </li>
  );
}
