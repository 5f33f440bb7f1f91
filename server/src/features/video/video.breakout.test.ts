import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakoutState, VideoSnapshot } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { collectSignals, connectTrio, offer } from './video.testkit.js';

const FORBIDDEN = { ok: false, error: { code: 'FORBIDDEN' } };

describe.each(DB_KINDS)('a breakout cuts the pairs it leaves out (%s)', (db) => {
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

  it('refuses a breakout started by a partner', async () => {
    const { a, b, ids } = await connectTrio(server, s, track);
    expect(await call(a, 'breakout:start', { partnerId: ids.a })).toMatchObject(FORBIDDEN);
    expect(await call(b, 'breakout:start', { partnerId: ids.a })).toMatchObject(FORBIDDEN);
    expect(await call(b, 'breakout:end', {})).toMatchObject(FORBIDDEN);
    const hello = await call<VideoSnapshot>(a, 'video:hello', {});
    expect(hello.ok && hello.data.breakout).toBeNull();
  });

  it('refuses signaling across the cut while it lasts, and restores it when it ends', async () => {
    const { therapist, a, b, ids } = await connectTrio(server, s, track);
    const seenByB = nextEvent<BreakoutState | null>(b, 'breakout:state', (v) => v !== null);
    const started = await call<BreakoutState>(therapist, 'breakout:start', { partnerId: ids.a, message: 'Back soon' });
    expect(started).toMatchObject({ ok: true, data: { partnerId: ids.a, message: 'Back soon' } });
    expect(await seenByB).toMatchObject({ partnerId: ids.a, message: 'Back soon' });

    const toB = collectSignals(b);
    const toA = collectSignals(a);
    expect(await call(therapist, 'rtc:signal', offer(ids.b))).toMatchObject(FORBIDDEN);
    expect(await call(a, 'rtc:signal', offer(ids.b))).toMatchObject(FORBIDDEN);
    expect(await call(b, 'rtc:signal', offer(ids.t))).toMatchObject(FORBIDDEN);
    expect(await call(b, 'rtc:signal', offer(ids.a))).toMatchObject(FORBIDDEN);
    // The therapist and the partner taken aside still reach each other.
    expect(await call(therapist, 'rtc:signal', offer(ids.a))).toEqual({ ok: true, data: null });
    await call(b, 'video:hello', {});
    await call(a, 'video:hello', {});
    expect(toB).toEqual([]);
    expect(toA).toHaveLength(1);

    const endedForB = nextEvent<BreakoutState | null>(b, 'breakout:state', (v) => v === null);
    expect(await call(therapist, 'breakout:end', {})).toEqual({ ok: true, data: null });
    await endedForB;
    expect(await call(b, 'rtc:signal', offer(ids.t))).toEqual({ ok: true, data: null });
    expect(await call(a, 'rtc:signal', offer(ids.b))).toEqual({ ok: true, data: null });
  });

  it('keeps the breakout across a server restart', async () => {
    const { therapist, ids } = await connectTrio(server, s, track);
    await call(therapist, 'breakout:start', { partnerId: ids.b });
    for (const socket of sockets.splice(0)) socket.close();
    server = await (async () => {
      await server.stop();
      return server.restart();
    })();
    const t2 = track(await connectSocket(s.therapist, s.sessionId));
    const hello = await call<VideoSnapshot>(t2, 'video:hello', {});
    expect(hello.ok && hello.data.breakout).toMatchObject({ partnerId: ids.b, message: '' });
  });
});
