import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RECONNECT_GRACE_MS, type JoinInfoDto, type ParticipantView, type SessionSnapshot } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

describe.each(DB_KINDS)('a partner coming back to the waiting room (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let now = Date.now();
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);

  beforeEach(async () => {
    now = Date.now();
    server = await startTestServer({ db, clock: { now: () => now } });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  const alexId = () => s.couple.partners[0]?.id ?? '';

  it('waits for the first time without the returning flag', async () => {
    track(await connectSocket(s.therapist, s.sessionId));
    await redeem(s.partnerA, s.tokenOf(0));
    const partner = track(await connectSocket(s.partnerA, s.sessionId));
    const hello = await call<SessionSnapshot>(partner, 'session:hello', {});
    expect(hello.ok && hello.data.self).toMatchObject({ status: 'waiting' });
    expect(hello.ok && hello.data.self.returning).toBeFalsy();
  });

  it('marks a partner who was admitted and comes back after the grace as returning', async () => {
    const a = alexId();
    const therapist = track(await connectSocket(s.therapist, s.sessionId));
    await redeem(s.partnerA, s.tokenOf(0));
    const first = await connectSocket(s.partnerA, s.sessionId);
    await nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'waiting'),
    );
    expect(await call(therapist, 'lobby:admit', { partnerId: a })).toEqual({ ok: true, data: null });

    const dropped = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'reconnecting'),
    );
    first.close();
    await dropped;
    now += RECONNECT_GRACE_MS + 1_000;

    const second = track(await connectSocket(s.partnerA, s.sessionId));
    const hello = await call<SessionSnapshot>(second, 'session:hello', {});
    expect(hello.ok && hello.data.self).toMatchObject({ status: 'waiting', returning: true });
    // Still nothing of the room while waiting.
    expect(hello.ok && hello.data.participants).toEqual([]);

    // Sam, never admitted, is not marked.
    await redeem(s.partnerB, s.tokenOf(1));
    const sam = track(await connectSocket(s.partnerB, s.sessionId));
    const samHello = await call<SessionSnapshot>(sam, 'session:hello', {});
    expect(samHello.ok && samHello.data.self.returning).toBeFalsy();
  });

  it('gives the partner the scheduled time of their session', async () => {
    const scheduledAt = new Date(now + 3_600_000).toISOString();
    const created = await s.therapist.ok<{ invites: { partnerId: string; url: string }[]; session: { id: string } }>(
      'POST',
      '/api/sessions',
      { coupleId: s.couple.id, kind: 'joint', scheduledAt, durationMinutes: 60 },
    );
    const url = created.invites.find((i) => i.partnerId === alexId())?.url ?? '';
    const sessionId = await redeem(s.partnerA, url.split('#')[1] ?? '');
    const info = await s.partnerA.ok<JoinInfoDto>('GET', `/api/join/${sessionId}`);
    expect(info.scheduledAt).toBe(scheduledAt);
    expect(info.durationMinutes).toBe(60);

    const unscheduled = await redeem(s.partnerB, s.tokenOf(1));
    expect((await s.partnerB.ok<JoinInfoDto>('GET', `/api/join/${unscheduled}`)).scheduledAt).toBeNull();
  });
});
