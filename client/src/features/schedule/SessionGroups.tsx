import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionDto } from '@tandem/shared';
import { splitSessions } from './grouping';
import '../../styles/schedule.css';

/** A couple's sessions in two lists: upcoming (soonest first) and past (ended or cancelled, latest first). */
export function SessionGroups({
  sessions,
  render,
}: {
  sessions: SessionDto[];
  render: (session: SessionDto) => ReactNode;
}) {
  const { t } = useTranslation();
  const { upcoming, past } = splitSessions(sessions);
  return (
    <>
      <section aria-labelledby="sessions-upcoming" className="session-group">
        <h3 id="sessions-upcoming">{t('schedule.upcoming')}</h3>
        {upcoming.length === 0 ? (
          <p className="empty">{t('schedule.emptyUpcoming')}</p>
        ) : (
          <ul className="session-list">{upcoming.map(render)}</ul>
        )}
      </section>
      {past.length > 0 ? (
        <section aria-labelledby="sessions-past" className="session-group">
          <h3 id="sessions-past">{t('schedule.past')}</h3>
          <ul className="session-list">{past.map(render)}</ul>
        </section>
      ) : null}
    </>
  );
}
