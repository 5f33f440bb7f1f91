import { describe, expect, it } from 'vitest';
import { isTimeZone, seriesStarts } from './series.js';

const DAY = 86_400_000;

describe('seriesStarts', () => {
  it('steps a week or two apart in UTC', () => {
    const first = Date.parse('2027-01-05T17:00:00Z');
    expect(seriesStarts(first, 'weekly', 3, 'UTC')).toEqual([first, first + 7 * DAY, first + 14 * DAY]);
    expect(seriesStarts(first, 'fortnightly', 2, 'UTC')).toEqual([first, first + 14 * DAY]);
  });

  it('keeps the local time across a daylight-saving change', () => {
    // Madrid moves from UTC+1 to UTC+2 on 2027-03-28: 18:00 local is 17:00Z before and 16:00Z after.
    const first = Date.parse('2027-03-23T17:00:00Z');
    const [a, b] = seriesStarts(first, 'weekly', 2, 'Europe/Madrid');
    expect(new Date(a!).toISOString()).toBe('2027-03-23T17:00:00.000Z');
    expect(new Date(b!).toISOString()).toBe('2027-03-30T16:00:00.000Z');
    // And back in autumn (UTC+2 to UTC+1 on 2027-10-31).
    const [c, d] = seriesStarts(Date.parse('2027-10-26T16:00:00Z'), 'weekly', 2, 'Europe/Madrid');
    expect(new Date(c!).toISOString()).toBe('2027-10-26T16:00:00.000Z');
    expect(new Date(d!).toISOString()).toBe('2027-11-02T17:00:00.000Z');
  });

  it('knows a time zone from a made-up name', () => {
    expect(isTimeZone('America/Mexico_City')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
  });
});
