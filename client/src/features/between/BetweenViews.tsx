import { useTranslation } from 'react-i18next';
import type { NextSessionDto, ReleasedSummaryItemDto, WeeklyStateDto } from '@tandem/shared';
import { useFocusOnMount } from '../../lib/useFocusOnMount';
import { formatDateTime, formatScheduled } from '../../lib/format';
import { api } from '../../lib/api';
import { MeasureFormView } from '../measures/MeasureForm';

/** A link that no longer works, or a device whose page was closed: a clear page, never a crash. */
export function BetweenTrouble({ kind }: { kind: 'invalid' | 'closed' }) {
  const { t } = useTranslation();
  const ref = useFocusOnMount<HTMLHeadingElement>();
  return (
    <div className="card link-trouble" data-view={`between-${kind}`}>
      <h1 ref={ref} tabIndex={-1}>
        {kind === 'invalid' ? t('between.linkInvalidTitle') : t('between.closedTitle')}
      </h1>
      <p role="alert" className="lead">
        {kind === 'invalid' ? t('between.linkInvalid') : t('between.closed')}
      </p>
    </div>
  );
}

export function WeeklyRatings({
  weekly,
  onSaved,
}: {
  weekly: WeeklyStateDto;
  onSaved: (weekly: WeeklyStateDto) => void;
}) {
  const { t, i18n } = useTranslation();
  const week = new Intl.DateTimeFormat(i18n.language, { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
    new Date(`${weekly.weekStart}T00:00:00Z`),
  );
  return (
    <section className="card between-section" aria-labelledby="weekly-heading" data-section="weekly">
      <h2 id="weekly-heading">{t('between.weekly.heading')}</h2>
      <p className="muted">{t('between.weekly.lead', { date: week })}</p>
      <MeasureFormView
        key={weekly.current?.updatedAt ?? weekly.weekStart}
        instrument={weekly.instrument}
        previous={weekly.current}
        headingId="weekly-heading"
        submit={(answers) =>
          api.answerWeekly({
            instrumentId: weekly.instrument.id,
            instrumentVersion: weekly.instrument.version,
            answers: Object.fromEntries(Object.entries(answers).filter(([, v]) => typeof v === 'number')) as Record<
              string,
              number
            >,
          })
        }
        onSent={onSaved}
      />
      {weekly.current ? (
        <p role="status" className="muted">
          {t('between.weekly.savedNote')}
        </p>
      ) : null}
    </section>
  );
}

export function SummaryList({ items }: { items: ReleasedSummaryItemDto[] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card between-section" aria-labelledby="between-summaries-heading" data-section="summaries">
      <h2 id="between-summaries-heading">{t('between.summaries.heading')}</h2>
      {items.length === 0 ? <p className="empty">{t('between.summaries.empty')}</p> : null}
      <ul className="between-summaries">
        {items.map((s) => {
          const date = formatDateTime(s.sessionDate ?? s.releasedAt, i18n.language) ?? '';
          const label = t('between.summaries.item', { title: s.sessionTitle, date });
          return (
            <li key={s.id}>
              <span>{label}</span>{' '}
              <span className="muted">
                ({s.personal ? t('between.summaries.forYou') : t('between.summaries.forCouple')})
              </span>{' '}
              <a
                className="btn btn-secondary btn-small"
                href={`/api/me/summaries/${encodeURIComponent(s.id)}.pdf?lang=${i18n.language}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}`}
                download
                aria-label={`${t('between.summaries.pdf')}: ${label}`}
              >
                {t('between.summaries.pdf')}
              </a>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function NextSession({ next }: { next: NextSessionDto | null }) {
  const { t, i18n } = useTranslation();
  const when = next ? formatScheduled(next.at, i18n.language) : null;
  return (
    <section className="card between-section" aria-labelledby="next-heading" data-section="next">
      <h2 id="next-heading">{t('between.next.heading')}</h2>
      {next && when ? (
        <p className="between-next">
          <strong>{t('between.next.at', { date: `${when.date}, ${when.time}`, minutes: next.minutes })}</strong>{' '}
          <span className="muted">
            · {next.kind === 'joint' ? t('between.next.joint') : t('between.next.individual')}
          </span>
        </p>
      ) : (
        <p className="empty">{t('between.next.none')}</p>
      )}
    </section>
  );
}
