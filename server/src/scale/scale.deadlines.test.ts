/**
 * A pause started on one process ends on time when that process is gone (issue 17): every process arms every open
 * deadline from storage (deadlineSweep.ts), so the other one settles it and tells the room.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { ParticipantView, TimersView } from '@tandem/shared';
import { call, connectSocket, jointSessionScenario, nextEvent, redeem, type ClientSocket } from '../test/harness.js';
import { manualClock } from '../test/room.js';
import { twoInstances, type TwoInstances } from '../test/twoInstances.js';
import { until } from '../test/scaled.js';

describe('deadlines armed by every process (postgres + redis)', () => {
  let w: TwoInstances;
  const sockets: ClientSocket[] = [];
  afterEach(async () => {
    for (const so of sockets.splice(0)) so.close();
    await w.dispose();
  });

  it('ends a pause called on process 2 once process 2 is gone, from process 1', async () => {
    const clock = manualClock();
    w = await twoInstances({ redis: true, clock });
    const s = await jointSessionScenario(w.one);
    const alexId = s.couple.partners[0]!.id;
    await redeem(s.partnerA, s.tokenOf(0));
    const therapist = await connectSocket(s.therapist, s.sessionId);
    const alex = await connectSocket(s.partnerA.at(w.two.url), s.sessionId);
    sockets.push(therapist, alex);
    await call(therapist, 'session:hello', {});
    await call(alex, 'session:hello', {});
    await until(async () => (await call(therapist, 'lobby:admit', { partnerId: alexId })).ok, 'A to admit');
    await until(async () => {
      const seen = await call<{ participants: ParticipantView[] }>(therapist, 'session:hello', {});
      return seen.ok && seen.data.participants.some((p) => p.id === alexId && p.status === 'online');
    }, 'A online');

    const called = await call<{ timer: { deadline: number } }>(alex, 'pause:call', { minutes: 2 });
    expect(called.ok).toBe(true);
    alex.close();
    await w.two.close(); // process 2, which armed the pause, is gone
    const ended = nextEvent<TimersView>(therapist, 'timer:update', (v) => v.pause === null, 15_000);
    clock.advance(2 * 60_000 + 1_000);
    await ended;
    const state = await call<TimersView>(therapist, 'timer:state', {});
    expect(state.ok && state.data.pause).toBeNull();
  });
});
