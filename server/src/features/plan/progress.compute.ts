/**
 * From stored rows to what the therapist sees: each objective's series and status, each instrument's series per
 * partner with its flags, the weekly conflict metrics and task record. Pure (the rows and `asOf` are inputs); the
 * rules themselves are @tandem/shared's progress functions.
 */
import {
  DAY_MS,
  evaluateObjective,
  flagThreshold,
  pairGaps,
  reliableWorsening,
  weekStart,
  weeklyConflictMetrics,
  weeklyTaskCompletion,
  CHECK_OUT_ID,
  conflictMetricValue,
  type ConflictMetric,
  type Direction,
  type HomeworkInput,
  type HomeworkMarkInput,
  type InstrumentDefinition,
  type InstrumentProgressDto,
  type MeasuredWhose,
  type ObjectiveEvaluation,
  type ObjectiveStatus,
  type ObjectiveStatusDto,
  type PlanContent,
  type PlanObjective,
  type ProgressPointDto,
  type SeriesPoint,
} from '@tandem/shared';
import type { ConflictRow, ScoreRow } from './plan.store.js';

export type Slot = 'a' | 'b';

export interface ProgressData {
  /** Partner id to slot. */
  slots: Map<string, Slot>;
  scores: ScoreRow[];
  conflicts: ConflictRow[];
  homework: HomeworkInput[];
  marks: HomeworkMarkInput[];
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Weakest first: the status of a "both partners" objective is the weaker of theirs. */
const RANK: Record<ObjectiveStatus, number> = { 'no-data': 0, 'not-yet': 1, 'on-track': 2, met: 3 };

/** Better is up unless the clinical range is above the cutoff. */
export function instrumentDirection(def: Pick<InstrumentDefinition, 'cutoff'>): Direction {
  return def.cutoff?.clinical === 'above' ? 'down' : 'up';
}

/** One partner's scores on an instrument, each keyed by its session (or the week, between sessions). */
export function scoreSeries(data: ProgressData, instrumentId: string, slot: Slot): ProgressPointDto[] {
  return data.scores
    .filter((r) => r.instrumentId === instrumentId && data.slots.get(r.partnerId) === slot)
    .map((r) => ({ at: r.answeredAt, value: r.score, key: r.sessionId ?? `week:${isoDay(weekStart(r.answeredAt))}` }));
}

const whoseIds = (data: ProgressData, whose: MeasuredWhose) =>
  new Set([...data.slots].filter(([, slot]) => whose === 'both' || slot === whose).map(([id]) => id));

/** A weekly conflict metric from the first logged week to `asOf` (weeks without a value for a mean are gaps). */
export function conflictSeries(data: ProgressData, metric: ConflictMetric, whose: MeasuredWhose, asOf: number) {
  const ids = whoseIds(data, whose);
  const entries = data.conflicts.filter((c) => ids.has(c.partnerId) && c.occurredAt <= asOf);
  const first = entries[0];
  if (!first) return [];
  return weeklyConflictMetrics(entries, first.occurredAt, asOf).flatMap((w) => {
    const value = conflictMetricValue(w, metric);
    return value === null ? [] : [{ at: w.weekStart, value }];
  });
}

/** The task record as a weekly percentage, from the first task to `asOf`. */
export function taskSeries(data: ProgressData, asOf: number): SeriesPoint[] {
  const hw = data.homework.filter((h) => h.createdAt <= asOf);
  if (hw.length === 0) return [];
  const from = Math.min(...hw.map((h) => h.createdAt));
  return weeklyTaskCompletion(hw, data.marks, [...data.slots.keys()], from, asOf).flatMap((w) =>
    w.rate === null ? [] : [{ at: w.weekStart, value: Math.round(w.rate * 100) }],
  );
}

export function reviewAt(o: PlanObjective, plan: PlanContent): number {
  return o.reviewDate ? dayMs(o.reviewDate) : dayMs(o.startDate) + plan.reviewIntervalDays * DAY_MS;
}

/** Each objective's status as of `asOf`. */
export function objectiveStatuses(plan: PlanContent, data: ProgressData, asOf: number): ObjectiveStatusDto[] {
  return plan.goals.flatMap((g) =>
    g.objectives.map((o) => {
      const review = reviewAt(o, plan);
      const evaluate = (points: SeriesPoint[]): ObjectiveEvaluation =>
        evaluateObjective({
          points: points.filter((p) => p.at <= asOf),
          target: o.target,
          direction: o.direction,
          startAt: dayMs(o.startDate),
          reviewAt: review,
          now: asOf,
        });
      const base = { objectiveId: o.id, reviewDate: isoDay(review) };
      const m = o.measure;
      let points: SeriesPoint[];
      if (m.kind === 'instrument') {
        const slot = m.whose;
        if (slot === 'both') {
          const a = evaluate(scoreSeries(data, m.instrumentId, 'a'));
          const b = evaluate(scoreSeries(data, m.instrumentId, 'b'));
          const weaker = RANK[a.status] <= RANK[b.status] ? a : b;
          return { ...base, ...weaker, byPartner: { a, b } };
        }
        points = scoreSeries(data, m.instrumentId, slot);
      } else if (m.kind === 'conflict') points = conflictSeries(data, m.metric, m.whose, asOf);
      else points = taskSeries(data, asOf);
      return { ...base, ...evaluate(points), byPartner: null };
    }),
  );
}

/** An instrument's series per partner in the period, with flags (judged against each partner's first score). */
export function instrumentProgress(
  def: InstrumentDefinition,
  plan: PlanContent,
  data: ProgressData,
  period: { from: number; to: number },
): InstrumentProgressDto {
  const direction = instrumentDirection(def);
  const threshold = flagThreshold(def.reliableChange, def.range);
  const a = scoreSeries(data, def.id, 'a');
  const b = scoreSeries(data, def.id, 'b');
  const inPeriod = <T extends { at: number }>(xs: T[]) => xs.filter((p) => p.at >= period.from && p.at <= period.to);
  const gaps = inPeriod(pairGaps(a, b, threshold));
  return {
    instrumentId: def.id,
    name: def.name,
    range: def.range,
    cutoff: def.cutoff,
    threshold,
    thresholdIsReliableChange: def.reliableChange !== null,
    direction,
    series: { a: inPeriod(a), b: inPeriod(b) },
    flags: {
      worseA: inPeriod(reliableWorsening(a, threshold, direction) as ProgressPointDto[]),
      worseB: inPeriod(reliableWorsening(b, threshold, direction) as ProgressPointDto[]),
      gaps,
    },
    splitAlliance: def.id === CHECK_OUT_ID && gaps.length > 0,
    targets: plan.goals.flatMap((g) =>
      g.objectives.flatMap((o) =>
        o.measure.kind === 'instrument' && o.measure.instrumentId === def.id
          ? [{ objectiveId: o.id, text: o.text, target: o.target, whose: o.measure.whose }]
          : [],
      ),
    ),
  };
}
