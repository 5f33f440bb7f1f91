import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { roomTitle } from '../room/roomTitle';
import { endedSummary } from './endedSummary';

/**
 * The therapist's own end screen (partners get the "thank you" page): which session ended, when and for how long,
 * and where she goes next: the session's record (and progress note), its notes, the couple's page.
 */
export function TherapistSessionEnded({ session: initial }: { session: SessionDto }) {
  const { t, i18n } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  // Ended from the room: read it again for the end time the server recorded.
  const fresh = useQuery(`session-ended:${initial.id}`, (signal) => api.getSession(initial.id, { signal }));
  const session = fresh.data ?? initial;
  const title = roomTitle({ ...session, when: session.scheduledAt ?? session.startedAt }, i18n.language, t);
  const summary = endedSummary(session, i18n.language);
  return (
    <div className="card ended-summary" data-view="therapist-ended">
      <div role="status">
        <h1 ref={ref} tabIndex={-1}>
          {t('therapistSession.ended.heading')}
        </h1>
      </div>
      <p className="lead ended-title">{title}</p>
      <p className="muted">{t('therapistSession.ended.note')}</p>
      <dl className="details">
        <div className="details-row">
          <dt>{t('couple.title')}</dt>
          <dd>{session.coupleName}</dd>
        </div>
        {summary.date ? (
          <div className="details-row">
            <dt>{t('therapistSession.ended.date')}</dt>
            <dd>{summary.date}</dd>
          </div>
        ) : null}
        {summary.time ? (
          <div className="details-row">
            <dt>{t('therapistSession.ended.time')}</dt>
            <dd>{summary.time}</dd>
          </div>
        ) : null}
        <div className="details-row">
          <dt>{t('therapistSession.ended.length')}</dt>
          <dd>
            {summary.minutes === null
              ? t('therapistSession.ended.notStarted')
              : t('sessions.minutes', { count: summary.minutes })}
          </dd>
        </div>
      </dl>
      <div className="form-actions">
        <Link to={`/sessions/${session.id}/record`} className="btn btn-primary">
          {t('record.fromEnd')}
        </Link>
        <Link to={`/sessions/${session.id}/notes`} className="btn btn-secondary">
          {t('therapistSession.ended.notes')}
        </Link>
        <Link to={`/couples/${session.coupleId}`} className="btn btn-secondary">
          {t('session.backToCouple', { name: session.coupleName })}
        </Link>
      </div>
    </div>
  );
}
