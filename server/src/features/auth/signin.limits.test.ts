import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LIMITS } from '../../lib/rateLimit.js';
import { jointSessionScenario, startTestServer, type TestServer } from '../../test/harness.js';

/** Behind one reverse proxy (TRUST_PROXY=1): the client writes what it likes, the proxy appends what it saw. */
const viaProxy = (spoofed: string, seenByProxy: string) => `${spoofed}, ${seenByProxy}`;

// Thirty-odd scrypt checks: allow for a busy machine.
describe('sign-in limits behind a reverse proxy (TRUST_PROXY=1)', { timeout: 120_000 }, () => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ env: { TRUST_PROXY: '1' } });
    await jointSessionScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const login = async (forwardedFor: string, email: string, password: string) => {
    const res = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json', 'x-forwarded-for': forwardedFor },
      body: JSON.stringify({ email, password }),
    });
    const body = (await res.json()) as { ok: boolean; error?: { code: string } };
    return { status: res.status, code: body.error?.code, retryAfter: res.headers.get('retry-after') };
  };

  it('limits brute force with rotating X-Forwarded-For by the address the proxy saw', async () => {
    const attacker = '203.0.113.7';
    const allowed = LIMITS.loginPerIp.points;
    for (let i = 0; i < allowed; i++) {
      // A different account each time, so only the per-address limit is in play.
      const r = await login(viaProxy(`198.51.100.${i % 250}`, attacker), `guess${i}@example.org`, `wrong-${i}`);
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const next = await login(viaProxy('198.51.100.251', attacker), 'guess-next@example.org', 'wrong');
    expect(next).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // Rotating the client-written part changes nothing: the attacker's address is still the one counted.
    const rotated = await login(viaProxy('192.0.2.1', attacker), 'rivera@example.org', 'correct horse battery');
    expect(rotated).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    // The therapist, elsewhere, is not affected.
    const therapist = await login(viaProxy('192.0.2.1', '203.0.113.99'), 'rivera@example.org', 'correct horse battery');
    expect(therapist.status).toBe(200);
  });

  it('slows guesses at one account from any address, and the right password works after the wait', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await login(viaProxy('10.0.0.1', `198.51.100.${i}`), 'rivera@example.org', `wrong-${i}`);
      expect(r.status, `attempt ${i + 1}`).toBe(401);
    }
    const fromElsewhere = await login(viaProxy('10.0.0.1', '198.51.100.200'), 'rivera@example.org', 'wrong-again');
    expect(fromElsewhere).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(fromElsewhere.retryAfter)).toBeGreaterThanOrEqual(1);

    const therapistAt = viaProxy('192.0.2.1', '203.0.113.99');
    const during = await login(therapistAt, 'rivera@example.org', 'correct horse battery');
    expect(during).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    await vi.waitFor(
      async () => expect((await login(therapistAt, 'rivera@example.org', 'correct horse battery')).status).toBe(200),
      { timeout: 5000, interval: 200 },
    );
    // A success starts the count over: the next wrong try is simply wrong, not delayed.
    expect((await login(viaProxy('10.0.0.1', '198.51.100.201'), 'rivera@example.org', 'nope')).status).toBe(401);
  });

  it('makes each further failure wait longer than the last', async () => {
    const at = viaProxy('10.0.0.1', '198.51.100.1');
    for (let i = 0; i < 5; i++) await login(at, 'rivera@example.org', `wrong-${i}`);
    const first = await login(at, 'rivera@example.org', 'wrong');
    expect(first.retryAfter).toBe('1');
    await vi.waitFor(async () => expect((await login(at, 'rivera@example.org', 'wrong-6')).status).toBe(401), {
      timeout: 5000,
      interval: 200,
    });
    const second = await login(at, 'rivera@example.org', 'wrong');
    expect(second).toMatchObject({ status: 429, retryAfter: '2' });
  });
});
