/** A recurring series' times: the same wall-clock time in the therapist's time zone, every week or two. */
import type { SeriesRepeat } from './domain.js';
import { isTimeZone } from './mail.js';

export { isTimeZone };

const DAY_MS = 86_400_000;

/** How far `timeZone`'s wall clock is ahead of UTC at `instant`, in ms. */
function offsetAt(instant: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(instant);
  const n = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return wall - (instant - (instant % 1000));
}

/**
 * The start of each session of a series: the first at `first`, then every 7 (weekly) or 14 (fortnightly) days at
 * the same local time in `timeZone`, across daylight-saving changes (a 17:00 session stays at 17:00).
 */
export function seriesStarts(first: number, repeat: SeriesRepeat, count: number, timeZone: string): number[] {
  const step = (repeat === 'weekly' ? 7 : 14) * DAY_MS;
  const firstOffset = offsetAt(first, timeZone);
  const out: number[] = [];
  for (let i = 0; i < count; i++) {
    const naive = first + i * step;
    // Same wall time: shift by the change in offset between the first session and this one.
    const guess = naive + firstOffset - offsetAt(naive, timeZone);
    out.push(naive + firstOffset - offsetAt(guess, timeZone));
  }
  return out;
}
