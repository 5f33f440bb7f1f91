import { afterEach, describe, expect, it } from 'vitest';
import { Browser, DB_KINDS, TEST_SETUP_TOKEN, startTestServer, type TestServer } from '../../test/harness.js';

const account = { name: 'Dr Rivera', email: 'rivera@example.org', password: 'correct horse battery' };

describe.each(DB_KINDS)('claiming a fresh instance (%s)', (db) => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.dispose();
    server = undefined;
  });

  const therapistCount = async (s: TestServer) =>
    (await s.ctx.db.selectFrom('therapists').select('id').execute()).length;

  it('refuses setup without the one-time code, or with a wrong one, and creates nothing', async () => {
    server = await startTestServer({ db });
    const b = new Browser(server.url);
    expect(await b.ok('GET', '/api/setup')).toEqual({ needsSetup: true, needsToken: true });

    const none = await b.request('POST', '/api/setup', account);
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    for (const setupToken of ['wrong-code', `${TEST_SETUP_TOKEN}x`, TEST_SETUP_TOKEN.slice(0, -1)]) {
      const wrong = await b.request('POST', '/api/setup', { ...account, setupToken });
      expect(wrong.status).toBe(403);
      expect(wrong.body).toMatchObject({ ok: false, error: { code: 'SETUP_TOKEN_INVALID' } });
    }
    expect(b.cookie('tandem_session')).toBeUndefined();
    expect(await therapistCount(server)).toBe(0);
    expect(await b.ok('GET', '/api/setup')).toEqual({ needsSetup: true, needsToken: true });
  });

  it('sets up with the right code, which then stops working', async () => {
    server = await startTestServer({ db });
    const b = new Browser(server.url);
    await b.ok('POST', '/api/setup', { ...account, setupToken: TEST_SETUP_TOKEN });
    expect(await b.ok('GET', '/api/auth/me')).toMatchObject({ email: 'rivera@example.org' });
    const again = await new Browser(server.url).request('POST', '/api/setup', {
      ...account,
      email: 'second@example.org',
      setupToken: TEST_SETUP_TOKEN,
    });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    expect(await therapistCount(server)).toBe(1);
  });

  it('makes a random code at start when SETUP_TOKEN is unset, and none once an account exists', async () => {
    server = await startTestServer({ db, config: { setupToken: undefined } });
    expect(server.setupToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const b = new Browser(server.url);
    const guessed = await b.request('POST', '/api/setup', { ...account, setupToken: TEST_SETUP_TOKEN });
    expect(guessed.body).toMatchObject({ ok: false, error: { code: 'SETUP_TOKEN_INVALID' } });
    await b.ok('POST', '/api/setup', { ...account, setupToken: server.setupToken });
    await server.stop();
    server = await server.restart();
    expect(server.setupToken).toBeNull();
  });

  it('refuses a common or breached password at setup with a typed error, and creates nothing', async () => {
    server = await startTestServer({ db });
    const b = new Browser(server.url);
    for (const password of ['password123', 'correcthorsebatterystaple', 'qwertyuiop123', 'rivera@example.org']) {
      const res = await b.request('POST', '/api/setup', { ...account, password, setupToken: TEST_SETUP_TOKEN });
      expect(res.status, password).toBe(422);
      expect(res.body, password).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    }
    expect(await therapistCount(server)).toBe(0);
  });
});
