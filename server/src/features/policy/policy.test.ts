/**
 * The couple's confidentiality policy: versions kept, each partner's acknowledgement stored once per version and
 * asked again after a change, on the session link and the case link; hostile inputs refused with nothing changed.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { POLICY_LIMITS, type CouplePolicyDto, type JoinInfoDto, type MyPolicyDto } from '@tandem/shared';
import { LIMITS } from '../../lib/rateLimit.js';
import { Browser, DB_KINDS, addTherapist, redeem, startTestServer, type TestServer } from '../../test/harness.js';
import { caseScenario, type CaseScenario } from '../between/betweenTest.js';
import { otherCouple } from '../exports/exportsSeed.js';

describe.each(DB_KINDS)('the confidentiality policy per couple (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;
  let base: string;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
    base = `/api/couples/${c.s.couple.id}/policy`;
  });
  afterEach(async () => {
    await server.dispose();
  });

  const view = () => c.s.therapist.ok<CouplePolicyDto>('GET', base);
  const rows = async () => ({
    versions: await server.ctx.db.selectFrom('policy_versions').selectAll().orderBy('version').execute(),
    acks: await server.ctx.db.selectFrom('policy_acks').selectAll().orderBy('partner_id').execute(),
    couple: await server.ctx.db.selectFrom('couples').select('policy').executeTakeFirstOrThrow(),
  });

  it('starts at version 1 from the couple form, keeps every change as a new version, and asks each partner again', async () => {
    const first = await view();
    expect(first.current).toMatchObject({ version: 1, kind: 'no-secrets', words: null });
    expect(first.partners.map((p) => p.acknowledgedAt)).toEqual([null, null]);

    // Alex acknowledges version 1 on his page; Sam has not.
    const alexMine = await c.alex.ok<MyPolicyDto>('POST', '/api/me/policy/acknowledge', { version: 1 });
    expect(alexMine).toMatchObject({ acknowledged: true, current: { version: 1 } });
    expect(alexMine.acknowledgements).toEqual([{ partnerId: c.ids.a, version: 1, acknowledgedAt: expect.any(String) }]);
    const afterAck = await view();
    expect(afterAck.partners.find((p) => p.partnerId === c.ids.a)?.acknowledgedAt).not.toBeNull();
    expect(afterAck.partners.find((p) => p.partnerId === c.ids.b)?.acknowledgedAt).toBeNull();
    // Sam's own view tells nothing of Alex's acknowledgement.
    const samView = await c.sam.request('GET', '/api/me/policy');
    expect(samView.body).toMatchObject({ ok: true, data: { acknowledged: false, acknowledgements: [] } });
    expect(JSON.stringify(samView.body)).not.toContain(c.ids.a);
    // Again: a no-op (one row per partner and version).
    await c.alex.ok('POST', '/api/me/policy/acknowledge', { version: 1 });
    expect((await rows()).acks).toHaveLength(1);

    // The therapist changes it: version 2 with their own words; version 1 stays as it was.
    const changed = await c.s.therapist.ok<CouplePolicyDto>('PUT', base, {
      kind: 'limited-secrets',
      words: '  I will tell you before I raise anything.  ',
      baseVersion: 1,
    });
    expect(changed.current).toMatchObject({
      version: 2,
      kind: 'limited-secrets',
      words: 'I will tell you before I raise anything.',
    });
    expect(changed.versions.map((v) => [v.version, v.kind])).toEqual([
      [2, 'limited-secrets'],
      [1, 'no-secrets'],
    ]);
    expect(changed.partners.map((p) => p.acknowledgedAt)).toEqual([null, null]);
    expect((await rows()).couple.policy).toBe('limited-secrets');

    // Alex must acknowledge again: his page says so, and the old version is refused as stale.
    expect(await c.alex.ok<MyPolicyDto>('GET', '/api/me/policy')).toMatchObject({
      acknowledged: false,
      current: { version: 2, words: 'I will tell you before I raise anything.' },
    });
    const stale = await c.alex.request('POST', '/api/me/policy/acknowledge', { version: 1 });
    expect(stale).toMatchObject({ status: 409, body: { ok: false, error: { code: 'CONFLICT' } } });
    await c.alex.ok('POST', '/api/me/policy/acknowledge', { version: 2 });
    const history = await view();
    expect(history.acknowledgements.map((a) => [a.partnerId, a.version])).toEqual([
      [c.ids.a, 2],
      [c.ids.a, 1],
    ]);
    // Changing it from the couple's form is a version too.
    await c.s.therapist.ok('PATCH', `/api/couples/${c.s.couple.id}`, { policy: 'secrets-kept' });
    expect((await view()).current).toMatchObject({ version: 3, kind: 'secrets-kept', words: null });
  });

  it('asks on the session link too: the join page is blocked until the current version is acknowledged', async () => {
    const next = await c.s.therapist.ok<{ session: { id: string }; invites: { partnerId: string; url: string }[] }>(
      'POST',
      '/api/sessions',
      { coupleId: c.s.couple.id, kind: 'joint' },
    );
    const alexDevice = new Browser(server.url);
    await redeem(alexDevice, next.invites.find((i) => i.partnerId === c.ids.a)!.url.split('#')[1] ?? '');
    const path = `/api/join/${next.session.id}`;
    expect(await alexDevice.ok<JoinInfoDto>('GET', path)).toMatchObject({
      policy: 'no-secrets',
      policyVersion: 1,
      policyWords: null,
      policyAcknowledged: false,
    });
    // No body, a wrong shape, or a version the couple never had: refused, nothing stored.
    for (const body of [undefined, {}, { version: '1' }, { version: 1, extra: true }]) {
      const res = await alexDevice.request('POST', `${path}/acknowledge`, body);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    const unknown = await alexDevice.request('POST', `${path}/acknowledge`, { version: 7 });
    expect(unknown.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await rows()).acks).toEqual([]);
    expect(await alexDevice.ok<JoinInfoDto>('GET', path)).toMatchObject({ policyAcknowledged: false });

    const info = await alexDevice.ok<JoinInfoDto>('POST', `${path}/acknowledge`, { version: 1 });
    expect(info.policyAcknowledged).toBe(true);
    expect((await rows()).acks).toMatchObject([{ partner_id: c.ids.a, version: 1 }]);
    // The case link knows it as well (one acknowledgement per partner and version, whichever link).
    expect(await c.alex.ok<MyPolicyDto>('GET', '/api/me/policy')).toMatchObject({ acknowledged: true });

    // A change while the link is open: the join page asks again, for the new version.
    await c.s.therapist.ok('PUT', base, { kind: 'secrets-kept', words: null, baseVersion: 1 });
    expect(await alexDevice.ok<JoinInfoDto>('GET', path)).toMatchObject({
      policy: 'secrets-kept',
      policyVersion: 2,
      policyAcknowledged: false,
    });
    await alexDevice.ok('POST', `${path}/acknowledge`, { version: 2 });
    expect(await alexDevice.ok<JoinInfoDto>('GET', path)).toMatchObject({ policyAcknowledged: true });
  });

  it("refuses hostile changes with a typed error and changes nothing: oversized words, unknown kind, stale base, a partner, another therapist's couple", async () => {
    const before = await rows();
    const bad: [Browser, unknown, string][] = [
      [
        c.s.therapist,
        { kind: 'no-secrets', words: 'x'.repeat(POLICY_LIMITS.wordsChars + 1), baseVersion: 1 },
        'BAD_REQUEST',
      ],
      [c.s.therapist, { kind: 'anything-goes', words: null, baseVersion: 1 }, 'BAD_REQUEST'],
      [c.s.therapist, { kind: 'no-secrets', words: 'a\u202Eb', baseVersion: 1 }, 'BAD_REQUEST'],
      [c.s.therapist, { kind: 'secrets-kept', words: null }, 'BAD_REQUEST'],
      [c.s.therapist, { kind: 'secrets-kept', words: null, baseVersion: 1, extra: 1 }, 'BAD_REQUEST'],
      [c.s.therapist, { kind: 'secrets-kept', words: null, baseVersion: 2 }, 'CONFLICT'],
      [c.s.therapist, { kind: 'no-secrets', words: null, baseVersion: 1 }, 'CONFLICT'],
      [c.alex, { kind: 'secrets-kept', words: null, baseVersion: 1 }, 'UNAUTHENTICATED'],
    ];
    for (const [who, body, code] of bad) {
      const res = await who.request('PUT', base, body);
      expect(res.body, JSON.stringify(body).slice(0, 80)).toMatchObject({ ok: false, error: { code } });
    }
    // A partner on their session link is not a therapist either.
    const partnerOnSession = await c.s.partnerA.request('PUT', base, {
      kind: 'secrets-kept',
      words: null,
      baseVersion: 1,
    });
    expect(partnerOnSession.body.ok).toBe(false);
    // Another therapist's couple.
    const other = await addTherapist(server);
    const res = await other.request('PUT', base, { kind: 'secrets-kept', words: null, baseVersion: 1 });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await other.request('GET', base)).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await rows()).toEqual(before);
  });

  it("refuses another couple's version and a partner naming a couple: the id comes from the credential only", async () => {
    // A second couple of the same therapist, with three versions.
    const other = await otherCouple(c.s.therapist);
    const otherBase = `/api/couples/${other.id}/policy`;
    await c.s.therapist.ok('PUT', otherBase, { kind: 'secrets-kept', words: null, baseVersion: 1 });
    await c.s.therapist.ok('PUT', otherBase, { kind: 'limited-secrets', words: null, baseVersion: 2 });
    const before = await rows();
    // Version 3 exists only for the other couple: for Alex's couple it is unknown.
    const res = await c.alex.request('POST', '/api/me/policy/acknowledge', { version: 3 });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    // Alex cannot read the other couple's policy page.
    expect((await c.alex.request('GET', otherBase)).body.ok).toBe(false);
    expect(await rows()).toEqual(before);
  });

  it('rate limits a partner acknowledging and a therapist changing the policy', async () => {
    for (let i = 0; i < LIMITS.policyPerPartner.points; i++) await c.sam.ok('GET', '/api/me/policy');
    const limited = await c.sam.request('POST', '/api/me/policy/acknowledge', { version: 1 });
    expect(limited).toMatchObject({ status: 429, body: { ok: false, error: { code: 'RATE_LIMITED' } } });
    expect((await rows()).acks).toEqual([]);
    for (let i = 0; i < LIMITS.policyPerTherapist.points; i++) await view();
    const blocked = await c.s.therapist.request('PUT', base, { kind: 'secrets-kept', words: null, baseVersion: 1 });
    expect(blocked.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect((await rows()).versions).toHaveLength(1);
  });
});
