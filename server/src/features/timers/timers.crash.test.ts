import { afterEach, describe, expect, it } from 'vitest';
import { timerRemaining, type ScriptRunView, type TimersView } from '@tandem/shared';
import { DB_KINDS, call } from '../../test/harness.js';
import { spawnServer, type ServerProcess } from '../../test/process.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('a server killed mid-pause and mid-script (%s)', (db) => {
  let server: ServerProcess;
  let room: Room | undefined;
  afterEach(async () => {
    room?.close();
    await server.dispose();
  });

  it('comes back with the same pause deadline, script step and turn time left', async () => {
    server = await spawnServer(db);
    room = await admittedRoom(server);
    await call(room.therapist, 'script:start', {
      scriptId: 'intentional-dialogue',
      assignments: { sender: room.ids.b, receiver: room.ids.a },
    });
    await call(room.therapist, 'script:next', {});
    const paused = await call<{ timer: { deadline: number } }>(room.partnerA, 'pause:call', { minutes: 2 });
    const deadline = paused.ok ? paused.data.timer.deadline : 0;
    const before = await call<ScriptRunView>(room.therapist, 'script:state', {});

    await server.kill('SIGKILL');
    await server.start();
    await room.reconnect();

    const timers = await call<TimersView>(room.partnerB, 'timer:state', {});
    expect(timers.ok && timers.data.pause?.timer.deadline).toBe(deadline);
    const left = timers.ok ? timerRemaining(timers.data.pause!.timer, timers.data.serverTime) : 0;
    expect(left).toBeGreaterThan(60_000);
    expect(left).toBeLessThan(120_000);

    const after = await call<ScriptRunView>(room.partnerA, 'script:state', {});
    expect(after.ok && after.data).toMatchObject({
      id: before.ok ? before.data?.id : '',
      stepIndex: 1,
      // The pause stopped the turn timer; it keeps exactly what was left.
      status: 'paused',
      turnTimer: { status: 'paused', remainingMs: before.ok ? before.data?.turnTimer.remainingMs : -1 },
    });
    const resumed = await call<ScriptRunView>(room.therapist, 'script:pause', { paused: false });
    expect(resumed.ok && resumed.data.turnTimer.status).toBe('running');
  });
});
