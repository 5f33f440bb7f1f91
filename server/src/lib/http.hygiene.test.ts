import http from 'node:http';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request on its own connection; `end: false` leaves the declared body unfinished. */
function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer; end?: boolean } = {},
): Promise<RawResponse> {
  // A finished body is declared (as browsers do); an unfinished one keeps what the test declares, or is chunked.
  const headers = { ...options.headers };
  if (options.body !== undefined && options.end !== false && !headers['transfer-encoding']) {
    headers['content-length'] ??= String(Buffer.byteLength(options.body));
  }
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: options.method ?? 'GET', headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    // The server may close while we would still be writing the declared body: that is the point.
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE' && err.code !== 'ECONNRESET') reject(err);
    });
    if (options.body !== undefined) req.write(options.body);
    if (options.end !== false) req.end();
  });
}

describe('HTTP hygiene on the REST API', () => {
  let server: TestServer;
  let origin: string;
  const json = (extra: Record<string, string> = {}) => ({ 'content-type': 'application/json', origin, ...extra });

  beforeAll(async () => {
    server = await startTestServer();
    origin = server.url;
  });
  afterAll(async () => {
    await server.dispose();
  });

  it('marks every /api response as not storable and varying on Cookie, errors included', async () => {
    const responses = [
      await rawRequest(`${server.url}/api/setup`),
      await rawRequest(`${server.url}/api/no-such-endpoint`),
      await rawRequest(`${server.url}/api/partners/00000000-0000-4000-8000-000000000000/chat`),
      await rawRequest(`${server.url}/api/auth/login`, { method: 'POST', headers: json(), body: '{' }),
    ];
    expect(responses.map((r) => r.status)).toEqual([200, 404, 401, 400]);
    for (const res of responses) {
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.headers['vary']).toMatch(/\bCookie\b/);
    }
  });

  it('refuses a 50 MB declared body at once with 413 and closes the connection without reading it', async () => {
    const res = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json({ 'content-length': String(50 * 1024 * 1024) }),
      body: '{"email":',
      end: false,
    });
    expect(res.status).toBe(413);
    expect(res.headers['connection']).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  }, 5000);

  it('refuses a chunked body of unknown length at once and closes the connection', async () => {
    const res = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json({ 'transfer-encoding': 'chunked' }),
      body: '{"email":',
      end: false,
    });
    expect(res.status).toBe(400);
    expect(res.headers['connection']).toBe('close');
    expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  }, 5000);

  it('answers a malformed percent-encoding in the path with a typed 400', async () => {
    for (const path of ['/api/join/%E0%A4%A', '/api/partners/%E0%A4%A/chat', '/api/join/%E0%A4%A/quick-exit']) {
      const res = await rawRequest(`${server.url}${path}`, {
        method: path.endsWith('quick-exit') ? 'POST' : 'GET',
        headers: { origin },
      });
      expect(res.status, path).toBe(400);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
  });

  it('answers an unknown Content-Encoding with 415 and a gzip body that does not inflate with 400', async () => {
    const bogus = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json({ 'content-encoding': 'bogus' }),
      body: '{}',
    });
    expect(bogus.status).toBe(415);
    expect(JSON.parse(bogus.body)).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED_MEDIA_TYPE' } });

    const garbage = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json({ 'content-encoding': 'gzip' }),
      body: 'this is not gzip',
    });
    expect(garbage.status).toBe(400);
    expect(JSON.parse(garbage.body)).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const truncated = zlib.gzipSync('{"email":"a@example.org","password":"x"}').subarray(0, 20);
    const cut = await rawRequest(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: json({ 'content-encoding': 'gzip' }),
      body: truncated,
    });
    expect(cut.status).toBe(400);
  });

  it('sends a Permissions-Policy that allows camera, microphone, screen sharing and fullscreen to the page only', async () => {
    for (const path of ['/api/health', '/']) {
      const policy = String((await rawRequest(`${server.url}${path}`)).headers['permissions-policy'] ?? '');
      const rules = new Map(policy.split(/,\s*/).map((r) => r.split('=') as [string, string]));
      for (const allowed of ['camera', 'microphone', 'display-capture', 'fullscreen']) {
        expect(rules.get(allowed), allowed).toBe('(self)');
      }
      for (const off of ['geolocation', 'payment', 'usb', 'serial', 'hid', 'midi', 'browsing-topics']) {
        expect(rules.get(off), off).toBe('()');
      }
    }
  });
});
