/**
 * A recurring series (issue 16): booked at once (all or none), a week or two apart at the same local time, each
 * knowing its place ("3 of 10"); one of them moved or cancelled alone, or with the ones after it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CancelledDto, CreatedSeriesDto, SessionDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

const DAY = 86_400_000;

describe.each(DB_KINDS)('a recurring series (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const seriesBody = (over: Record<string, unknown> = {}) => ({
    coupleId: s.couple.id,
    kind: 'joint',
    title: 'Weekly',
    scheduledAt: '2027-03-02T17:00:00.000Z',
    durationMinutes: 60,
    repeat: 'weekly',
    count: 4,
    ...over,
  });
  const countSessions = async () =>
    Number(
      (
        await server.ctx.db
          .selectFrom('sessions')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('books every session of a weekly series, a week apart, each knowing its place', async () => {
    const first = Date.now() + DAY;
    const made = await s.therapist.ok<CreatedSeriesDto>(
      'POST',
      '/api/sessions/series',
      seriesBody({ scheduledAt: new Date(first).toISOString(), count: 10 }),
    );
    expect(made.sessions).toHaveLength(10);
    const seriesId = made.sessions[0]!.series!.id;
    made.sessions.forEach((x, i) => {
      expect(x.series).toEqual({ id: seriesId, index: i + 1, count: 10 });
      expect(Date.parse(x.scheduledAt!)).toBe(first + i * 7 * DAY);
      expect(x).toMatchObject({ status: 'scheduled', title: 'Weekly', durationMinutes: 60, kind: 'joint' });
    });
    // Links come with the first; the others' are issued when wanted.
    expect(made.invites.map((i) => i.partnerId).sort()).toEqual(s.couple.partners.map((p) => p.id).sort());
    expect(made.sessions[0]!.invites.every((i) => i.state === 'active')).toBe(true);
    expect(made.sessions[1]!.invites.every((i) => i.state === 'none')).toBe(true);
    const list = await s.therapist.ok<SessionDto[]>('GET', `/api/couples/${s.couple.id}/sessions`);
    expect(list.filter((x) => x.series?.id === seriesId)).toHaveLength(10);
  });

  it('spaces a fortnightly series two weeks apart and keeps the local time across a clock change', async () => {
    const first = '2027-03-23T17:00:00.000Z'; // 18:00 in Madrid (UTC+1); summer time starts on 28 March
    const made = await s.therapist.ok<CreatedSeriesDto>(
      'POST',
      '/api/sessions/series',
      seriesBody({ scheduledAt: first, repeat: 'fortnightly', count: 2, timeZone: 'Europe/Madrid' }),
    );
    expect(made.sessions.map((x) => x.scheduledAt)).toEqual([first, '2027-04-06T16:00:00.000Z']);
  });

  it('refuses a bad series and books nothing', async () => {
    const before = await countSessions();
    const bad = [
      seriesBody({ count: 1 }),
      seriesBody({ count: 27 }),
      seriesBody({ count: 2.5 }),
      seriesBody({ repeat: 'daily' }),
      seriesBody({ scheduledAt: null }),
      seriesBody({ scheduledAt: undefined }),
      seriesBody({ scheduledAt: 'next tuesday' }),
      seriesBody({ scheduledAt: new Date(Date.now() - 3 * DAY).toISOString() }),
      seriesBody({ scheduledAt: new Date(Date.now() + 3 * 366 * DAY).toISOString() }),
      seriesBody({ timeZone: 'Mars/Olympus' }),
      seriesBody({ kind: 'individual' }),
      seriesBody({ kind: 'individual', partnerId: crypto.randomUUID() }),
      seriesBody({ extra: true }),
    ];
    for (const body of bad) {
      expect((await s.therapist.request('POST', '/api/sessions/series', body)).status).toBe(400);
    }
    const other = await addTherapist(server);
    expect([403, 404]).toContain((await other.request('POST', '/api/sessions/series', seriesBody())).status);
    expect(await countSessions()).toBe(before);
  });

  it('moves one session of a series alone, and cancels one alone or with the ones after it', async () => {
    const first = Date.now() + DAY;
    const made = await s.therapist.ok<CreatedSeriesDto>(
      'POST',
      '/api/sessions/series',
      seriesBody({ scheduledAt: new Date(first).toISOString(), count: 5 }),
    );
    const [one, two, three] = made.sessions;
    const moved = await s.therapist.ok<SessionDto>('PATCH', `/api/sessions/${two!.id}`, {
      scheduledAt: new Date(first + 9 * DAY).toISOString(),
    });
    expect(moved.scheduledAt).toBe(new Date(first + 9 * DAY).toISOString());
    expect(moved.series).toEqual(two!.series);
    const after = await s.therapist.ok<SessionDto>('GET', `/api/sessions/${three!.id}`);
    expect(after.scheduledAt).toBe(three!.scheduledAt);

    const alone = await s.therapist.ok<CancelledDto>('POST', `/api/sessions/${one!.id}/cancel`, {});
    expect(alone.cancelled).toEqual([one!.id]);
    const status = async (id: string) => (await s.therapist.ok<SessionDto>('GET', `/api/sessions/${id}`)).status;
    expect(await status(two!.id)).toBe('scheduled');

    const rest = await s.therapist.ok<CancelledDto>('POST', `/api/sessions/${three!.id}/cancel`, { following: true });
    expect(rest.cancelled.sort()).toEqual(
      made.sessions
        .slice(2)
        .map((x) => x.id)
        .sort(),
    );
    expect(await status(two!.id)).toBe('scheduled');
    for (const x of made.sessions.slice(2)) expect(await status(x.id)).toBe('cancelled');
  });
});
