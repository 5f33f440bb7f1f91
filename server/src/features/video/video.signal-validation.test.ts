import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SIGNAL_MAX_CHARS } from '@tandem/shared';
import {
  call,
  jointSessionScenario,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { collectSignals, connectTrio, offer } from './video.testkit.js';

describe('signal payloads are validated', () => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);

  beforeEach(async () => {
    server = await startTestServer();
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  it('answers an oversized or malformed signal with BAD_REQUEST and relays nothing', async () => {
    const { therapist, a, ids } = await connectTrio(server, s, track);
    const toA = collectSignals(a);
    const bad: unknown[] = [
      offer(ids.a, 'x'.repeat(SIGNAL_MAX_CHARS + 1)),
      { ...offer(ids.a), signal: { type: 'candidate', candidate: { candidate: 'c'.repeat(5000) } } },
      { ...offer(ids.a), signal: { type: 'bogus', sdp: 'v=0' } },
      { ...offer(ids.a), signal: { type: 'offer' } },
      { ...offer(ids.a), signal: { type: 'offer', sdp: 'v=0', extra: 1 } },
      { ...offer(ids.a), to: 'not-a-uuid' },
      { ...offer(ids.a), connId: '../../etc' },
      { signal: { type: 'offer', sdp: 'v=0' } },
      'offer',
      null,
    ];
    for (const payload of bad) {
      expect(await call(therapist, 'rtc:signal', payload)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    await call(a, 'video:hello', {});
    expect(toA).toEqual([]);
    // The connection survives, and a good signal still goes through.
    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 127.0.0.1 50000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    const good = { ...offer(ids.a), signal: { type: 'candidate', candidate } };
    expect(await call(therapist, 'rtc:signal', good)).toEqual({ ok: true, data: null });
  });
});
