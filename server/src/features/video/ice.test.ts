import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { iceServersFor } from './ice.js';

const now = Date.UTC(2025, 0, 1);

describe('ICE servers from the configuration', () => {
  it('hands out no ICE servers at all by default', () => {
    const config = loadConfig({});
    expect(iceServersFor(config.ice, 'p1', now)).toEqual({ iceServers: [], expiresAt: null });
  });

  it('derives time-limited TURN credentials the way coturn checks them', () => {
    const config = loadConfig({
      STUN_URLS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349',
      TURN_SECRET: 'a-shared-secret-of-some-length',
      TURN_TTL_SECONDS: '600',
    });
    const ice = iceServersFor(config.ice, 'person-1', now);
    const expiry = now / 1000 + 600;
    expect(ice.expiresAt).toBe(expiry * 1000);
    expect(ice.iceServers[0]).toEqual({ urls: ['stun:stun.example.org:3478'] });
    const turn = ice.iceServers[1];
    expect(turn?.urls).toEqual(['turn:turn.example.org:3478?transport=udp', 'turns:turn.example.org:5349']);
    expect(turn?.username).toBe(`${expiry}:person-1`);
    const expected = createHmac('sha1', 'a-shared-secret-of-some-length').update(`${expiry}:person-1`).digest('base64');
    expect(turn?.credential).toBe(expected);
  });

  it('refuses TURN URLs without a secret and URLs of the wrong scheme', () => {
    expect(() => loadConfig({ TURN_URLS: 'turn:turn.example.org' })).toThrow(/TURN_SECRET/);
    expect(() => loadConfig({ STUN_URLS: 'http://stun.example.org' })).toThrow(/STUN_URLS/);
  });
});
