import { afterEach, describe, expect, it } from 'vitest';
import { timerRemaining, type ScriptRunView, type TimersView } from '@tandem/shared';
import { DB_KINDS, call, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, manualClock, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('timers and scripts across a server restart (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clock = manualClock();
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  const restartAfter = async (downMs: number) => {
    await server.stop();
    clock.advance(downMs);
    server = await server.restart();
    await room.reconnect();
  };

  it('resumes a pause with the same deadline and the right remaining time', async () => {
    server = await startTestServer({ db, clock });
    room = await admittedRoom(server);
    const called = await call<{ timer: { deadline: number } }>(room.partnerB, 'pause:call', { minutes: 5 });
    const deadline = called.ok ? called.data.timer.deadline : 0;

    await restartAfter(90_000);

    for (const sock of [room.therapist, room.partnerA, room.partnerB]) {
      const state = await call<TimersView>(sock, 'timer:state', {});
      expect(state.ok && state.data.pause?.timer.deadline).toBe(deadline);
      const remaining = state.ok ? timerRemaining(state.data.pause!.timer, state.data.serverTime) : 0;
      expect(remaining).toBeGreaterThan(300_000 - 90_000 - 5_000);
      expect(remaining).toBeLessThanOrEqual(300_000 - 90_000);
    }
  });

  it('finishes a pause that ran out while the server was down', async () => {
    server = await startTestServer({ db, clock });
    room = await admittedRoom(server);
    await call(room.partnerA, 'pause:call', { minutes: 2 });
    await restartAfter(5 * 60_000);
    // (The partners were away longer than the reconnect grace, so they wait for re-admission; the therapist asks.)
    const state = await call<TimersView>(room.therapist, 'timer:state', {});
    expect(state.ok && state.data.pause).toBeNull();
    const row = await server.ctx.db.selectFrom('pauses').selectAll().executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('expired');
    expect(Number(row.ended_at) - Number(row.started_at)).toBe(120_000);
  });

  it('resumes a script on the same step, roles and turn deadline', async () => {
    server = await startTestServer({ db, clock });
    room = await admittedRoom(server);
    await call(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: room.ids.a, listener: room.ids.b },
    });
    await call(room.therapist, 'script:next', {});
    const swapped = await call<ScriptRunView>(room.therapist, 'script:swap', {});
    const before = swapped.ok ? swapped.data : null;

    await restartAfter(20_000);

    const after = await call<ScriptRunView>(room.partnerB, 'script:state', {});
    expect(after.ok && after.data).toMatchObject({
      id: before?.id,
      stepIndex: 1,
      status: 'running',
      assignments: { speaker: room.ids.b, listener: room.ids.a },
      turnTimer: { status: 'running', deadline: before?.turnTimer.deadline },
    });
    expect(after.ok && timerRemaining(after.data!.turnTimer, clock.now())).toBeLessThanOrEqual(60_000 - 20_000);
    const next = await call<ScriptRunView>(room.therapist, 'script:next', {});
    expect(next.ok && next.data.stepIndex).toBe(2);
  });
});
