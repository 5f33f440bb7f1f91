import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PauseRecord, PauseView, ScriptRunView, TimersView } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('the pause card (%s)', (db) => {
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

  it('lets a partner call a pause that every screen receives with the same deadline', async () => {
    const seen = [room.therapist, room.partnerA, room.partnerB].map((sock) =>
      nextEvent<TimersView>(sock, 'timer:update', (v) => v.pause !== null),
    );
    const res = await call<PauseView>(room.partnerB, 'pause:call', { minutes: 5, exercise: '478' });
    expect(res.ok).toBe(true);
    const views = await Promise.all(seen);
    const deadlines = new Set(views.map((v) => v.pause?.timer.deadline));
    expect(deadlines.size).toBe(1);
    const pause = views[0]!.pause!;
    expect(pause).toMatchObject({
      calledBy: { id: room.ids.b, name: 'Sam', role: 'partner' },
      exercise: '478',
      mediaPaused: true,
      ready: [],
      timer: { status: 'running', durationMs: 300_000 },
    });
    expect(pause.timer.deadline! - pause.startedAt).toBe(300_000);
  });

  it('uses the couple’s default length and hides the caller when the therapist says so', async () => {
    const settings = await call(room.therapist, 'pause:settings', {
      defaultMinutes: 20,
      choices: [20, 2, 5],
      showCaller: false,
      mediaPaused: false,
    });
    expect(settings).toMatchObject({ ok: true, data: { choices: [2, 5, 20], showCaller: false } });
    const res = await call<PauseView>(room.partnerA, 'pause:call', {});
    expect(res.ok && res.data).toMatchObject({ calledBy: null, mediaPaused: false, timer: { durationMs: 1_200_000 } });
    const refused = await call(room.therapist, 'pause:settings', { defaultMinutes: 7 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });

  it('refuses to let a partner end or extend the pause, or change the settings', async () => {
    await call(room.therapist, 'pause:call', { minutes: 2 });
    for (const [event, payload] of [
      ['pause:end', {}],
      ['pause:extend', { minutes: 5 }],
      ['pause:settings', { showCaller: false }],
    ] as const) {
      expect(await call(room.partnerA, event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const state = await call<TimersView>(room.partnerA, 'timer:state', {});
    expect(state.ok && state.data.pause?.timer).toMatchObject({ status: 'running', durationMs: 120_000 });
    // The caller (therapist) chose the exercise; the other partner cannot change it.
    expect(await call(room.partnerB, 'pause:exercise', { exercise: 'grounding' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('records each partner as ready, and lets the therapist extend and end it for everyone', async () => {
    await call(room.partnerA, 'pause:call', { minutes: 2 });
    await call(room.partnerA, 'pause:ready', { ready: true });
    const both = await call<PauseView>(room.partnerB, 'pause:ready', { ready: true });
    expect(both.ok && [...both.data!.ready].sort()).toEqual([room.ids.a, room.ids.b].sort());
    const extended = await call<PauseView>(room.therapist, 'pause:extend', { minutes: 3 });
    expect(extended.ok && extended.data.timer.durationMs).toBe(300_000);
    const ended = nextEvent<TimersView>(room.partnerB, 'timer:update', (v) => v.pause === null);
    expect(await call(room.therapist, 'pause:end', {})).toEqual({ ok: true, data: null });
    await ended;
    const row = await server.ctx.db.selectFrom('pauses').selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ called_by_id: room.ids.a, end_reason: 'ended-early', duration_ms: 300_000 });
    expect(Number(row.ended_at) - Number(row.started_at)).toBeLessThan(5_000);
    const history = await room.s.therapist.ok<PauseRecord[]>('GET', `/api/sessions/${room.s.sessionId}/pauses`);
    expect(history).toMatchObject([{ calledById: room.ids.a, calledByRole: 'partner', plannedMs: 300_000 }]);
    const stranger = await room.s.partnerA.request('GET', `/api/sessions/${room.s.sessionId}/pauses`);
    expect(stranger.status).toBe(401);
  });

  it('closes a pause and a script left open when the session ends, for the summary', async () => {
    await call(room.therapist, 'script:start', {
      scriptId: 'appreciation',
      assignments: { sender: room.ids.a, receiver: room.ids.b },
    });
    await call(room.partnerB, 'pause:call', { minutes: 20 });
    await call(room.therapist, 'session:end', {});
    const pauses = await room.s.therapist.ok<PauseRecord[]>('GET', `/api/sessions/${room.s.sessionId}/pauses`);
    expect(pauses).toMatchObject([{ calledById: room.ids.b, endReason: 'session-ended' }]);
    const runs = await room.s.therapist.ok<ScriptRunView[]>('GET', `/api/sessions/${room.s.sessionId}/script-runs`);
    expect(runs.map((r) => [r.status, r.endedAt !== null])).toEqual([['ended', true]]);
  });

  it('does not let a partner still in the waiting room call a pause', async () => {
    const other = await jointSessionScenario(server);
    await redeem(other.partnerA, other.tokenOf(0));
    const waiting = await connectSocket(other.partnerA, other.sessionId);
    await call(waiting, 'session:hello', {});
    expect(await call(waiting, 'pause:call', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    waiting.close();
  });
});
