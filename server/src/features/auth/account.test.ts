import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CredentialEnd } from '../../access/credentialEnds.js';
import { hashToken } from '../../lib/tokens.js';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';

const EMAIL = 'rivera@example.org';
const OLD = 'correct horse battery';
const NEW = 'lantern orbit pickle meadow';

describe.each(DB_KINDS)('a therapist’s own account (%s)', (db) => {
  let server: TestServer;
  let ends: CredentialEnd[];
  beforeEach(async () => {
    server = await startTestServer({ db });
    ends = [];
    server.ctx.credentialEnds.subscribe((end) => ends.push(end));
  });
  afterEach(async () => {
    await server.dispose();
  });

  const signIn = async (password = OLD) => {
    const b = new Browser(server.url);
    await b.ok('POST', '/api/auth/login', { email: EMAIL, password });
    return b;
  };
  /** A browser that replays a cookie it was given, whatever the server later says. */
  const replay = (cookie: string | undefined) => {
    const b = new Browser(server.url);
    b.setCookie('tandem_session', cookie ?? '');
    return b;
  };
  const actions = async () =>
    (await server.ctx.db.selectFrom('audit_log').select('action').execute()).map((r) => r.action);

  it('signs out everywhere: every sign-in session of that therapist is refused, other therapists stay', async () => {
    const { therapist: here } = await jointSessionScenario(server);
    const laptop = await signIn();
    const phone = await signIn();
    const other = await addTherapist(server);
    const hereCookie = here.cookie('tandem_session');
    const me = await here.ok<{ id: string }>('GET', '/api/auth/me');
    ends.length = 0;

    expect(await here.ok('POST', '/api/auth/sign-out-everywhere')).toEqual({ ended: 3 });
    expect(here.cookie('tandem_session')).toBeUndefined();
    for (const b of [here, laptop, phone, replay(hereCookie)]) {
      const res = await b.request('GET', '/api/auth/me');
      expect(res.status).toBe(401);
      expect((await b.request('GET', '/api/couples')).body).toMatchObject({ error: { code: 'UNAUTHENTICATED' } });
    }
    expect((await other.request('GET', '/api/auth/me')).status).toBe(200);
    expect(ends).toEqual([{ kind: 'therapist', therapistId: me.id, tokenHashes: 'all' }]);
    expect(await actions()).toContain('therapist.sign_out_everywhere');
    // Signing in again works as usual.
    expect((await (await signIn()).request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('changes the password: the old one fails, the new one works, other sessions end and this one stays', async () => {
    const { therapist: here } = await jointSessionScenario(server);
    const laptop = await signIn();
    const laptopCookie = laptop.cookie('tandem_session') ?? '';
    const me = await here.ok<{ id: string }>('GET', '/api/auth/me');
    ends.length = 0;

    const changed = await here.ok<object>('POST', '/api/auth/password', { currentPassword: OLD, newPassword: NEW });
    expect({ ...changed, role: 'owner', clinical: true }).toEqual(me);
    expect((await here.request('GET', '/api/auth/me')).status).toBe(200);
    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(401);
    expect(ends).toEqual([{ kind: 'therapist', therapistId: me.id, tokenHashes: [hashToken(laptopCookie)] }]);

    const withOld = await new Browser(server.url).request('POST', '/api/auth/login', { email: EMAIL, password: OLD });
    expect(withOld.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    expect((await (await signIn(NEW)).request('GET', '/api/auth/me')).status).toBe(200);
    expect(await actions()).toContain('therapist.password_change');
  });

  it('refuses a wrong current password or a guessable new one, and changes nothing', async () => {
    const { therapist: here } = await jointSessionScenario(server);
    const laptop = await signIn();
    ends.length = 0;

    const wrong = await here.request('POST', '/api/auth/password', { currentPassword: 'not it', newPassword: NEW });
    expect(wrong.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    const weak = await here.request('POST', '/api/auth/password', {
      currentPassword: OLD,
      newPassword: 'password123',
    });
    expect(weak.status).toBe(422);
    expect(weak.body).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const personal = await here.request('POST', '/api/auth/password', {
      currentPassword: OLD,
      newPassword: 'rivera@example.org',
    });
    expect(personal.body).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const extra = await here.request('POST', '/api/auth/password', { currentPassword: OLD, newPassword: NEW, x: 1 });
    expect(extra.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(200);
    expect(ends).toEqual([]);
    expect((await (await signIn(OLD)).request('GET', '/api/auth/me')).status).toBe(200);
    expect(await actions()).toContain('therapist.password_change_failed');
  });

  it('needs a signed-in therapist for both', async () => {
    await jointSessionScenario(server);
    const nobody = new Browser(server.url);
    for (const [path, body] of [
      ['/api/auth/sign-out-everywhere', undefined],
      ['/api/auth/password', { currentPassword: OLD, newPassword: NEW }],
    ] as const) {
      const res = await nobody.request('POST', path, body);
      expect(res.status).toBe(401);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    }
    expect(ends).toEqual([]);
  });

  it('announces the one ended sign-in session at sign-out', async () => {
    const { therapist: here } = await jointSessionScenario(server);
    const laptop = await signIn();
    const cookie = here.cookie('tandem_session') ?? '';
    const me = await here.ok<{ id: string }>('GET', '/api/auth/me');
    ends.length = 0;
    await here.ok('POST', '/api/auth/logout');
    expect(ends).toEqual([{ kind: 'therapist', therapistId: me.id, tokenHashes: [hashToken(cookie)] }]);
    expect((await laptop.request('GET', '/api/auth/me')).status).toBe(200);
  });
});
