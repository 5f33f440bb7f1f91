import { describe, expect, it } from 'vitest';
import type { ScheduleItemDto, SessionDto } from '@tandem/shared';
import { groupSchedule, localMidnight, scheduleWindow, splitSessions } from './grouping';

const session = (id: string, over: Partial<ScheduleItemDto> = {}): ScheduleItemDto => ({
  id,
  coupleId: 'c1',
  coupleName: 'Alex & Sam',
  kind: 'joint',
  title: '',
  partnerIds: ['a', 'b'],
  scheduledAt: null,
  durationMinutes: 50,
  status: 'scheduled',
  startedAt: null,
  endedAt: null,
  cancelledAt: null,
  series: null,
  invites: [],
  seat: 'lead',
  clinicians: [],
  joined: [],
  ...over,
});
const local = (y: number, m: number, d: number, h = 0, min = 0) => new Date(y, m - 1, d, h, min);

describe('the schedule window and its groups', () => {
  const now = local(2027, 3, 10, 15, 30);

  it('starts at the local midnight and spans seven days', () => {
    expect(localMidnight(now).getTime()).toBe(local(2027, 3, 10).getTime());
    expect(scheduleWindow(now)).toEqual({ from: local(2027, 3, 10).toISOString(), days: 7 });
  });

  it('puts live and today’s sessions under today, the next six days under this week, soonest first', () => {
    const items = [
      session('later-week', { scheduledAt: local(2027, 3, 16, 23, 59).toISOString() }),
      session('tonight', { scheduledAt: local(2027, 3, 10, 23, 59).toISOString() }),
      session('morning', { scheduledAt: local(2027, 3, 10, 8).toISOString() }),
      session('live', { status: 'live', scheduledAt: null }),
      session('tomorrow', { scheduledAt: local(2027, 3, 11, 0, 0).toISOString() }),
      session('next-week', { scheduledAt: local(2027, 3, 17, 0, 0).toISOString() }),
    ];
    const { today, week } = groupSchedule(items, now);
    expect(today.map((s) => s.id)).toEqual(['live', 'morning', 'tonight']);
    expect(week.map((s) => s.id)).toEqual(['tomorrow', 'later-week']);
  });

  it('leaves both groups empty without sessions', () => {
    expect(groupSchedule([], now)).toEqual({ today: [], week: [] });
  });
});

describe('a couple’s sessions split into upcoming and past', () => {
  it('lists upcoming soonest first (live on top, no time last) and past latest first', () => {
    const list: SessionDto[] = [
      session('none'),
      session('far', { scheduledAt: '2027-05-01T10:00:00Z' }),
      session('near', { scheduledAt: '2027-04-01T10:00:00Z' }),
      session('live', { status: 'live', startedAt: '2027-03-01T10:00:00Z' }),
      session('old', { status: 'ended', endedAt: '2027-01-01T11:00:00Z' }),
      session('cancelled', { status: 'cancelled', cancelledAt: '2027-02-01T09:00:00Z' }),
    ];
    const { upcoming, past } = splitSessions(list);
    expect(upcoming.map((s) => s.id)).toEqual(['live', 'near', 'far', 'none']);
    expect(past.map((s) => s.id)).toEqual(['cancelled', 'old']);
  });
});
