/** What a partner and the therapist write between sessions: validated, sized, kept per period, changed by its author. */
import { afterEach, describe, expect, it } from 'vitest';
import {
  WEEKLY_RATINGS_ID,
  type BetweenMeDto,
  type ConflictEntryDto,
  type CreatedSessionDto,
  type HomeworkDto,
  type SessionHomeworkDto,
  type WeeklyStateDto,
} from '@tandem/shared';
import { DB_KINDS, startTestServer, type TestServer } from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { caseScenario } from './betweenTest.js';

const DAY = 86_400_000;
const answers = (connection: number) => ({
  instrumentId: WEEKLY_RATINGS_ID,
  instrumentVersion: 1,
  answers: { connection, trust: 5, closeness: 5 },
});
const entry = (over: Partial<Record<string, unknown>> = {}) => ({
  occurredAt: new Date(Date.now() - DAY).toISOString(),
  durationMin: 30,
  repairMin: 120,
  pauseUsed: false,
  helped: 'A walk',
  ...over,
});

describe.each(DB_KINDS)('between-session writes (%s)', (db) => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  it('refuses bad input with a typed error and changes nothing', async () => {
    server = await startTestServer({ db });
    const { s, ids, alex } = await caseScenario(server);
    const hw = `/api/sessions/${s.sessionId}/homework`;
    const badTasks = [
      { partnerId: null, text: '', dueAt: null, repeat: 'none' },
      { partnerId: null, text: 'x'.repeat(501), dueAt: null, repeat: 'none' },
      { partnerId: null, text: 'Walk', dueAt: new Date().toISOString(), repeat: 'daily' },
      { partnerId: null, text: 'Walk', dueAt: null, repeat: 'hourly' },
      { partnerId: crypto.randomUUID(), text: 'Walk', dueAt: null, repeat: 'none' },
      { partnerId: null, text: 'Walk', dueAt: null, repeat: 'none', extra: 1 },
    ];
    for (const body of badTasks) expect((await s.therapist.request('POST', hw, body)).status).toBe(400);
    const created = await s.therapist.ok<SessionHomeworkDto>('POST', hw, {
      partnerId: ids.a,
      text: 'Walk',
      dueAt: null,
      repeat: 'none',
    });
    const task = created.agreed[0]!;
    const mark = `/api/me/homework/${task.id}/mark`;
    for (const body of [
      { done: true, reflection: 'x'.repeat(2001) },
      { done: 'yes', reflection: null },
      { done: true, reflection: 'bad \u202e direction' },
      { done: true },
    ]) {
      expect((await alex.request('PUT', mark, body)).body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    for (const body of [
      entry({ occurredAt: undefined }),
      entry({ occurredAt: 'yesterday' }),
      entry({ durationMin: -1 }),
      entry({ repairMin: 20_161 }),
      entry({ durationMin: 1.5 }),
      entry({ helped: 'x'.repeat(1001) }),
      entry({ occurredAt: new Date(Date.now() + 3 * DAY).toISOString() }),
    ]) {
      expect((await alex.request('POST', '/api/me/conflicts', body)).status).toBe(400);
    }
    for (const body of [
      { ...answers(11) },
      { ...answers(5), answers: {} },
      { ...answers(5), answers: { connection: 5, trust: 5, closeness: 5, other: 1 } },
    ]) {
      expect((await alex.request('PUT', '/api/me/weekly', body)).status).toBe(400);
    }
    expect((await alex.request('PUT', '/api/me/weekly', { ...answers(5), instrumentVersion: 2 })).status).toBe(409);
    const page = await alex.ok<BetweenMeDto>('GET', '/api/me');
    expect(page.tasks[0]?.marks).toEqual([]);
    expect(page.conflicts).toEqual([]);
    expect(page.weekly.current).toBeNull();
    // A scheduled session has no task yet.
    const later = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const early = await s.therapist.request('POST', `/api/sessions/${later.session.id}/homework`, {
      partnerId: null,
      text: 'Walk',
      dueAt: null,
      repeat: 'none',
    });
    expect(early.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('keeps a tick per day of a daily task, one weekly rating per week (editable that week)', async () => {
    // A Wednesday at noon (UTC), so the next day and the next week are plain to see.
    const clock = manualClock();
    clock.advance(Date.parse('2026-11-25T12:00:00Z') - clock.now());
    server = await startTestServer({ db, clock });
    const { s, ids, alex } = await caseScenario(server);
    const { agreed } = await s.therapist.ok<SessionHomeworkDto>('POST', `/api/sessions/${s.sessionId}/homework`, {
      partnerId: null,
      text: 'Ten minutes of talk',
      dueAt: null,
      repeat: 'daily',
    });
    const mark = `/api/me/homework/${agreed[0]!.id}/mark`;
    const first = await alex.ok<HomeworkDto>('PUT', mark, { done: true, reflection: 'Hard to start' });
    expect(first.marks).toMatchObject([{ period: '2026-11-25', done: true, reflection: 'Hard to start' }]);
    await alex.ok('PUT', mark, { done: true, reflection: '  ' });
    clock.advance(DAY);
    const second = await alex.ok<HomeworkDto>('PUT', mark, { done: false, reflection: null });
    expect(second.marks.map((m) => [m.period, m.done, m.reflection])).toEqual([
      ['2026-11-26', false, null],
      ['2026-11-25', true, null],
    ]);

    const w1 = await alex.ok<WeeklyStateDto>('PUT', '/api/me/weekly', answers(3));
    expect(w1.weekStart).toBe('2026-11-23');
    const w1b = await alex.ok<WeeklyStateDto>('PUT', '/api/me/weekly', answers(8));
    expect(w1b.current?.id).toBe(w1.current?.id);
    expect(w1b.current).toMatchObject({ answers: { connection: 8 }, score: 18 });
    clock.advance(5 * DAY);
    const fresh = await alex.ok<BetweenMeDto>('GET', '/api/me');
    expect(fresh.weekly).toMatchObject({ weekStart: '2026-11-30', current: null });
    // Two devices (or a double tap) answering at once: one row for the week, the database holds it.
    await Promise.all([4, 5, 6].map(async (n) => alex.ok('PUT', '/api/me/weekly', answers(n))));
    await alex.ok('PUT', '/api/me/weekly', answers(6));
    const duplicate = server.ctx.db
      .insertInto('measure_responses')
      .values({
        id: crypto.randomUUID(),
        couple_id: s.couple.id,
        partner_id: ids.a,
        session_id: null,
        occasion: 'weekly',
        instrument_id: WEEKLY_RATINGS_ID,
        instrument_version: 1,
        answers: '{}',
        score: 0,
        answered_at: clock.now(),
        updated_at: clock.now(),
        period: Date.parse('2026-11-30T00:00:00Z'),
      })
      .execute();
    await expect(duplicate).rejects.toThrow();
    const rows = await server.ctx.db
      .selectFrom('measure_responses')
      .select(['score', 'session_id', 'occasion'])
      .where('partner_id', '=', ids.a)
      .orderBy('answered_at')
      .execute();
    expect(rows.map((r) => [Number(r.score), r.session_id, r.occasion])).toEqual([
      [18, null, 'weekly'],
      [16, null, 'weekly'],
    ]);
  });

  it('lets only the author change or delete a log entry; a closed task leaves the page; the next session reviews it', async () => {
    server = await startTestServer({ db });
    const { s, ids, alex, sam } = await caseScenario(server);
    const made = await alex.ok<ConflictEntryDto>('POST', '/api/me/conflicts', entry());
    const changed = await alex.ok<ConflictEntryDto>('PUT', `/api/me/conflicts/${made.id}`, entry({ pauseUsed: true }));
    expect(changed).toMatchObject({ id: made.id, pauseUsed: true, durationMin: 30, helped: 'A walk' });
    expect((await sam.request('DELETE', `/api/me/conflicts/${made.id}`)).status).toBe(404);
    await alex.ok('DELETE', `/api/me/conflicts/${made.id}`);
    expect((await alex.ok<BetweenMeDto>('GET', '/api/me')).conflicts).toEqual([]);

    // The progress note's task prefills the form.
    await s.therapist.ok('PUT', `/api/sessions/${s.sessionId}/progress-note`, {
      format: 'dap',
      content: { fields: { task: 'Practise one pause' }, sections: {}, partners: [] },
    });
    const state = await s.therapist.ok<SessionHomeworkDto>('GET', `/api/sessions/${s.sessionId}/homework`);
    expect(state.suggestedText).toBe('Practise one pause');
    const { agreed } = await s.therapist.ok<SessionHomeworkDto>('POST', `/api/sessions/${s.sessionId}/homework`, {
      partnerId: null,
      text: 'Practise one pause',
      dueAt: new Date(Date.now() + 7 * DAY).toISOString(),
      repeat: 'none',
    });
    await alex.ok('PUT', `/api/me/homework/${agreed[0]!.id}/mark`, { done: true, reflection: 'We paused once' });

    // The next session: the therapist sees the last task with each partner's mark.
    const next = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    await s.therapist.ok('POST', `/api/sessions/${next.session.id}/end`);
    const review = await s.therapist.ok<SessionHomeworkDto>('GET', `/api/sessions/${next.session.id}/homework`);
    expect(review.agreed).toEqual([]);
    expect(review.previous.map((t) => t.text)).toEqual(['Practise one pause']);
    expect(review.previous[0]?.marks).toMatchObject([{ partnerId: ids.a, done: true, reflection: 'We paused once' }]);

    await s.therapist.ok('POST', `/api/homework/${agreed[0]!.id}/close`);
    expect((await sam.ok<BetweenMeDto>('GET', '/api/me')).tasks).toEqual([]);
    expect(
      (await alex.request('PUT', `/api/me/homework/${agreed[0]!.id}/mark`, { done: true, reflection: null })).status,
    ).toBe(409);
  });

  it('quick exit drops the device’s cookie and its grant', async () => {
    server = await startTestServer({ db });
    const { alex } = await caseScenario(server);
    const cookie = alex.cookieHeader;
    await alex.ok('POST', '/api/me/quick-exit');
    expect(alex.cookie('tandem_case')).toBeUndefined();
    const res = await fetch(`${server.url}/api/me`, { headers: { cookie } });
    expect(res.status).toBe(401);
  });
});
