import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantView, SessionSnapshot } from '@tandem/shared';
import { clientEventSchemas } from '@tandem/shared/schemas';
import {
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../test/harness.js';

/** Deterministic pseudo-random garbage, so a failure can be replayed. */
function* garbage(seed: number): Generator<unknown> {
  let x = seed;
  const rnd = () => (x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const samples: (() => unknown)[] = [
    () => null,
    () => undefined,
    () => 42,
    () => 'partnerId',
    () => [1, 2, 3],
    () => ({ partnerId: 'not-a-uuid' }),
    () => ({ partnerId: 12345 }),
    () => ({ partnerId: '00000000-0000-4000-8000-000000000000', extra: true }),
    () => ({ __proto__: { admin: true }, partnerId: null }),
    () => ({ partnerId: 'x'.repeat(10_000) }),
    () => ({ nested: { deep: { deeper: Array.from({ length: 50 }, () => rnd()) } } }),
    () => true,
    () => Number.NaN,
    () => ({ unexpected: 'field' }),
  ];
  for (;;) yield samples[Math.floor(rnd() * samples.length)]?.();
}

describe('malformed events', () => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer();
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  it('answers 200 malformed events across every event type with typed errors and keeps serving others', async () => {
    const therapist = await connectSocket(s.therapist, s.sessionId);
    sockets.push(therapist);
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    const [a, b] = s.couple.partners.map((p) => p.id) as [string, string];
    const partnerA = await connectSocket(s.partnerA, s.sessionId);
    const partnerB = await connectSocket(s.partnerB, s.sessionId);
    sockets.push(partnerA, partnerB);
    await nextEvent<ParticipantView[]>(
      therapist,
      'presence:update',
      (l) => l.filter((p) => p.status === 'waiting').length === 2,
    );

    // Events whose schema takes an object with fields; `{}`-schemas accept only an empty object.
    const events = [...Object.keys(clientEventSchemas), 'no:such-event', 'lobby:admit ', '__proto__'];
    const gen = garbage(7);
    const codes = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      const event = events[i % events.length] as string;
      let payload = gen.next().value;
      // An empty object is valid for `{}` events: make sure every payload here really is malformed.
      if (
        payload !== null &&
        typeof payload === 'object' &&
        !Array.isArray(payload) &&
        Object.keys(payload).length === 0
      )
        payload = 1;
      const sender = i % 2 === 0 ? therapist : partnerA;
      const res = await call(sender, event, payload);
      expect(res.ok, `${event} ${JSON.stringify(payload)?.slice(0, 80)}`).toBe(false);
      if (!res.ok) {
        expect(['BAD_REQUEST', 'FORBIDDEN']).toContain(res.error.code);
        expect(res.error.message).not.toMatch(/at .*\.ts|stack|Error:/);
        codes.set(res.error.code, (codes.get(res.error.code) ?? 0) + 1);
      }
    }
    expect(codes.get('BAD_REQUEST')).toBeGreaterThan(50);

    // Nothing changed: both partners still wait.
    const rows = await server.ctx.db.selectFrom('session_participants').select(['partner_id', 'admission']).execute();
    expect(rows.every((r) => r.admission === 'waiting')).toBe(true);

    // And the server still serves everyone: a real admit works and B hears about it.
    const seenByTherapist = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === b && p.status === 'online'),
    );
    expect(await call(therapist, 'lobby:admit', { partnerId: b })).toEqual({ ok: true, data: null });
    await seenByTherapist;
    const hello = await call<SessionSnapshot>(partnerB, 'session:hello', {});
    expect(hello.ok && hello.data.self.status).toBe('online');
    const helloA = await call<SessionSnapshot>(partnerA, 'session:hello', {});
    expect(helloA.ok && helloA.data.self.id).toBe(a);
  });

  it('closes a connection that sends an oversized message, and only that one', async () => {
    const therapist = await connectSocket(s.therapist, s.sessionId);
    sockets.push(therapist);
    await redeem(s.partnerA, s.tokenOf(0));
    const partnerA = await connectSocket(s.partnerA, s.sessionId);
    sockets.push(partnerA);
    const closed = new Promise<string>((resolve) => partnerA.once('disconnect', resolve));
    partnerA.emit('lobby:admit', { partnerId: 'x'.repeat(200_000) } as never, () => undefined);
    expect(await closed).toMatch(/transport/);
    const res = await call<SessionSnapshot>(therapist, 'session:hello', {});
    expect(res.ok).toBe(true);
  });
});
