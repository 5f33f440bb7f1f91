import { describe, expect, it } from 'vitest';
import {
  DAY_MS,
  WEEK_MS,
  evaluateObjective,
  flagThreshold,
  pairGaps,
  reliableWorsening,
  weekStart,
  weeklyConflictMetrics,
  weeklyTaskCompletion,
} from './progress.js';

// Monday 2026-01-05 00:00 UTC.
const MON = Date.UTC(2026, 0, 5);
const day = (n: number, h = 0) => MON + n * DAY_MS + h * 3_600_000;
const pts = (...vals: [number, number][]) => vals.map(([d, value]) => ({ at: day(d), value }));

describe('evaluateObjective', () => {
  const base = { target: 8, direction: 'up' as const, startAt: day(0), reviewAt: day(90) };

  it('has no data without points', () => {
    expect(evaluateObjective({ ...base, points: [], now: day(10) })).toMatchObject({ status: 'no-data' });
  });

  it('is met when the mean of the latest two points reaches the target', () => {
    // latest two: 7 and 9 -> 8 >= 8
    const r = evaluateObjective({ ...base, points: pts([0, 4], [10, 7], [20, 9]), now: day(20) });
    expect(r).toMatchObject({ status: 'met', baseline: 4, current: 8 });
  });

  it('is on track when progress is at least half the pro-rata distance', () => {
    // baseline 4, distance 4; at day 45 half the time passed: due = 4 * 0.5 * 0.5 = 1; current mean(5, 6) = 5.5,
    // progress 1.5 >= 1.
    const r = evaluateObjective({ ...base, points: pts([0, 4], [30, 5], [45, 6]), now: day(45) });
    expect(r).toEqual({ status: 'on-track', baseline: 4, current: 5.5, progress: 1.5, due: 1 });
  });

  it('is not yet when progress falls short of what is due, or moves away', () => {
    // at day 90: due = 4 * 1 * 0.5 = 2; current mean(4, 5) = 4.5, progress 0.5 < 2.
    expect(evaluateObjective({ ...base, points: pts([0, 4], [60, 4], [90, 5]), now: day(90) })).toMatchObject({
      status: 'not-yet',
      progress: 0.5,
      due: 2,
    });
    expect(evaluateObjective({ ...base, points: pts([0, 4], [5, 3]), now: day(5) })).toMatchObject({
      status: 'not-yet',
      progress: -0.5,
    });
    // One point only: nothing moved yet.
    expect(evaluateObjective({ ...base, points: pts([0, 4]), now: day(1) }).status).toBe('not-yet');
  });

  it('takes the baseline from the last point before the start, and reads "down" objectives the other way', () => {
    // Fight length: 60 before the objective was set, then 50, 40 -> current 45, target 30: progress 15, due at
    // day 30 of 90: 30 * (1/3) * 0.5 = 5.
    const r = evaluateObjective({
      points: pts([-10, 80], [-1, 60], [10, 50], [30, 40]),
      target: 30,
      direction: 'down',
      startAt: day(0),
      reviewAt: day(90),
      now: day(30),
    });
    expect(r).toEqual({ status: 'on-track', baseline: 60, current: 45, progress: 15, due: 5 });
    const down = { target: 30, direction: 'down' as const, startAt: day(0), reviewAt: day(90), now: day(20) };
    // mean(25, 30) = 27.5 <= 30.
    expect(evaluateObjective({ ...down, points: pts([0, 60], [10, 25], [20, 30]) }).status).toBe('met');
  });
});

describe('flags', () => {
  it('uses the reliable-change value, or a fifth of the range when there is none', () => {
    expect(flagThreshold(5, { min: 0, max: 40 })).toBe(5);
    expect(flagThreshold(null, { min: 0, max: 40 })).toBe(8);
    expect(flagThreshold(null, { min: 0, max: 10 })).toBe(2);
  });

  it('flags the points where a partner dropped by at least the threshold from their first', () => {
    const series = pts([0, 30], [7, 26], [14, 25], [21, 31], [28, 19]);
    expect(reliableWorsening(series, 5, 'up').map((p) => p.value)).toEqual([25, 19]);
    // Lower is better: rising by 5 is worse.
    expect(reliableWorsening(pts([0, 10], [7, 15], [14, 14]), 5, 'down').map((p) => p.value)).toEqual([15]);
    expect(reliableWorsening([], 5, 'up')).toEqual([]);
  });

  it('flags divergence and a split alliance only where both answered the same occasion and differ by more', () => {
    const a = [
      { key: 's1', at: day(0), value: 30 },
      { key: 's2', at: day(7), value: 36 },
      { key: 's3', at: day(14), value: 20 },
    ];
    const b = [
      { key: 's1', at: day(0, 1), value: 22 },
      { key: 's2', at: day(7), value: 28 },
      { key: 's4', at: day(21), value: 0 },
    ];
    // s1: gap 8 (not > 8); s2: gap 8 (not > 8) with threshold 8; with 7.5 both flagged. s3 and s4 are unpaired.
    expect(pairGaps(a, b, 8)).toEqual([]);
    expect(pairGaps(a, b, 7.5)).toEqual([
      { key: 's1', at: day(0, 1), a: 30, b: 22, gap: 8 },
      { key: 's2', at: day(7), a: 36, b: 28, gap: 8 },
    ]);
  });
});

describe('weekStart', () => {
  it('is the Monday 00:00 UTC of the week', () => {
    expect(weekStart(MON)).toBe(MON);
    expect(weekStart(day(6, 23))).toBe(MON);
    expect(weekStart(day(7))).toBe(MON + WEEK_MS);
    expect(weekStart(day(-1))).toBe(MON - WEEK_MS);
  });
});

describe('weeklyConflictMetrics', () => {
  it('averages lengths and repair times, counts pauses and the days left unrepaired, per week', () => {
    const entries = [
      // Mon 22:00, 60 min + 180 min to repair -> ends Tue 02:00: Mon and Tue.
      { occurredAt: day(0, 22), durationMin: 60, repairMin: 180, pauseUsed: true },
      // Wed 10:00, 20 min, repair unknown: Wed only.
      { occurredAt: day(2, 10), durationMin: 20, repairMin: null, pauseUsed: false },
      // Sun 23:00, length unknown, 120 min to repair -> Mon 01:00 of the next week.
      { occurredAt: day(6, 23), durationMin: null, repairMin: 120, pauseUsed: null },
    ];
    expect(weeklyConflictMetrics(entries, day(0), day(13))).toEqual([
      {
        weekStart: MON,
        fights: 3,
        meanFightMin: 40,
        meanRepairMin: 150,
        pausesUsed: 1,
        disconnectionDays: 4,
      },
      {
        weekStart: MON + WEEK_MS,
        fights: 0,
        meanFightMin: null,
        meanRepairMin: null,
        pausesUsed: 0,
        disconnectionDays: 1,
      },
    ]);
  });
});

describe('weeklyTaskCompletion', () => {
  it('counts expected and done ticks per partner for one-off, daily and weekly tasks', () => {
    const homework = [
      // One-off for both, due Thursday of week 1.
      { id: 'h1', partnerId: null, repeat: 'none' as const, createdAt: day(0), dueAt: day(3), closedAt: null },
      // Daily for A, open from Friday of week 1 to Tuesday of week 2 (closed Tue 00:00): Fri, Sat, Sun | Mon.
      { id: 'h2', partnerId: 'A', repeat: 'daily' as const, createdAt: day(4), dueAt: null, closedAt: day(8) },
      // Weekly for B from week 2.
      { id: 'h3', partnerId: 'B', repeat: 'weekly' as const, createdAt: day(7), dueAt: null, closedAt: null },
    ];
    const marks = [
      // A ticks the one-off in week 2 (late): still counts for week 1.
      { homeworkId: 'h1', partnerId: 'A', period: '', doneAt: day(8) },
      // B opened but did not tick it.
      { homeworkId: 'h1', partnerId: 'B', period: '', doneAt: null },
      { homeworkId: 'h2', partnerId: 'A', period: '2026-01-09', doneAt: day(4) },
      { homeworkId: 'h2', partnerId: 'A', period: '2026-01-10', doneAt: day(5) },
      { homeworkId: 'h2', partnerId: 'A', period: '2026-01-12', doneAt: day(7) },
      { homeworkId: 'h3', partnerId: 'B', period: '2026-01-12', doneAt: day(9) },
    ];
    // Week 1: h1 x2 expected, 1 done; h2 Fri-Sun 3 expected, 2 done -> 3/5.
    // Week 2: h2 Mon 1 expected, 1 done; h3 1 expected, 1 done -> 2/2.
    expect(weeklyTaskCompletion(homework, marks, ['A', 'B'], day(0), day(13))).toEqual([
      { weekStart: MON, expected: 5, done: 3, rate: 0.6 },
      { weekStart: MON + WEEK_MS, expected: 2, done: 2, rate: 1 },
    ]);
  });

  it('has no rate in a week with nothing expected', () => {
    expect(weeklyTaskCompletion([], [], ['A', 'B'], day(0), day(3))).toEqual([
      { weekStart: MON, expected: 0, done: 0, rate: null },
    ]);
  });
});
