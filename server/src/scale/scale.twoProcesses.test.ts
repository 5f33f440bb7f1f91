/**
 * One session split across two Tandem processes sharing PostgreSQL and Redis (issue 17): the therapist on process
 * 1, both partners on process 2. Everything the room does crosses between them, and every audience rule holds.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  timerRemaining,
  type ParticipantView,
  type ScriptRunView,
  type SelfView,
  type TimersView,
} from '@tandem/shared';
import { call, connectSocket, jointSessionScenario, nextEvent, redeem, type ClientSocket } from '../test/harness.js';
import type { CollabClient } from '../test/collab.js';
import { twoProcesses, until, type TwoProcesses } from '../test/scaled.js';

describe('one session on two processes (postgres + redis)', () => {
  let w: TwoProcesses;
  let therapist: ClientSocket;
  let alex: ClientSocket;
  let sam: ClientSocket;
  let ids: { a: string; b: string };
  let s: Awaited<ReturnType<typeof jointSessionScenario>>;
  const samHeard: string[] = [];
  const clients: CollabClient[] = [];

  beforeAll(async () => {
    w = await twoProcesses();
    s = await jointSessionScenario(w.one);
    const [a, b] = s.couple.partners.map((p) => p.id) as [string, string];
    ids = { a, b };
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    therapist = await connectSocket(s.therapist, s.sessionId);
    alex = await connectSocket(s.partnerA.at(w.two.url), s.sessionId);
    sam = await connectSocket(s.partnerB.at(w.two.url), s.sessionId);
    sam.onAny((event: string, ...args: unknown[]) => samHeard.push(`${event} ${JSON.stringify(args)}`));
  });
  afterAll(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of [therapist, alex, sam]) so?.close();
    await w?.dispose();
  });

  it('admits partners waiting on process 2 from process 1, with presence on both', async () => {
    await call(alex, 'session:hello', {});
    await call(sam, 'session:hello', {});
    // The therapist on process 1 sees both partners waiting on process 2.
    await until(async () => {
      const seen = await call<{ participants: ParticipantView[] }>(therapist, 'session:hello', {});
      const waiting = seen.ok ? seen.data.participants.filter((p) => p.status === 'waiting') : [];
      return waiting.length === 2;
    }, 'both partners waiting, seen from process 1');
    for (const [sock, id] of [
      [alex, ids.a],
      [sam, ids.b],
    ] as const) {
      const admittedSelf = nextEvent<SelfView>(sock, 'self:update', (v) => v.status === 'online');
      const online = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
        l.some((p) => p.id === id && p.status === 'online'),
      );
      expect(await call(therapist, 'lobby:admit', { partnerId: id })).toMatchObject({ ok: true });
      await Promise.all([admittedSelf, online]);
    }
    // The partners on process 2 see the therapist (process 1) online.
    const seen = await call<{ participants: ParticipantView[] }>(alex, 'session:hello', {});
    expect(seen.ok && seen.data.participants.find((p) => p.role === 'therapist')?.status).toBe('online');
  });

  it('shows one pause, with one deadline, on both processes', async () => {
    const onTherapist = nextEvent<TimersView>(therapist, 'timer:update', (v) => v.pause !== null);
    const onSam = nextEvent<TimersView>(sam, 'timer:update', (v) => v.pause !== null);
    const called = await call<{ timer: { deadline: number } }>(alex, 'pause:call', { minutes: 2 });
    expect(called.ok).toBe(true);
    const [t, b] = await Promise.all([onTherapist, onSam]);
    const deadline = called.ok ? called.data.timer.deadline : 0;
    expect(t.pause?.timer.deadline).toBe(deadline);
    expect(b.pause?.timer.deadline).toBe(deadline);
    expect(timerRemaining(b.pause!.timer, b.serverTime)).toBeGreaterThan(60_000);
    const ended = nextEvent<TimersView>(alex, 'timer:update', (v) => v.pause === null);
    await call(therapist, 'pause:end', {});
    await ended;
  });

  it('moves a script step made on process 1 to the partners on process 2', async () => {
    const started = nextEvent<ScriptRunView | null>(sam, 'script:update', (r) => r?.stepIndex === 0);
    await call(therapist, 'script:start', {
      scriptId: 'intentional-dialogue',
      assignments: { sender: ids.b, receiver: ids.a },
    });
    await started;
    const stepped = nextEvent<ScriptRunView | null>(alex, 'script:update', (r) => r?.stepIndex === 1);
    expect(await call(therapist, 'script:next', {})).toMatchObject({ ok: true, data: { stepIndex: 1 } });
    await stepped;
  });
});
