/**
 * One session's script run stepped through two processes at once, on one PostgreSQL (issue 17): every step is
 * applied exactly once, in order, and both processes then tell the same state.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Result, ScriptRunView } from '@tandem/shared';
import { call, connectSocket, type ClientSocket } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { twoInstances, type TwoInstances } from '../../test/twoInstances.js';
import { structureOf } from './runner.js';

describe('a script run on two processes (postgres)', () => {
  let w: TwoInstances;
  let room: Room;
  let second: ClientSocket;
  afterEach(async () => {
    second.close();
    room.close();
    await w.dispose();
  });

  it('applies concurrent steps from both processes once each, in order, and both tell the same state', async () => {
    w = await twoInstances();
    room = await admittedRoom(w.one);
    // The therapist's second device, on process 2.
    second = await connectSocket(room.s.therapist.at(w.two.url), room.s.sessionId);
    await call(second, 'session:hello', {});
    const started = await call<ScriptRunView>(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: room.ids.a, listener: room.ids.b },
    });
    if (!started.ok) throw new Error(started.error.message);
    const last = structureOf(started.data).steps.length - 1;
    expect(last).toBeGreaterThanOrEqual(3);
    const at = (i: number) => (i % 2 ? second : room.therapist);

    // Every step forward, sent at once, alternately through each process: each reaches a step of its own.
    const steps = await Promise.all(
      Array.from({ length: last }, (_, i) => call<ScriptRunView>(at(i), 'script:next', {})),
    );
    const reached = steps.map((r: Result<ScriptRunView>) => (r.ok ? r.data.stepIndex : -1));
    expect([...reached].sort((x, y) => x - y)).toEqual(Array.from({ length: last }, (_, i) => i + 1));
    const afterSteps = await call<ScriptRunView>(second, 'script:state', {});
    if (!afterSteps.ok) throw new Error(afterSteps.error.message);
    expect(afterSteps.data.visits.map((v) => v.step)).toEqual(Array.from({ length: last + 1 }, (_, i) => i));

    // Ten role swaps at once: each applied once (five answers each way round), an even number: back as it was.
    const swaps = await Promise.all(
      Array.from({ length: 10 }, (_, i) => call<ScriptRunView>(at(i), 'script:swap', {})),
    );
    const speakers = swaps.map((r) => (r.ok ? r.data.assignments['speaker'] : 'refused'));
    expect(speakers.filter((p) => p === room.ids.a)).toHaveLength(5);
    expect(speakers.filter((p) => p === room.ids.b)).toHaveLength(5);

    const fromOne = await call<ScriptRunView>(room.partnerA, 'script:state', {});
    const fromTwo = await call<ScriptRunView>(second, 'script:state', {});
    if (!fromOne.ok) throw new Error(fromOne.error.message);
    expect(fromOne.data.stepIndex).toBe(last);
    expect(fromOne.data.assignments).toEqual({ speaker: room.ids.a, listener: room.ids.b });
    expect(fromTwo).toEqual(fromOne);
  });
});
