import { useTranslation } from 'react-i18next';
import type { HomeworkDto } from '@tandem/shared';
import { ErrorNotice } from '../../components/feedback';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';
import '../../styles/between.css';

/**
 * In the therapist's room, beside the check-in: the last task before this session and each partner's latest tick
 * and reflection on it (the therapist's side only; partners' rooms never load it).
 */
export function LastTaskReview() {
  const { t } = useTranslation();
  const { sessionId, snapshot } = useSessionSocket();
  const state = useQuery(`homework:${sessionId}`, (signal) => api.sessionHomework(sessionId, { signal }));
  const previous = state.data?.previous ?? [];
  if (!snapshot || (previous.length === 0 && !state.error)) return null;
  const partners = [...snapshot.partners].sort((a, b) => a.slot.localeCompare(b.slot));
  const latest = (task: HomeworkDto, partnerId: string) => task.marks.find((m) => m.partnerId === partnerId);
  return (
    <section className="panel-section last-task" aria-labelledby="last-task-heading" data-section="last-task">
      <h3 id="last-task-heading">{t('homework.previous')}</h3>
      <ErrorNotice error={state.error} onRetry={state.reload} />
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
