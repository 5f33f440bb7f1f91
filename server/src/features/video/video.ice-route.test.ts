import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IceConfigDto } from '@tandem/shared';
import {
  Browser,
  jointSessionScenario,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { loadConfig } from '../../config.js';
import { connectTrio } from './video.testkit.js';

describe('GET /api/sessions/:id/ice', () => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);
  const turnEnv = { TURN_URLS: 'turn:turn.example.org:3478', TURN_SECRET: 'a-shared-secret-of-some-length' };

  beforeEach(async () => {
    server = await startTestServer({ config: { ice: loadConfig(turnEnv).ice } });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  it('gives time-limited TURN credentials to the therapist and admitted partners only', async () => {
    const { ids } = await connectTrio(server, s, track, ['a']);
    const path = `/api/sessions/${s.sessionId}/ice`;
    const mine = await s.therapist.ok<IceConfigDto>('GET', path);
    expect(mine.iceServers[0]?.username).toMatch(new RegExp(`^\\d+:${ids.t}$`));
    const alex = await s.partnerA.ok<IceConfigDto>('GET', path);
    expect(alex.iceServers[0]?.username).toMatch(new RegExp(`^\\d+:${ids.a}$`));
    expect(alex.expiresAt).toBeGreaterThan(Date.now());

    const waiting = await s.partnerB.request('GET', path);
    expect(waiting.status).toBe(403);
    const stranger = await new Browser(server.url).request('GET', path);
    expect(stranger.status).toBe(401);
  });
});
