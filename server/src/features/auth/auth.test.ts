import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CoupleDto, TherapistDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  TEST_SETUP_TOKEN,
  addTherapist,
  jointSessionScenario,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';

describe.each(DB_KINDS)('accounts and REST rules (%s)', (db) => {
  let server: TestServer;
  beforeEach(async () => {
    server = await startTestServer({ db });
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('answers health with 200 {"ok":true}', async () => {
    const res = await fetch(`${server.url}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
  });

  it('offers setup once, then only sign-in', async () => {
    const b = new Browser(server.url);
    expect(await b.ok('GET', '/api/setup')).toEqual({ needsSetup: true, needsToken: true });
    const me = await b.ok<TherapistDto>('POST', '/api/setup', {
      name: 'Dr Rivera',
      email: 'R@Example.org ',
      password: 'correct horse battery',
      setupToken: TEST_SETUP_TOKEN,
    });
    expect(me.email).toBe('r@example.org');
    expect(await b.ok('GET', '/api/auth/me')).toEqual({ ...me, role: 'owner', clinical: true });
    expect(await b.ok('GET', '/api/setup')).toEqual({ needsSetup: false, needsToken: false });
    const again = await new Browser(server.url).request('POST', '/api/setup', {
      name: 'X',
      email: 'x@example.org',
      password: 'correct horse battery',
      setupToken: TEST_SETUP_TOKEN,
    });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const cookie = b.cookie('tandem_session');
    expect(cookie).toBeTruthy();
    const stored = await server.ctx.db.selectFrom('auth_sessions').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(cookie);
  });

  it('answers "who am I" for a signed-out visitor with 200 and no one, while /auth/me stays 401', async () => {
    const b = new Browser(server.url);
    const fresh = await b.request('GET', '/api/auth/session');
    expect(fresh.status).toBe(200);
    expect(fresh.body).toEqual({ ok: true, data: { therapist: null, needsSetup: true } });
    const me = await b.ok<TherapistDto>('POST', '/api/setup', {
      name: 'Dr Rivera',
      email: 'rivera@example.org',
      password: 'correct horse battery',
      setupToken: TEST_SETUP_TOKEN,
    });
    expect(await b.ok('GET', '/api/auth/session')).toEqual({
      therapist: { ...me, role: 'owner', clinical: true },
      needsSetup: false,
    });
    await b.ok('POST', '/api/auth/logout');
    const out = await b.request('GET', '/api/auth/session');
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ ok: true, data: { therapist: null, needsSetup: false } });
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
    expect((await b.request('GET', '/api/couples')).status).toBe(401);
  });

  it('signs in and out, and says the same thing for a wrong password and an unknown email', async () => {
    await jointSessionScenario(server);
    const b = new Browser(server.url);
    const wrongPw = await b.request('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'nope' });
    const noUser = await b.request('POST', '/api/auth/login', { email: 'nobody@example.org', password: 'nope' });
    expect(wrongPw.status).toBe(401);
    expect(noUser.status).toBe(401);
    expect(wrongPw.body).toEqual(noUser.body);
    await b.ok('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'correct horse battery' });
    expect((await b.ok<TherapistDto>('GET', '/api/auth/me')).name).toBe('Dr Rivera');
    await b.ok('POST', '/api/auth/logout');
    expect((await b.request('GET', '/api/auth/me')).status).toBe(401);
  });

  it('slows repeated failed sign-ins for an account, and the right password works once the wait is over', async () => {
    await jointSessionScenario(server);
    const b = new Browser(server.url);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push(
        (await b.request('POST', '/api/auth/login', { email: 'rivera@example.org', password: `wrong-${i}` })).status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    // During the wait even the right password is not checked...
    const right = { email: 'rivera@example.org', password: 'correct horse battery' };
    expect((await b.request('POST', '/api/auth/login', right)).body).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    // ...and after it, it works: a wait, never a lockout.
    await vi.waitFor(async () => expect((await b.request('POST', '/api/auth/login', right)).status).toBe(200), {
      timeout: 5000,
      interval: 200,
    });
  });

  it('refuses cross-site writes and bad bodies with typed errors', async () => {
    const s = await jointSessionScenario(server);
    const evil = await fetch(`${server.url}/api/couples`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', cookie: s.therapist.cookieHeader, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'x',
        policy: 'no-secrets',
        partners: [
          { displayName: 'a', language: 'en' },
          { displayName: 'b', language: 'en' },
        ],
      }),
    });
    expect(evil.status).toBe(403);
    const bad = await s.therapist.request('POST', '/api/couples', { name: '', policy: 'whatever' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const notJson = await s.therapist.request('POST', '/api/couples', '{not json');
    expect(notJson.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const huge = await s.therapist.request('POST', '/api/couples', { name: 'x'.repeat(100_000) });
    expect(huge.status).toBe(413);
    const couples = await s.therapist.ok<CoupleDto[]>('GET', '/api/couples');
    expect(couples).toHaveLength(1);
  });

  it('keeps each therapist to their own couples and sessions', async () => {
    const s = await jointSessionScenario(server);
    const other = await addTherapist(server);
    expect(await other.ok('GET', '/api/couples')).toEqual([]);
    expect((await other.request('GET', `/api/couples/${s.couple.id}`)).body).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect((await other.request('GET', `/api/sessions/${s.sessionId}`)).body).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect((await other.request('POST', `/api/sessions/${s.sessionId}/end`)).body).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
    expect((await other.request('PATCH', `/api/couples/${s.couple.id}`, { archived: true })).body).toMatchObject({
      error: { code: 'FORBIDDEN' },
    });
  });

  it('edits and archives a couple', async () => {
    const s = await jointSessionScenario(server);
    const edited = await s.therapist.ok<CoupleDto>('PATCH', `/api/couples/${s.couple.id}`, {
      name: 'Alex & Sam R.',
      policy: 'limited-secrets',
      partners: [
        { displayName: 'Alex', language: 'es' },
        { displayName: 'Samantha', language: 'en' },
      ],
    });
    expect(edited).toMatchObject({
      name: 'Alex & Sam R.',
      policy: 'limited-secrets',
      partners: [{ language: 'es' }, { displayName: 'Samantha' }],
    });
    await s.therapist.ok('PATCH', `/api/couples/${s.couple.id}`, { archived: true });
    expect(await s.therapist.ok('GET', '/api/couples')).toEqual([]);
    expect(await s.therapist.ok<CoupleDto[]>('GET', '/api/couples?archived=true')).toHaveLength(1);
    const refused = await s.therapist.request('POST', '/api/sessions', { coupleId: s.couple.id, kind: 'joint' });
    expect(refused.body).toMatchObject({ error: { code: 'CONFLICT' } });
  });

  it('records who signed in, opened, admitted and ended in the audit log without content', async () => {
    const s = await jointSessionScenario(server);
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    const log = await server.ctx.db.selectFrom('audit_log').select(['action', 'actor_type']).orderBy('at').execute();
    const actions = log.map((l) => l.action);
    expect(actions).toEqual(
      expect.arrayContaining(['therapist.setup', 'couple.create', 'session.create', 'invite.issue', 'session.end']),
    );
  });
});
