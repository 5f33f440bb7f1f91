/**
 * Progress, computed from data (issue 14, DOMAIN.md §6-7): an objective's status, the flags a therapist should see
 * (a partner reliably worse, the partners diverging, a split alliance), the weekly conflict metrics from the
 * conflict log and the task completion rate from homework marks. Pure functions over plain series; nothing here
 * reads a clock or a database, so every rule is tested on made-up series.
 *
 * Weeks are ISO weeks in UTC (Monday 00:00 UTC to the next Monday); a day is a UTC calendar day.
 */
import type { HomeworkRepeat } from './between.js';

export const OBJECTIVE_STATUSES = ['met', 'on-track', 'not-yet', 'no-data'] as const;
export type ObjectiveStatus = (typeof OBJECTIVE_STATUSES)[number];

/** Which way is better: the score going up (most wellbeing ratings) or down (fight length, repair time). */
export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

export interface SeriesPoint {
  /** Epoch ms. */
  at: number;
  value: number;
}

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;
/** The objective's "current value" is the mean of this many latest points (fewer when there are fewer). */
export const CURRENT_WINDOW = 2;
/** On track: the progress made is at least this share of the progress due by now (pro rata to the review date). */
export const ON_TRACK_SHARE = 0.5;
/**
 * Where an instrument has no published reliable-change value (Tandem's own ratings), flags use this share of the
 * score's range instead. Shown as "Tandem's threshold", never as a reliable-change value.
 */
export const FALLBACK_THRESHOLD_SHARE = 0.2;

const round2 = (n: number) => Math.round(n * 100) / 100;
const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
const sign = (d: Direction) => (d === 'up' ? 1 : -1);

/** Whether `value` reaches `target` going in `direction`. */
export function reaches(value: number, target: number, direction: Direction): boolean {
  return direction === 'up' ? value >= target : value <= target;
}

export interface ObjectiveInput {
  /** The series, any order. */
  points: SeriesPoint[];
  target: number;
  direction: Direction;
  /** When the objective was set (epoch ms): the baseline is the last point at or before it, else the first after. */
  startAt: number;
  /** When it is reviewed (epoch ms, after startAt). */
  reviewAt: number;
  now: number;
}

export interface ObjectiveEvaluation {
  status: ObjectiveStatus;
  baseline: number | null;
  /** Mean of the latest CURRENT_WINDOW points. */
  current: number | null;
  /** How far the current value has moved toward the target since the baseline (negative: away from it). */
  progress: number | null;
  /** How much progress is due by now for "on track" (ON_TRACK_SHARE of the pro-rata distance). */
  due: number | null;
}

/**
 * The status of an objective, from its data:
 * - `no-data`: no points.
 * - `met`: the current value (mean of the latest CURRENT_WINDOW points) reaches the target.
 * - `on-track`: at least two points, the current value has moved toward the target since the baseline, and by at
 *   least ON_TRACK_SHARE of the distance (target − baseline) times the share of the time to the review date that
 *   has passed (capped at 1).
 * - `not-yet`: otherwise.
 */
export function evaluateObjective(input: ObjectiveInput): ObjectiveEvaluation {
  const pts = [...input.points].sort((a, b) => a.at - b.at);
  if (pts.length === 0) return { status: 'no-data', baseline: null, current: null, progress: null, due: null };
  const before = pts.filter((p) => p.at <= input.startAt);
  const baseline = (before.length > 0 ? before[before.length - 1] : pts[0])!.value;
  const current = round2(mean(pts.slice(-CURRENT_WINDOW).map((p) => p.value)));
  const s = sign(input.direction);
  const progress = round2((current - baseline) * s);
  const distance = (input.target - baseline) * s;
  const span = input.reviewAt - input.startAt;
  const elapsed = span > 0 ? Math.min(1, Math.max(0, (input.now - input.startAt) / span)) : 1;
  const due = round2(Math.max(0, distance) * elapsed * ON_TRACK_SHARE);
  let status: ObjectiveStatus;
  if (reaches(current, input.target, input.direction)) status = 'met';
  else if (pts.length >= 2 && progress > 0 && progress >= due) status = 'on-track';
  else status = 'not-yet';
  return { status, baseline, current, progress, due };
}

/** The threshold a flag uses: the instrument's reliable-change value, or Tandem's share of its range. */
export function flagThreshold(reliableChange: number | null, range: { min: number; max: number }): number {
  return reliableChange ?? round2((range.max - range.min) * FALLBACK_THRESHOLD_SHARE);
}

/**
 * The points where a partner is reliably worse than their baseline (their first point): a move away from the
 * better direction of at least `threshold`.
 */
export function reliableWorsening(points: SeriesPoint[], threshold: number, direction: Direction): SeriesPoint[] {
  const pts = [...points].sort((a, b) => a.at - b.at);
  const first = pts[0];
  if (!first) return [];
  return pts.slice(1).filter((p) => (first.value - p.value) * sign(direction) >= threshold);
}

/** One partner's point with what pairs it with the other partner's (a session id, or the week it falls in). */
export interface KeyedPoint extends SeriesPoint {
  key: string;
}

export interface PairFlag {
  key: string;
  /** The later of the two points' times. */
  at: number;
  a: number;
  b: number;
  gap: number;
}

/**
 * The occasions (same key) where the partners' scores differ by more than `threshold`. Used for divergence on any
 * measure, and for a split alliance on the check-out (the partners' ratings of the same session).
 */
export function pairGaps(a: KeyedPoint[], b: KeyedPoint[], threshold: number): PairFlag[] {
  const byKey = new Map(b.map((p) => [p.key, p]));
  const out: PairFlag[] = [];
  for (const pa of a) {
    const pb = byKey.get(pa.key);
    if (!pb) continue;
    const gap = round2(Math.abs(pa.value - pb.value));
    if (gap > threshold) out.push({ key: pa.key, at: Math.max(pa.at, pb.at), a: pa.value, b: pb.value, gap });
  }
  return out.sort((x, y) => x.at - y.at);
}

/** Monday 00:00 UTC of the week `ms` falls in. */
export function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday.
  const weekday = (day + 3) % 7;
  return (day - weekday) * DAY_MS;
}

/** The week starts (Monday 00:00 UTC) from the week of `from` to the week of `to`, inclusive. */
export function weeksBetween(from: number, to: number): number[] {
  const out: number[] = [];
  for (let w = weekStart(from); w <= to; w += WEEK_MS) out.push(w);
  return out;
}

export interface ConflictEntryInput {
  occurredAt: number;
  durationMin: number | null;
  repairMin: number | null;
  pauseUsed: boolean | null;
}

export interface ConflictWeek {
  /** Monday 00:00 UTC. */
  weekStart: number;
  fights: number;
  /** Mean over entries that gave a length; null when none did. */
  meanFightMin: number | null;
  meanRepairMin: number | null;
  pausesUsed: number;
  /**
   * Days of that week (UTC) during which a logged conflict was not yet repaired: the days touched by
   * [occurredAt, occurredAt + length + time to repair]. Entries without a time to repair count their own day only.
   */
  disconnectionDays: number;
}

/** The conflict log as one row per week from the week of `from` to the week of `to`. */
export function weeklyConflictMetrics(entries: ConflictEntryInput[], from: number, to: number): ConflictWeek[] {
  return weeksBetween(from, to).map((ws) => {
    const end = ws + WEEK_MS;
    const inWeek = entries.filter((e) => e.occurredAt >= ws && e.occurredAt < end);
    const lengths = inWeek.flatMap((e) => (e.durationMin === null ? [] : [e.durationMin]));
    const repairs = inWeek.flatMap((e) => (e.repairMin === null ? [] : [e.repairMin]));
    const days = new Set<number>();
    for (const e of entries) {
      const last = e.occurredAt + ((e.durationMin ?? 0) + (e.repairMin ?? 0)) * 60_000;
      for (let d = Math.floor(e.occurredAt / DAY_MS); d <= Math.floor(last / DAY_MS); d++) {
        if (d * DAY_MS >= ws && d * DAY_MS < end) days.add(d);
      }
    }
    return {
      weekStart: ws,
      fights: inWeek.length,
      meanFightMin: lengths.length ? round2(mean(lengths)) : null,
      meanRepairMin: repairs.length ? round2(mean(repairs)) : null,
      pausesUsed: inWeek.filter((e) => e.pauseUsed === true).length,
      disconnectionDays: days.size,
    };
  });
}

export interface HomeworkInput {
  id: string;
  /** Null: for both partners. */
  partnerId: string | null;
  repeat: HomeworkRepeat;
  createdAt: number;
  dueAt: number | null;
  closedAt: number | null;
}

export interface HomeworkMarkInput {
  homeworkId: string;
  partnerId: string;
  /** ISO date the period starts, or '' for a one-off task. */
  period: string;
  doneAt: number | null;
}

export interface TaskWeek {
  weekStart: number;
  expected: number;
  done: number;
  /** done / expected (0-1), null when nothing was expected that week. */
  rate: number | null;
}

/**
 * The task record per week: how many ticks were expected (per partner a task is for: a one-off task once, in the
 * week it is due, or created when it has no due date; a daily task each day it was open; a weekly one each week it
 * was open) and how many were ticked done (a one-off by its tick's time, a repeating one by its period's date;
 * never more than expected).
 */
export function weeklyTaskCompletion(
  homework: HomeworkInput[],
  marks: HomeworkMarkInput[],
  partnerIds: string[],
  from: number,
  to: number,
): TaskWeek[] {
  return weeksBetween(from, to).map((ws) => {
    const end = ws + WEEK_MS;
    let expected = 0;
    let done = 0;
    for (const h of homework) {
      const open = Math.max(h.createdAt, ws);
      const close = Math.min(h.closedAt ?? Number.POSITIVE_INFINITY, end, to + 1);
      for (const pid of h.partnerId === null ? partnerIds : [h.partnerId]) {
        const mine = marks.filter((m) => m.homeworkId === h.id && m.partnerId === pid && m.doneAt !== null);
        let want = 0;
        let got = 0;
        if (h.repeat === 'none') {
          const anchor = h.dueAt ?? h.createdAt;
          want = anchor >= ws && anchor < end ? 1 : 0;
          // A one-off ticked in another week still counts for the week it was due.
          got = want === 1 && mine.length > 0 ? 1 : 0;
        } else if (close > open) {
          const first = Math.floor(open / DAY_MS);
          const last = Math.ceil(close / DAY_MS);
          want = h.repeat === 'daily' ? last - first : 1;
          got = mine.filter((m) => {
            const at = Date.parse(`${m.period}T00:00:00Z`);
            return Number.isFinite(at) && at >= ws && at < end;
          }).length;
        }
        expected += want;
        done += Math.min(got, want);
      }
    }
    return { weekStart: ws, expected, done, rate: expected > 0 ? round2(done / expected) : null };
  });
}
