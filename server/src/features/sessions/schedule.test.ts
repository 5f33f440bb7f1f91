/**
 * The schedule (issue 16): today's and the coming week's sessions across the therapist's couples, a session moved
 * (its links follow the new time), and a session's calendar file that names no one.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto, ScheduleDto, SessionDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  redeem,
  startTestServer,
  tokenFromUrl,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe.each(DB_KINDS)('the schedule (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const book = (at: number | null, title = '') =>
    s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      title,
      scheduledAt: at === null ? null : new Date(at).toISOString(),
    });

  it('lists the week’s sessions soonest first, live ones on top, and not the ones after', async () => {
    const now = Date.now();
    const later = await book(now + 3 * DAY);
    const soon = await book(now + 2 * HOUR);
    const outside = await book(now + 9 * DAY);
    const from = new Date(now - HOUR).toISOString();
    const week = await s.therapist.ok<ScheduleDto>('GET', `/api/schedule?from=${encodeURIComponent(from)}&days=7`);
    const ids = week.sessions.map((x) => x.id);
    expect(ids).toContain(soon.session.id);
    expect(ids).toContain(later.session.id);
    expect(ids).not.toContain(outside.session.id);
    expect(ids.indexOf(soon.session.id)).toBeLessThan(ids.indexOf(later.session.id));
    expect(week.sessions.every((x) => Array.isArray(x.joined))).toBe(true);
    expect(Date.parse(week.to) - Date.parse(week.from)).toBe(7 * DAY);

    for (const bad of ['', '?from=yesterday', `?from=${encodeURIComponent(from)}&days=40`, '?days=3']) {
      expect((await s.therapist.request('GET', `/api/schedule${bad}`)).status).toBe(400);
    }
    const other = await addTherapist(server);
    const theirs = await other.ok<ScheduleDto>('GET', `/api/schedule?from=${encodeURIComponent(from)}`);
    expect(theirs.sessions).toEqual([]);
    expect((await s.partnerA.request('GET', `/api/schedule?from=${encodeURIComponent(from)}`)).status).toBe(401);
  });

  it('moves a scheduled session: the links already sent follow the new time and still open', async () => {
    const now = Date.now();
    const booked = await book(now + DAY);
    const before = await server.ctx.db
      .selectFrom('invites')
      .select(['partner_id', 'expires_at'])
      .where('session_id', '=', booked.session.id)
      .execute();
    const newTime = now + 20 * DAY;
    const moved = await s.therapist.ok<SessionDto>('PATCH', `/api/sessions/${booked.session.id}`, {
      scheduledAt: new Date(newTime).toISOString(),
      durationMinutes: 80,
    });
    expect(moved).toMatchObject({ scheduledAt: new Date(newTime).toISOString(), durationMinutes: 80, title: '' });
    const after = await server.ctx.db
      .selectFrom('invites')
      .select(['partner_id', 'expires_at'])
      .where('session_id', '=', booked.session.id)
      .execute();
    expect(after).toHaveLength(before.length);
    for (const row of after) {
      expect(Number(row.expires_at)).toBeGreaterThan(newTime + 80 * 60_000);
      expect(Number(row.expires_at)).toBeGreaterThan(
        Number(before.find((b) => b.partner_id === row.partner_id)!.expires_at),
      );
    }
    // A partner's link still opens, and their device's grant follows the time too.
    const alex = new Browser(server.url);
    await redeem(alex, tokenFromUrl(booked.invites[0]!.url));
    const grant = await server.ctx.db
      .selectFrom('guest_grants')
      .select('expires_at')
      .where('session_id', '=', booked.session.id)
      .executeTakeFirstOrThrow();
    expect(Number(grant.expires_at)).toBeGreaterThan(newTime);
    // The title alone still changes alone.
    const titled = await s.therapist.ok<SessionDto>('PATCH', `/api/sessions/${booked.session.id}`, { title: 'Week 3' });
    expect(titled).toMatchObject({ title: 'Week 3', durationMinutes: 80 });
  });

  it('refuses a bad move and changes nothing', async () => {
    const now = Date.now();
    const booked = await book(now + DAY);
    const path = `/api/sessions/${booked.session.id}`;
    for (const body of [
      {},
      { scheduledAt: 'tomorrow' },
      { durationMinutes: 5 },
      { scheduledAt: new Date(now + 3 * 366 * DAY).toISOString() },
      { scheduledAt: new Date(now - 2 * DAY).toISOString() },
      { title: 'x', extra: true },
    ]) {
      expect((await s.therapist.request('PATCH', path, body)).status).toBe(400);
    }
    const other = await addTherapist(server);
    expect([403, 404]).toContain(
      (await other.request('PATCH', path, { scheduledAt: new Date(now + 2 * DAY).toISOString() })).status,
    );
    const same = await s.therapist.ok<SessionDto>('GET', path);
    expect(same.scheduledAt).toBe(booked.session.scheduledAt);
    // An ended session is not moved.
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    const ended = await s.therapist.request('PATCH', `/api/sessions/${s.sessionId}`, {
      scheduledAt: new Date(now + 2 * DAY).toISOString(),
    });
    expect(ended.status).toBe(409);
  });

  it('gives a calendar file with the time and the room, and no name or title', async () => {
    const at = Date.parse('2027-03-04T15:30:00Z');
    const booked = await book(at, 'ZZTITLE-PRIVATE');
    const res = await fetch(`${server.url}/api/sessions/${booked.session.id}/session.ics`, {
      headers: { cookie: s.therapist.cookieHeader, origin: server.url },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/);
    // Calendar lines fold at 75 octets: unfold before reading them.
    const body = (await res.text()).replace(/\r\n[ \t]/g, '');
    expect(body).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR(\r\n)?$/);
    expect(body).toContain('DTSTART:20270304T153000Z');
    expect(body).toContain('DTEND:20270304T162000Z');
    expect(body).toContain(`/sessions/${booked.session.id}`);
    for (const name of ['ZZTITLE-PRIVATE', 'Alex', 'Sam', s.couple.name]) expect(body).not.toContain(name);
    const unscheduled = await book(null);
    expect((await s.therapist.request('GET', `/api/sessions/${unscheduled.session.id}/session.ics`)).status).toBe(409);
    expect((await s.partnerA.request('GET', `/api/sessions/${booked.session.id}/session.ics`)).status).toBe(401);
  });
});
