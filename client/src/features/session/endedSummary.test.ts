import { describe, expect, it } from 'vitest';
import { endedSummary } from './endedSummary';

const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00`).toISOString();

describe('the therapist’s end screen summary', () => {
  it('gives the day, the hours and the whole minutes the session ran', () => {
    const s = endedSummary({ startedAt: at('10:02'), endedAt: at('10:50'), scheduledAt: null }, 'en-GB');
    expect(s.date).toBe('Monday, 30 November 2026');
    expect(s.time?.replace(/\s/g, ' ')).toMatch(/^10:02\s*–\s*10:50$/);
    expect(s.minutes).toBe(48);
  });

  it('writes the day and the clock in the reader’s language, never "AM" on a Spanish screen', () => {
    const s = endedSummary({ startedAt: at('09:04'), endedAt: at('09:54'), scheduledAt: null }, 'es');
    expect(s.date).toBe('lunes, 30 de noviembre de 2026');
    expect(s.time).not.toMatch(/AM|PM/i);
    expect(s.time).toContain('9:04');
  });

  it('says at least one minute for a session ended right away', () => {
    expect(endedSummary({ startedAt: at('10:00'), endedAt: at('10:00'), scheduledAt: null }, 'en').minutes).toBe(1);
  });

  it('gives only the planned day for a session that never started', () => {
    const s = endedSummary({ startedAt: null, endedAt: at('11:00'), scheduledAt: at('10:00') }, 'en-GB');
    expect(s).toEqual({ date: 'Monday, 30 November 2026', time: null, minutes: null });
    expect(endedSummary({ startedAt: null, endedAt: null, scheduledAt: null }, 'en')).toEqual({
      date: null,
      time: null,
      minutes: null,
    });
  });
});
