import { describe, expect, it } from 'vitest';
import { dayOf, periodOf, weekOf } from './between.js';
import { conflictEntryBodySchema, homeworkBodySchema, homeworkMarkBodySchema } from './between.schemas.js';

describe('between-session periods', () => {
  it('starts a week on the Monday (UTC), a Sunday belonging to the week before', () => {
    expect(weekOf(Date.parse('2026-11-30T00:00:00Z'))).toBe('2026-11-30'); // a Monday
    expect(weekOf(Date.parse('2026-12-06T23:59:59Z'))).toBe('2026-11-30'); // the Sunday after
    expect(weekOf(Date.parse('2026-11-29T12:00:00Z'))).toBe('2026-11-23'); // the Sunday before
    expect(weekOf(Date.parse('2027-01-01T08:00:00Z'))).toBe('2026-12-28'); // across the year
  });

  it('counts a tick for the day, the week, or once', () => {
    const at = Date.parse('2026-12-02T22:30:00Z');
    expect(dayOf(at)).toBe('2026-12-02');
    expect(periodOf('daily', at)).toBe('2026-12-02');
    expect(periodOf('weekly', at)).toBe('2026-11-30');
    expect(periodOf('none', at)).toBe('');
  });
});

describe('between-session bodies', () => {
  it('turns a blank reflection or "what helped" into none, and keeps real text', () => {
    expect(homeworkMarkBodySchema.parse({ done: true, reflection: '   ' })).toEqual({ done: true, reflection: null });
    expect(homeworkMarkBodySchema.parse({ done: false, reflection: 'ok' })).toEqual({ done: false, reflection: 'ok' });
    const entry = { occurredAt: '2026-11-30T10:00:00Z', durationMin: null, repairMin: 5, pauseUsed: null, helped: '' };
    expect(conflictEntryBodySchema.parse(entry).helped).toBeNull();
  });

  it('refuses a due date on a repeating task and a whitespace-only task', () => {
    const task = { partnerId: null, text: 'Walk', dueAt: '2026-12-07T18:00:00Z', repeat: 'weekly' };
    expect(homeworkBodySchema.safeParse(task).success).toBe(false);
    expect(homeworkBodySchema.safeParse({ ...task, repeat: 'none' }).success).toBe(true);
    expect(homeworkBodySchema.safeParse({ ...task, repeat: 'none', text: '   ' }).success).toBe(false);
  });
});
