/** The schedule's days and a couple's sessions split into upcoming and past: pure, on the device's clock and zone. */
import { sessionClosed, type ScheduleItemDto, type SessionDto } from '@tandem/shared';

export const WEEK_DAYS = 7;

/** Local midnight of the day holding `now` (the device's time zone). */
export function localMidnight(now: Date): Date {
  return new Date(now.getFullYear(), now.getMonth(), now.getDate());
}

/** The schedule's window: from today's local midnight, the coming 7 days. */
export function scheduleWindow(now: Date): { from: string; days: number } {
  return { from: localMidnight(now).toISOString(), days: WEEK_DAYS };
}

/**
 * "Today" (live ones, and those scheduled before the next local midnight) and "This week" (the rest of the 7 days),
 * each soonest first with live ones on top. The next midnight is counted on the calendar, so a day of 23 or 25
 * hours (a clock change) still ends at midnight.
 */
export function groupSchedule(
  items: ScheduleItemDto[],
  now: Date,
): { today: ScheduleItemDto[]; week: ScheduleItemDto[] } {
  const start = localMidnight(now);
  const tomorrow = new Date(start.getFullYear(), start.getMonth(), start.getDate() + 1).getTime();
  const end = new Date(start.getFullYear(), start.getMonth(), start.getDate() + WEEK_DAYS).getTime();
  const at = (s: ScheduleItemDto) => (s.scheduledAt ? Date.parse(s.scheduledAt) : Number.NEGATIVE_INFINITY);
  const order = (a: ScheduleItemDto, b: ScheduleItemDto) =>
    Number(b.status === 'live') - Number(a.status === 'live') || at(a) - at(b);
  const today = items.filter((s) => s.status === 'live' || (at(s) >= start.getTime() && at(s) < tomorrow));
  const week = items.filter((s) => s.status !== 'live' && at(s) >= tomorrow && at(s) < end);
  return { today: today.sort(order), week: week.sort(order) };
}

/**
 * A couple's sessions: upcoming (scheduled or live; live first, then soonest, those without a time last) and past
 * (ended or cancelled; the latest first).
 */
export function splitSessions(list: SessionDto[]): { upcoming: SessionDto[]; past: SessionDto[] } {
  const when = (s: SessionDto) =>
    Date.parse(s.endedAt ?? s.cancelledAt ?? s.startedAt ?? s.scheduledAt ?? '') || Number.NEGATIVE_INFINITY;
  const planned = (s: SessionDto) => (s.scheduledAt ? Date.parse(s.scheduledAt) : Number.POSITIVE_INFINITY);
  const upcoming = list
    .filter((s) => !sessionClosed(s.status))
    .sort((a, b) => Number(b.status === 'live') - Number(a.status === 'live') || planned(a) - planned(b));
  const past = list.filter((s) => sessionClosed(s.status)).sort((a, b) => when(b) - when(a));
  return { upcoming, past };
}
