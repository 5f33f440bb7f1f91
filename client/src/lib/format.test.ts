import { describe, expect, it } from 'vitest';
import { formatScheduled, formatTime } from './format';

const AT = '2026-11-30T09:04:00Z';

describe('times in the reader’s language', () => {
  it('writes a Spanish clock without AM/PM and an English one with it', () => {
    expect(formatTime(AT, 'es', 'UTC')).toBe('9:04');
    expect(formatTime(AT, 'en', 'UTC')).toMatch(/^9:04\sAM$/);
    expect(formatTime(AT, 'es', 'UTC')).not.toMatch(/AM|PM|a\. ?m\./i);
  });

  it('gives the scheduled day and time in the reader’s time zone', () => {
    expect(formatScheduled(AT, 'en', 'UTC')).toEqual({
      date: 'Monday, November 30',
      time: expect.stringMatching(/^9:04\sAM$/),
    });
    expect(formatScheduled(AT, 'es', 'Europe/Madrid')).toEqual({ date: 'lunes, 30 de noviembre', time: '10:04' });
    // Across midnight the day moves with the zone.
    expect(formatScheduled('2026-11-30T23:30:00Z', 'es', 'Europe/Madrid')?.date).toBe('martes, 1 de diciembre');
  });

  it('has nothing to show without a valid time', () => {
    expect(formatScheduled(null, 'en')).toBeNull();
    expect(formatScheduled('not a date', 'en')).toBeNull();
  });
});
