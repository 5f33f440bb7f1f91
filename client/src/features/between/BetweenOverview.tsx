import { useTranslation } from 'react-i18next';
import type { BetweenOverviewDto, HomeworkDto, HomeworkMarkDto } from '@tandem/shared';
import { ErrorNotice, Loading } from '../../components/feedback';
import { api } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useQuery } from '../../lib/useQuery';
import '../../styles/between.css';

const RATINGS = ['connection', 'trust', 'closeness'] as const;

/** The therapist's tables of what each partner wrote between sessions (the charts come with the treatment plan). */
export function BetweenOverview({ coupleId }: { coupleId: string }) {
  const { t } = useTranslation();
  const data = useQuery(`between:${coupleId}`, (signal) => api.betweenOverview(coupleId, { signal }));
  return (
    <section aria-labelledby="between-overview-heading" className="section card" data-section="between-overview">
      <h2 id="between-overview-heading">{t('betweenOverview.heading')}</h2>
      <p className="muted">{t('betweenOverview.lead')}</p>
      {data.loading ? <Loading /> : null}
      <ErrorNotice error={data.error} onRetry={data.reload} />
      {data.data ? <OverviewTables data={data.data} /> : null}
    </section>
  );
}

/** Every mark of every task, one row each (a task nobody ticked yet keeps one row). */
export function HomeworkMarksTable({
  tasks,
  names,
  caption,
  captionHidden = false,
}: {
  tasks: HomeworkDto[];
  names: Map<string, string>;
  caption: string;
  /** The caption for screen readers only (a heading above already says it). */
  captionHidden?: boolean;
}) {
  const { t } = useTranslation();
  const rows = tasks.flatMap((task): { task: HomeworkDto; mark: HomeworkMarkDto | null }[] =>
    task.marks.length === 0 ? [{ task, mark: null }] : task.marks.map((mark) => ({ task, mark })),
  );
  return (
    <div className="between-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="between-table" data-table="tasks">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('betweenOverview.task')}</th>
            <th scope="col">{t('betweenOverview.partner')}</th>
            <th scope="col">{t('betweenOverview.period')}</th>
            <th scope="col">{t('betweenOverview.done')}</th>
            <th scope="col">{t('betweenOverview.reflection')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ task, mark }) => (
            <tr key={`${task.id}:${mark?.partnerId ?? ''}:${mark?.period ?? ''}`}>
              <th scope="row">
                {task.text}
                {task.closedAt ? <span className="muted"> ({t('betweenOverview.closed')})</span> : null}
              </th>
              <td>
                {mark
                  ? (names.get(mark.partnerId) ?? '')
                  : task.partnerId
                    ? (names.get(task.partnerId) ?? '')
                    : t('betweenOverview.both')}
              </td>
              <td>{mark?.period ? mark.period : '—'}</td>
              <td>
                {!mark
                  ? t('betweenOverview.noMarks')
                  : mark.done
                    ? t('betweenOverview.done')
                    : t('betweenOverview.notDone')}
              </td>
              <td className="reflection">{mark?.reflection ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length === 0 ? <p className="empty">{t('betweenOverview.noTasks')}</p> : null}
    </div>
  );
}

function OverviewTables({ data }: { data: BetweenOverviewDto }) {
  const { t, i18n } = useTranslation();
  const names = new Map(data.partners.map((p) => [p.id, p.displayName]));
  const when = (iso: string) => formatDateTime(iso, i18n.language) ?? '';
  const minutes = (n: number | null) =>
    n === null ? t('betweenOverview.unsaid') : t('between.conflict.minutes', { count: n });
  return (
    <>
      <HomeworkMarksTable tasks={data.tasks} names={names} caption={t('betweenOverview.tasks')} />
      <div className="between-table-wrap" tabIndex={0} role="region" aria-label={t('betweenOverview.weekly')}>
        <table className="between-table" data-table="weekly">
          <caption>{t('betweenOverview.weekly')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('betweenOverview.partner')}</th>
              <th scope="col">{t('betweenOverview.answered')}</th>
              {RATINGS.map((r) => (
                <th key={r} scope="col">
                  {t(`betweenOverview.${r}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.weekly.map((w) => (
              <tr key={w.id}>
                <th scope="row">{names.get(w.partnerId) ?? ''}</th>
                <td>{when(w.updatedAt)}</td>
                {RATINGS.map((r) => (
                  <td key={r}>{typeof w.answers[r] === 'number' ? w.answers[r] : t('betweenOverview.unsaid')}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        {data.weekly.length === 0 ? <p className="empty">{t('betweenOverview.noWeekly')}</p> : null}
      </div>
      <div className="between-table-wrap" tabIndex={0} role="region" aria-label={t('betweenOverview.conflicts')}>
        <table className="between-table" data-table="conflicts">
          <caption>{t('betweenOverview.conflicts')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('betweenOverview.partner')}</th>
              <th scope="col">{t('betweenOverview.when')}</th>
              <th scope="col">{t('betweenOverview.duration')}</th>
              <th scope="col">{t('betweenOverview.repair')}</th>
              <th scope="col">{t('betweenOverview.pause')}</th>
              <th scope="col">{t('betweenOverview.helped')}</th>
            </tr>
          </thead>
          <tbody>
            {data.conflicts.map((c) => (
              <tr key={c.id}>
                <th scope="row">{names.get(c.partnerId) ?? ''}</th>
                <td>{when(c.occurredAt)}</td>
                <td>{minutes(c.durationMin)}</td>
                <td>{minutes(c.repairMin)}</td>
                <td>
                  {c.pauseUsed === null
                    ? t('betweenOverview.unsaid')
                    : c.pauseUsed
                      ? t('betweenOverview.yes')
                      : t('betweenOverview.no')}
                </td>
                <td className="reflection">{c.helped ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.conflicts.length === 0 ? <p className="empty">{t('betweenOverview.noConflicts')}</p> : null}
      </div>
    </>
  );
}
