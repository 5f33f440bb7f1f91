import { describe, expect, it } from 'vitest';
import { addMonthsUtc, boosterDrop, followUpCheck, followUpDueDates } from './followup.js';

const at = (iso: string) => Date.parse(iso);
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('the booster check-in cadence', () => {
  it('moves by calendar months, clamping to the month’s last day', () => {
    expect(day(addMonthsUtc(at('2026-01-31T09:00:00Z'), 1))).toBe('2026-02-28');
    expect(day(addMonthsUtc(at('2028-01-31T09:00:00Z'), 1))).toBe('2028-02-29');
    expect(day(addMonthsUtc(at('2026-11-15T09:00:00Z'), 3))).toBe('2027-02-15');
    expect(new Date(addMonthsUtc(at('2026-03-10T18:30:00Z'), 1)).toISOString()).toBe('2026-04-10T18:30:00.000Z');
  });

  it('asks monthly for three months, then every quarter', () => {
    const start = at('2026-12-01T10:00:00Z');
    expect(followUpDueDates(start, 7).map(day)).toEqual([
      '2027-01-01',
      '2027-02-01',
      '2027-03-01',
      '2027-06-01',
      '2027-09-01',
      '2027-12-01',
      '2028-03-01',
    ]);
  });

  it('asks nothing before the first date, then until an answer comes after the latest date', () => {
    const start = at('2026-12-01T10:00:00Z');
    const before = followUpCheck(start, at('2026-12-31T23:00:00Z'), []);
    expect(before).toEqual({ due: false, dueSince: null, next: at('2027-01-01T10:00:00Z') });

    const first = followUpCheck(start, at('2027-01-03T08:00:00Z'), [at('2026-12-20T08:00:00Z')]);
    expect(first).toEqual({ due: true, dueSince: at('2027-01-01T10:00:00Z'), next: at('2027-02-01T10:00:00Z') });

    const answered = followUpCheck(start, at('2027-01-03T08:00:00Z'), [at('2027-01-02T08:00:00Z')]);
    expect(answered.due).toBe(false);

    // Four months in: the March answer does not count for the April gap; the next ask is June's.
    const gap = followUpCheck(start, at('2027-04-15T08:00:00Z'), [at('2027-03-02T08:00:00Z')]);
    expect(gap).toEqual({ due: false, dueSince: at('2027-03-01T10:00:00Z'), next: at('2027-06-01T10:00:00Z') });
    const june = followUpCheck(start, at('2027-06-01T10:00:00Z'), [at('2027-03-02T08:00:00Z')]);
    expect(june).toMatchObject({ due: true, dueSince: at('2027-06-01T10:00:00Z') });
  });
});

describe('the booster flag (a reliable drop in follow-up)', () => {
  const start = 1_000;
  it('flags the latest rating reliably below the last one before follow-up', () => {
    const points = [
      { at: 100, value: 20 },
      { at: 900, value: 26 },
      { at: 2_000, value: 24 },
      { at: 3_000, value: 20 },
    ];
    expect(boosterDrop(points, start, 6, 'up')).toEqual({
      baseline: { at: 900, value: 26 },
      latest: { at: 3_000, value: 20 },
    });
    expect(boosterDrop(points, start, 6.5, 'up')).toBeNull();
  });

  it('judges by the latest rating only: a dip that recovered raises nothing', () => {
    const points = [
      { at: 900, value: 26 },
      { at: 2_000, value: 10 },
      { at: 3_000, value: 25 },
    ];
    expect(boosterDrop(points, start, 6, 'up')).toBeNull();
  });

  it('uses the first rating in follow-up as the baseline when none came before', () => {
    const points = [
      { at: 3_000, value: 12 },
      { at: 2_000, value: 22 },
    ];
    expect(boosterDrop(points, start, 6, 'up')).toEqual({
      baseline: { at: 2_000, value: 22 },
      latest: { at: 3_000, value: 12 },
    });
    expect(boosterDrop([{ at: 2_000, value: 22 }], start, 6, 'up')).toBeNull();
    expect(boosterDrop([{ at: 900, value: 22 }], start, 6, 'up')).toBeNull();
    expect(boosterDrop([], start, 6, 'up')).toBeNull();
  });

  it('reads a measure where lower is better the other way round', () => {
    const points = [
      { at: 900, value: 8 },
      { at: 2_000, value: 15 },
    ];
    expect(boosterDrop(points, start, 6, 'down')).not.toBeNull();
    expect(boosterDrop(points, start, 6, 'up')).toBeNull();
  });
});
