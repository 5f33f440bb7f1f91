/** Reading a weekly conflict metric or the task record out of the progress data (for charts and tables). */
import type { ConflictMetric, MeasuredWhose, PlanObjective, ProgressDto } from './plan.js';
import type { ConflictWeek } from './progress.js';

export function conflictMetricValue(week: ConflictWeek, metric: ConflictMetric): number | null {
  switch (metric) {
    case 'fightLength':
      return week.meanFightMin;
    case 'repairTime':
      return week.meanRepairMin;
    case 'disconnectionDays':
      return week.disconnectionDays;
    case 'pausesUsed':
      return week.pausesUsed;
    default: {
      const never: never = metric;
      throw new Error(`unknown metric ${String(never)}`);
    }
  }
}

/**
 * A conflict or task objective's weekly points in the period: the couple's weeks (both partners' entries). Weeks
 * with nothing logged are left out of means; the task record is in percent.
 */
export function objectiveSeries(o: PlanObjective, progress: ProgressDto): { at: number; value: number }[] {
  const m = o.measure;
  if (m.kind === 'conflict') return conflictPoints(conflictOf(progress, m.whose), m.metric);
  if (m.kind === 'tasks') {
    return progress.tasks.flatMap((w) =>
      w.rate === null ? [] : [{ at: w.weekStart, value: Math.round(w.rate * 100) }],
    );
  }
  return [];
}

/**
 * The weekly points of a conflict metric in the period, from the first week anything was logged (before it, a
 * zero would say "no pauses" when nobody was logging yet); weeks without a value for a mean are left out.
 */
/** The weekly conflict data an objective is measured on: one partner's own log, or both together. */
export function conflictOf(
  progress: Pick<ProgressDto, 'conflict' | 'conflictBy'>,
  whose: MeasuredWhose,
): Pick<ProgressDto, 'conflict'> {
  return whose === 'both' ? progress : { conflict: progress.conflictBy[whose] };
}

export function conflictPoints(progress: Pick<ProgressDto, 'conflict'>, metric: ConflictMetric) {
  const first = progress.conflict.findIndex((w) => w.fights > 0);
  if (first < 0) return [];
  return progress.conflict.slice(first).flatMap((w) => {
    const v = conflictMetricValue(w, metric);
    return v === null ? [] : [{ at: w.weekStart, value: v }];
  });
}
