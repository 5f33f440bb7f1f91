/** The personal case link: issued, exchanged for a cookie, re-issued (the old one dies), revoked, expiring. */
import { afterEach, describe, expect, it } from 'vitest';
import type { BetweenMeDto } from '@tandem/shared';
import { Browser, DB_KINDS, addTherapist, startTestServer, tokenFromUrl, type TestServer } from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { caseScenario, issueLink, linkStates, openLink } from './betweenTest.js';

const DAY = 86_400_000;

describe.each(DB_KINDS)('personal case links (%s)', (db) => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  it('exchanges the link for an httpOnly cookie scoped to the partner’s API, with the token hashed at rest', async () => {
    server = await startTestServer({ db });
    const { s, ids, links } = await caseScenario(server);
    const token = tokenFromUrl(links.a.url);
    expect(links.a.url).toMatch(/\/me\/open#[A-Za-z0-9_-]{43}$/);
    const res = await fetch(`${server.url}/api/me/redeem`, {
      method: 'POST',
      headers: { origin: server.url, 'content-type': 'application/json' },
      body: JSON.stringify({ token }),
    });
    const cookie = res.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^tandem_case=/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/Path=\/api\/me/);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const stored = await server.ctx.db.selectFrom('case_links').selectAll().execute();
    expect(JSON.stringify(stored)).not.toContain(token);
    const grants = await server.ctx.db.selectFrom('case_grants').selectAll().execute();
    expect(JSON.stringify(grants)).not.toContain(cookie.split(';')[0]!.split('=')[1]);
    expect((await linkStates(s)).map((l) => [l.state, l.devices])).toEqual([
      ['active', 2],
      ['active', 1],
    ]);
    const actions = await server.ctx.db.selectFrom('audit_log').select('action').execute();
    expect(actions.filter((a) => a.action === 'case_link.issue')).toHaveLength(2);
    expect(actions.filter((a) => a.action === 'case_link.redeem').length).toBeGreaterThanOrEqual(3);
    expect(ids.a).toBeTruthy();
  });

  it('re-issuing revokes the old link and its devices; revoking ends the new one; both get a clear answer', async () => {
    server = await startTestServer({ db });
    const { s, ids, alex, links } = await caseScenario(server);
    const fresh = await issueLink(s, ids.a);
    // The old cookie and the old link no longer work, with typed errors.
    expect((await alex.request('GET', '/api/me')).body).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    const old = await new Browser(server.url).request('POST', '/api/me/redeem', { token: tokenFromUrl(links.a.url) });
    expect(old.status).toBe(410);
    expect(old.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    // The new one works, then is revoked.
    const phone = new Browser(server.url);
    await openLink(phone, fresh);
    expect((await phone.ok<BetweenMeDto>('GET', '/api/me')).partner.id).toBe(ids.a);
    const states = await s.therapist.ok<{ state: string }[]>(
      'DELETE',
      `/api/couples/${s.couple.id}/case-links/${ids.a}`,
    );
    expect(states.map((l) => l.state)).toEqual(['revoked', 'active']);
    expect((await phone.request('GET', '/api/me')).status).toBe(401);
    expect(
      (await new Browser(server.url).request('POST', '/api/me/redeem', { token: tokenFromUrl(fresh.url) })).status,
    ).toBe(410);
    // Nothing left to revoke: CONFLICT.
    const again = await s.therapist.request('DELETE', `/api/couples/${s.couple.id}/case-links/${ids.a}`);
    expect(again.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const actions = await server.ctx.db.selectFrom('audit_log').select('action').execute();
    expect(actions.filter((a) => a.action === 'case_link.revoke')).toHaveLength(2);
  });

  it('only the couple’s therapist issues, reads or revokes links; a partner’s cookie is refused', async () => {
    server = await startTestServer({ db });
    const { s, ids, alex } = await caseScenario(server);
    const other = await addTherapist(server);
    const base = `/api/couples/${s.couple.id}`;
    for (const [method, path] of [
      ['POST', `${base}/case-links/${ids.a}`],
      ['DELETE', `${base}/case-links/${ids.a}`],
      ['GET', `${base}/case-links`],
      ['GET', `${base}/between`],
      ['GET', `/api/sessions/${s.sessionId}/homework`],
    ] as const) {
      expect((await other.request(method, path)).status, `${method} ${path}`).toBe(403);
      expect((await alex.request(method, path)).status, `${method} ${path}`).toBe(401);
    }
    // A partner of another couple is not this couple's.
    const res = await s.therapist.request('POST', `${base}/case-links/${crypto.randomUUID()}`);
    expect(res.status).toBe(404);
    // A malformed token is BAD_REQUEST; an unknown one INVITE_INVALID.
    const stranger = new Browser(server.url);
    expect((await stranger.request('POST', '/api/me/redeem', { token: 'short' })).status).toBe(400);
    expect((await stranger.request('POST', '/api/me/redeem', { token: 'A'.repeat(43) })).status).toBe(410);
    expect((await stranger.request('GET', '/api/me')).status).toBe(401);
  });

  it('a device’s cookie lasts 90 days after its last use, and the page survives a restart', async () => {
    const clock = manualClock();
    server = await startTestServer({ db, clock });
    const { s, ids, alex, sam } = await caseScenario(server);
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/homework`, {
      partnerId: ids.a,
      text: 'Ten minutes of talk each evening',
      dueAt: null,
      repeat: 'daily',
    });
    clock.advance(60 * DAY);
    // Alex uses the page at day 60: the cookie slides to day 150. Sam does not.
    expect((await alex.ok<BetweenMeDto>('GET', '/api/me')).tasks).toHaveLength(1);
    clock.advance(40 * DAY);
    expect((await alex.request('GET', '/api/me')).status).toBe(200);
    expect((await sam.request('GET', '/api/me')).status).toBe(401);
    await server.stop();
    server = await server.restart();
    const page = await alex.ok<BetweenMeDto>('GET', '/api/me');
    expect(page.tasks.map((t) => t.text)).toEqual(['Ten minutes of talk each evening']);
  });

  it('rate limits the exchange per address', async () => {
    server = await startTestServer({ db });
    const stranger = new Browser(server.url);
    let last = 0;
    for (let i = 0; i < 31; i++)
      last = (await stranger.request('POST', '/api/me/redeem', { token: 'B'.repeat(43) })).status;
    expect(last).toBe(429);
  });
});
