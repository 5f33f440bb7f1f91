import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  redeem,
  startTestServer,
  tokenFromUrl,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { collectSignals, connectTrio, offer } from './video.testkit.js';

describe.each(DB_KINDS)('signaling stays between admitted people of one session (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  it('relays a signal to the target person only, with the sender named by the server', async () => {
    const { therapist, a, b, ids } = await connectTrio(server, s, track);
    const toA = collectSignals(a);
    const toB = collectSignals(b);
    const toT = collectSignals(therapist);
    expect(await call(therapist, 'rtc:signal', offer(ids.a))).toEqual({ ok: true, data: null });
    await call(a, 'video:hello', {});
    await call(b, 'video:hello', {});
    expect(toA).toEqual([{ from: ids.t, connId: 'conn-0001', signal: { type: 'offer', sdp: 'v=0\r\n' } }]);
    expect(toB).toEqual([]);
    expect(toT).toEqual([]);
  });

  it('refuses signaling to and from a partner who is still in the waiting room', async () => {
    const { therapist, a, b, ids } = await connectTrio(server, s, track, ['a']);
    const toB = collectSignals(b);
    const toT = collectSignals(therapist);
    const toA = collectSignals(a);
    expect(await call(therapist, 'rtc:signal', offer(ids.b))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(a, 'rtc:signal', offer(ids.b))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(b, 'rtc:signal', offer(ids.t))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(b, 'rtc:signal', offer(ids.a))).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(b, 'rtc:join', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    await Promise.all([therapist, a, b].map((x) => call(x, 'video:hello', {})));
    expect([toA, toB, toT]).toEqual([[], [], []]);
  });

  it('refuses signaling to a person of another session, even one the sender knows', async () => {
    const { therapist, b, ids } = await connectTrio(server, s, track);
    // A second session of the same couple, where partner A is admitted too.
    const other = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const invite = other.invites.find((i) => i.partnerId === ids.a);
    const aElsewhere = new Browser(server.url);
    await redeem(aElsewhere, tokenFromUrl(invite?.url ?? ''));
    const therapist2 = track(await connectSocket(s.therapist, other.session.id));
    const a2 = track(await connectSocket(aElsewhere, other.session.id));
    await call(a2, 'session:hello', {});
    expect(await call(therapist2, 'lobby:admit', { partnerId: ids.a })).toEqual({ ok: true, data: null });
    const toA2 = collectSignals(a2);
    const toB = collectSignals(b);
    // From session 2, B (admitted in session 1 only) cannot be reached.
    expect(await call(therapist2, 'rtc:signal', offer(ids.b))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // From session 1, a signal for A reaches A's session-1 socket, never their session-2 one.
    expect(await call(therapist, 'rtc:signal', offer(ids.a))).toEqual({ ok: true, data: null });
    await call(a2, 'video:hello', {});
    await call(b, 'video:hello', {});
    expect(toA2).toEqual([]);
    expect(toB).toEqual([]);
    // A stranger id (a partner of another couple's session) is refused.
    const strangers = await jointSessionScenario(server, 'rivera@example.org');
    expect(await call(therapist, 'rtc:signal', offer(strangers.couple.partners[0]?.id ?? ''))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
