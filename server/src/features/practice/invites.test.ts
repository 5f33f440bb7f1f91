import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto, CreatedStaffInviteDto, ScheduleDto, StaffInviteLookupDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  jointSessionScenario,
  startTestServer,
  tokenFromUrl,
  type TestServer,
} from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { STAFF_PASSWORD, invitePerson } from './practiceFixture.js';

describe.each(DB_KINDS)('clinician invites and transfers (%s)', (db) => {
  let server: TestServer;
  afterEach(() => server.dispose());

  it('a link signs up one person once; a second use and an expired link are refused alike', async () => {
    const clock = manualClock();
    server = await startTestServer({ db, clock });
    const s = await jointSessionScenario(server);
    const invite = (email: string) =>
      s.therapist.ok<CreatedStaffInviteDto>('POST', '/api/practice/invites', {
        email,
        role: 'clinician',
        language: 'es',
      });
    const first = await invite('bea@example.org');
    const token = tokenFromUrl(first.url);
    expect(first.url).toMatch(/\/welcome#/);
    // Only its hash is stored.
    const stored = await server.ctx.db.selectFrom('staff_invites').select('token_hash').execute();
    expect(stored.map((r) => r.token_hash)).not.toContain(token);

    const page = new Browser(server.url);
    expect(await page.ok<StaffInviteLookupDto>('POST', '/api/practice/invites/lookup', { token })).toMatchObject({
      email: 'bea@example.org',
      role: 'clinician',
      language: 'es',
    });
    // A guessable password is refused and leaves the link unspent.
    const weak = await page.request('POST', '/api/practice/invites/accept', {
      token,
      name: 'Bea',
      password: 'password123',
    });
    expect(weak.body).toMatchObject({ ok: false, error: { code: 'WEAK_PASSWORD' } });
    const bea = await page.ok<{ id: string; role: string }>('POST', '/api/practice/invites/accept', {
      token,
      name: 'Bea',
      password: STAFF_PASSWORD,
    });
    expect(bea.role).toBe('clinician');
    expect((await page.request('GET', '/api/couples')).status).toBe(200);

    const twice = await new Browser(server.url).request('POST', '/api/practice/invites/accept', {
      token,
      name: 'Mallory',
      password: STAFF_PASSWORD,
    });
    expect(twice.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });

    const later = tokenFromUrl((await invite('cy@example.org')).url);
    clock.advance(7 * 24 * 60 * 60 * 1000 + 1);
    const expired = await new Browser(server.url).request('POST', '/api/practice/invites/lookup', { token: later });
    expect(expired.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    const people = await server.ctx.db.selectFrom('therapists').select('email').execute();
    expect(people.map((p) => p.email).sort()).toEqual(['bea@example.org', 'rivera@example.org']);
  });

  it('a clinician cannot invite; an invite for an e-mail already in the practice is refused', async () => {
    server = await startTestServer({ db });
    const s = await jointSessionScenario(server);
    const { browser: bea } = await invitePerson(s.therapist, 'bea@example.org');
    const body = { email: 'dan@example.org', role: 'clinician', language: 'en' };
    expect((await bea.request('POST', '/api/practice/invites', body)).status).toBe(403);
    const dup = await s.therapist.request('POST', '/api/practice/invites', { ...body, email: 'BEA@example.org' });
    expect(dup.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('a transfer moves the couple’s upcoming sessions to the new clinician and leaves past ones', async () => {
    server = await startTestServer({ db });
    const s = await jointSessionScenario(server);
    const { browser: bea, me } = await invitePerson(s.therapist, 'bea@example.org');
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`, {});
    const at = new Date(Date.now() + 2 * 86_400_000).toISOString();
    const next = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: at,
    });
    await s.therapist.ok('POST', `/api/couples/${s.couple.id}/transfer`, { clinicianId: me.id });

    const rows = await server.ctx.db.selectFrom('sessions').select(['id', 'therapist_id']).execute();
    const owner = rows.find((r) => r.id === s.sessionId)?.therapist_id;
    expect(rows.find((r) => r.id === next.session.id)?.therapist_id).toBe(me.id);
    expect(owner).not.toBe(me.id);
    const week = `/api/schedule?from=${encodeURIComponent(new Date().toISOString())}&days=7`;
    expect((await bea.ok<ScheduleDto>('GET', week)).sessions.map((x) => x.id)).toEqual([next.session.id]);
    // The new clinician reads the couple's past record too (the case moved to her); the owner no longer does.
    expect((await bea.request('GET', `/api/sessions/${s.sessionId}/record`)).status).toBe(200);
    expect((await s.therapist.request('GET', `/api/couples/${s.couple.id}`)).status).toBe(403);
    // A transfer to someone who is not an active clinician is refused.
    const again = await bea.request('POST', `/api/couples/${s.couple.id}/transfer`, {
      clinicianId: crypto.randomUUID(),
    });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
