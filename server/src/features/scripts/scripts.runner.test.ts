import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptRunView } from '@tandem/shared';
import { DB_KINDS, call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('the live script runner (%s)', (db) => {
  let server: TestServer;
  let room: Room;

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  const start = () =>
    call<ScriptRunView>(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: room.ids.a, listener: room.ids.b },
    });

  it('shows everyone the same step when the therapist starts, advances and swaps roles', async () => {
    const seen = nextEvent<ScriptRunView>(room.partnerB, 'script:update', (r) => r.stepIndex === 0);
    expect((await start()).ok).toBe(true);
    expect((await seen).assignments).toEqual({ speaker: room.ids.a, listener: room.ids.b });
    const atStep1 = nextEvent<ScriptRunView>(room.partnerA, 'script:update', (r) => r.stepIndex === 1);
    await call(room.therapist, 'script:next', {});
    expect((await atStep1).turnTimer.durationMs).toBe(60_000);
    const swapped = await call<ScriptRunView>(room.therapist, 'script:swap', {});
    expect(swapped.ok && swapped.data.assignments).toEqual({ speaker: room.ids.b, listener: room.ids.a });
    const back = await call<ScriptRunView>(room.therapist, 'script:back', {});
    expect(back.ok && back.data.stepIndex).toBe(0);
  });

  it('refuses to let a partner start, advance, go back, swap, pause or end a script', async () => {
    await start();
    for (const event of ['script:next', 'script:back', 'script:swap', 'script:end'] as const) {
      expect(await call(room.partnerA, event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(await call(room.partnerA, 'script:pause', { paused: true })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(
      await call(room.partnerB, 'script:start', {
        scriptId: 'repair',
        assignments: { speaker: room.ids.b, listener: room.ids.a },
      }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const state = await call<ScriptRunView>(room.partnerA, 'script:state', {});
    expect(state.ok && state.data).toMatchObject({ scriptId: 'speaker-listener', stepIndex: 0, status: 'running' });
  });

  it('lets only the current speaker say they are done', async () => {
    await start();
    expect(await call(room.partnerB, 'script:done', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const done = await call<ScriptRunView>(room.partnerA, 'script:done', {});
    expect(done.ok && done.data).toMatchObject({ speakerDone: true, turnTimer: { status: 'done' } });
  });

  it('refuses assignments to people outside the session, and stops the turn timer during a pause', async () => {
    const bad = await call(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: room.ids.a, listener: '00000000-0000-4000-8000-000000000000' },
    });
    expect(bad).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    await start();
    const paused = nextEvent<ScriptRunView>(room.therapist, 'script:update', (r) => r.status === 'paused');
    await call(room.partnerB, 'pause:call', { minutes: 2 });
    expect((await paused).turnTimer.status).toBe('paused');
  });

  it('keeps the run (steps reached and timings) with the session after it ends', async () => {
    await start();
    await call(room.therapist, 'script:next', {});
    const ended = await call<ScriptRunView>(room.therapist, 'script:end', {});
    expect(ended.ok && ended.data.status).toBe('ended');
    expect(await call(room.partnerA, 'script:state', {})).toEqual({ ok: true, data: null });
    const row = await server.ctx.db.selectFrom('script_runs').selectAll().executeTakeFirstOrThrow();
    const visits = JSON.parse(row.visits) as ScriptRunView['visits'];
    expect(visits.map((v) => [v.step, v.speakerId, v.leftAt !== null])).toEqual([
      [0, room.ids.a, true],
      [1, room.ids.b, true],
    ]);
    const runs = await room.s.therapist.ok<ScriptRunView[]>('GET', `/api/sessions/${room.s.sessionId}/script-runs`);
    expect(runs.map((r) => [r.scriptId, r.status, r.visits.length])).toEqual([['speaker-listener', 'ended', 2]]);
  });
});
