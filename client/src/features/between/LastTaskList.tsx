import { useTranslation } from 'react-i18next';
import type { HomeworkDto, SessionSnapshot } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import type { AppError } from '../../lib/api';
import '../../styles/between.css';

/** The last task before this session and each partner's latest tick and reflection (LastTaskReview loads it). */
export function LastTaskList({
  previous,
  snapshot,
  error,
  onRetry,
}: {
  previous: readonly HomeworkDto[];
  snapshot: SessionSnapshot;
  error: AppError | null;
  onRetry: () => void;
}) {
  const { t } = useTranslation();
  const partners = [...snapshot.partners].sort((a, b) => a.slot.localeCompare(b.slot));
  const latest = (task: HomeworkDto, partnerId: string) => task.marks.find((m) => m.partnerId === partnerId);
  return (
    <section className="panel-section last-task" aria-labelledby="last-task-heading" data-section="last-task">
      <h3 id="last-task-heading">{t('homework.previous')}</h3>
      <ErrorNotice error={error} onRetry={onRetry} />
      <ul className="homework-list">
        {previous.map((task) => (
          <li key={task.id}>
            <p className="last-task-text">{task.text}</p>
            <ul className="homework-marks">
              {partners
                .filter((p) => task.partnerId === null || task.partnerId === p.id)
                .map((p) => {
                  const mark = latest(task, p.id);
                  return (
                    <li key={p.id}>
                      <strong>{p.name}</strong>:{' '}
                      {!mark
                        ? t('betweenOverview.noMarks')
                        : mark.done
                          ? t('betweenOverview.done')
                          : t('betweenOverview.notDone')}
                      {mark?.period ? <span className="muted"> ({mark.period})</span> : null}
                      {mark?.reflection ? <q className="last-task-reflection">{mark.reflection}</q> : null}
                    </li>
                  );
                })}
            </ul>
          </li>
        ))}
      </ul>
    </section>
  );
}
