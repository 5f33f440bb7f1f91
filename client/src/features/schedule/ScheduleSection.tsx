import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoupleDto, ScheduleItemDto } from '@tandem/shared';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { formatList } from '../../lib/format';
import { ErrorNotice, Loading } from '../../components/feedback';
import { SESSION_STATUS_KEYS, sessionKindLabel, sessionTitle } from '../sessions/labels';
import { groupSchedule, scheduleWindow } from './grouping';
import '../../styles/schedule.css';

type NameOf = (partnerId: string) => string;

function when(iso: string, language: string, withDay: boolean): string {
  return new Intl.DateTimeFormat(language, {
    ...(withDay ? { weekday: 'short', day: 'numeric', month: 'short' } : {}),
    hour: 'numeric',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The row's time: when it is planned; a live one without a planned time, since when it runs. */
function RowTime({ item, withDay }: { item: ScheduleItemDto; withDay: boolean }) {
  const { t, i18n } = useTranslation();
  if (item.scheduledAt) {
    return <time dateTime={item.scheduledAt}>{when(item.scheduledAt, i18n.language, withDay)}</time>;
  }
  if (item.status === 'live' && item.startedAt) {
    return (
      <time dateTime={item.startedAt}>
        {t('schedule.since', { time: when(item.startedAt, i18n.language, withDay) })}
      </time>
    );
  }
  return <>{t('sessions.unscheduled')}</>;
}

function ScheduleRow({ item, nameOf, withDay }: { item: ScheduleItemDto; nameOf: NameOf; withDay: boolean }) {
  const { t, i18n } = useTranslation();
  const title = sessionTitle(item, nameOf, t, i18n.language);
  const live = item.status === 'live';
  return (
    <li className="schedule-row" data-session-id={item.id} data-session-status={item.status}>
      <span className="schedule-time">
        <RowTime item={item} withDay={withDay} />
      </span>
      <span className="schedule-what">
        <Link to={`/couples/${item.coupleId}`} className="schedule-couple">
          {item.coupleName}
        </Link>
        <span className="schedule-title">{title}</span>
        <span className="schedule-meta muted">
          <span>
            {sessionKindLabel(item, nameOf, t)}
            {item.series
              ? ` · ${t('schedule.seriesPlace', { index: item.series.index, count: item.series.count })}`
              : ''}
          </span>
          {live ? (
            <span className="schedule-joined" data-joined={item.joined.length}>
              {item.joined.length === 0
                ? t('schedule.joinedNone')
                : t('schedule.joined', { names: formatList(item.joined.map(nameOf), i18n.language) })}
            </span>
          ) : null}
        </span>
      </span>
      <span className="schedule-side">
        <span className={`badge badge-session-${item.status}`}>{t(SESSION_STATUS_KEYS[item.status])}</span>
        {item.status === 'scheduled' || live ? (
          <Link
            to={`/sessions/${item.id}`}
            className={live ? 'btn btn-primary btn-small' : 'btn btn-secondary btn-small'}
          >
            {t('sessions.openRoom')}
            <span className="visually-hidden">
              : {item.coupleName}, {title}
            </span>
          </Link>
        ) : null}
      </span>
    </li>
  );
}

function Group({
  id,
  heading,
  empty,
  items,
  nameOf,
  withDay,
}: {
  id: string;
  heading: string;
  empty: string;
  items: ScheduleItemDto[];
  nameOf: NameOf;
  withDay: boolean;
}) {
  return (
    <section aria-labelledby={id} className="schedule-group">
      <h3 id={id}>{heading}</h3>
      {items.length === 0 ? (
        <p className="empty">{empty}</p>
      ) : (
        <ul className="schedule-list">
          {items.map((item) => (
            <ScheduleRow key={item.id} item={item} nameOf={nameOf} withDay={withDay} />
          ))}
        </ul>
      )}
    </section>
  );
}

/** The dashboard's "Today" and "This week" across the therapist's couples (from the device's local midnight). */
export function ScheduleSection({ couples }: { couples: CoupleDto[] | null }) {
  const { t } = useTranslation();
  const schedule = useQuery('schedule', (signal) => {
    const { from, days } = scheduleWindow(new Date());
    return api.schedule(from, days, { signal });
  });
  const nameOf: NameOf = (id) =>
    couples?.flatMap((c) => c.partners).find((p) => p.id === id)?.displayName ?? t('couple.unknownPartner');
  const groups = schedule.data ? groupSchedule(schedule.data.sessions, new Date()) : null;
  return (
    <section aria-labelledby="schedule-heading" className="section card schedule" aria-busy={schedule.loading}>
      <h2 id="schedule-heading">{t('schedule.heading')}</h2>
      {schedule.loading ? <Loading /> : null}
      <ErrorNotice error={schedule.error} onRetry={schedule.reload} />
      {groups ? (
        <>
          <Group
            id="schedule-today"
            heading={t('schedule.today')}
            empty={t('schedule.emptyToday')}
            items={groups.today}
            nameOf={nameOf}
            withDay={false}
          />
          <Group
            id="schedule-week"
            heading={t('schedule.week')}
            empty={t('schedule.emptyWeek')}
            items={groups.week}
            nameOf={nameOf}
            withDay
          />
        </>
      ) : null}
    </section>
  );
}
