import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, request } from './api';

function respond(status: number, body: unknown, raw = false) {
  const fetchMock = vi.fn(async () => new Response(raw ? (body as string) : JSON.stringify(body), { status }));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api', () => {
  it('returns the data of a success envelope and sends JSON with same-origin cookies', async () => {
    const fetchMock = respond(200, { ok: true, data: { id: 't1', name: 'Dr. Rivera', email: 'r@example.com' } });
    const result = await api.login({ email: 'r@example.com', password: 'correct horse' });
    expect(result).toEqual({ ok: true, data: { id: 't1', name: 'Dr. Rivera', email: 'r@example.com' } });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/auth/login');
    expect(init.method).toBe('POST');
    expect(init.credentials).toBe('same-origin');
    expect(new Headers(init.headers).get('Content-Type')).toBe('application/json');
    expect(JSON.parse(init.body as string)).toEqual({ email: 'r@example.com', password: 'correct horse' });
  });

  it('passes an error envelope through with its code', async () => {
    respond(401, { ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' } });
    const result = await api.login({ email: 'a@b.co', password: 'x' });
    expect(result).toEqual({ ok: false, error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' } });
  });

  it('maps a network failure to NETWORK_ERROR', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    const result = await api.me();
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('NETWORK_ERROR');
  });

  it('maps a non-envelope answer by HTTP status', async () => {
    respond(429, 'Too Many Requests', true);
    const limited = await request('POST', '/join/redeem', { token: 'x' });
    expect(limited.ok === false && limited.error.code).toBe('RATE_LIMITED');

    respond(503, '<html>Service unavailable</html>', true);
    const unavailable = await api.setupStatus();
    expect(unavailable.ok === false && unavailable.error.code).toBe('UNAVAILABLE');

    respond(502, '<html>Bad gateway</html>', true);
    const gateway = await api.setupStatus();
    expect(gateway.ok === false && gateway.error.code).toBe('INTERNAL');
  });

  it('builds the documented paths', async () => {
    const fetchMock = respond(200, { ok: true, data: [] });
    await api.listCouples(true);
    await api.listCouples(false);
    await api.revokeInvite('s1', 'p1');
    await api.acknowledge('s1', 2);
    const calls = fetchMock.mock.calls as unknown as [string, RequestInit][];
    expect(calls.map(([url, init]) => `${init.method} ${url}`)).toEqual([
      'GET /api/couples?archived=true',
      'GET /api/couples',
      'DELETE /api/sessions/s1/invites/p1',
      'POST /api/join/s1/acknowledge',
    ]);
    expect(calls[0]?.[1].body).toBeUndefined();
    expect(calls[3]?.[1].body).toBe('{"version":2}');
  });
});
