/**
 * Joint work paused for safety (issue 15): one click pauses joint work and books an individual session with each
 * partner; a joint session can no longer be booked until the therapist resumes. Silent: neither partner's answers
 * change (byte-identical before and after), and only the therapist may pause or resume.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoupleDto, CoupleSafetyDto, CreatedSessionDto, JointWorkBody } from '@tandem/shared';
import { DB_KINDS, addTherapist, redeem, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { caseScenario, type CaseScenario } from '../between/betweenTest.js';

interface JointWorkResult {
  safety: CoupleSafetyDto;
  booked: CreatedSessionDto[];
}

describe.each(DB_KINDS)('pausing joint work (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const jointWork = (who: Browser, body: unknown) =>
    who.request<JointWorkResult>('PUT', `/api/couples/${c.s.couple.id}/joint-work`, body);

  async function sees(who: Browser, paths: string[]): Promise<string> {
    let all = '';
    for (const path of paths) {
      const res = await fetch(server.url + path, { headers: { cookie: who.cookieHeader, origin: server.url } });
      all += `\n${path}: ${res.status} ${await res.text()}`;
    }
    return all;
  }

  it('books an individual session with each partner in one click, refuses joint ones until resumed', async () => {
    const { s, ids } = c;
    const booking = { coupleId: s.couple.id, kind: 'joint' };
    const before = await s.therapist.ok<CoupleSafetyDto>('GET', `/api/couples/${s.couple.id}/safety`);
    expect(before).toMatchObject({ jointPausedAt: null, bookedJoint: 0 });
    await s.therapist.ok('POST', '/api/sessions', booking);

    const jointOk = (body: JointWorkBody) =>
      s.therapist.ok<JointWorkResult>('PUT', `/api/couples/${s.couple.id}/joint-work`, body);
    const { safety, booked } = await jointOk({ paused: true, bookIndividual: true });
    expect(safety.jointPausedAt).not.toBeNull();
    expect(safety.bookedJoint).toBe(1);
    expect(booked.map((b) => [b.session.kind, b.session.partnerIds[0]]).sort()).toEqual(
      [
        ['individual', ids.a],
        ['individual', ids.b],
      ].sort(),
    );
    // Each individual session invites only its partner.
    for (const b of booked) expect(b.invites.map((i) => i.partnerId)).toEqual([b.session.partnerIds[0]]);
    const couple = await s.therapist.ok<CoupleDto>('GET', `/api/couples/${s.couple.id}`);
    expect(couple.jointPausedAt).toBe(safety.jointPausedAt);

    const refused = await s.therapist.request('POST', '/api/sessions', booking);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const individual = { coupleId: s.couple.id, kind: 'individual', partnerId: ids.b };
    expect((await s.therapist.request('POST', '/api/sessions', individual)).status).toBe(200);
    // Pausing again changes nothing and books nothing more unless asked.
    const again = await jointOk({ paused: true });
    expect(again.safety.jointPausedAt).toBe(safety.jointPausedAt);
    expect(again.booked).toEqual([]);

    const resumed = await jointOk({ paused: false });
    expect(resumed.safety.jointPausedAt).toBeNull();
    expect((await s.therapist.request('POST', '/api/sessions', booking)).status).toBe(200);
  });

  it('is silent: neither partner’s answers change, on their case link or their session link', async () => {
    const { s, ids, alex, sam } = c;
    const next = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    });
    for (const [who, id] of [
      [alex, ids.a],
      [sam, ids.b],
    ] as const) {
      const invite = next.invites.find((i) => i.partnerId === id)!;
      await redeem(who, invite.url.split('#')[1] ?? '');
    }
    const paths = [
      '/api/me',
      '/api/me/safety',
      `/api/join/${next.session.id}`,
      `/api/join/${next.session.id}/location`,
    ];
    const alexBefore = await sees(alex, paths);
    const samBefore = await sees(sam, paths);
    expect(samBefore).toContain(next.session.scheduledAt!); // the search reads real content

    await jointWork(s.therapist, { paused: true, bookIndividual: true });
    expect(await sees(alex, paths)).toBe(alexBefore);
    expect(await sees(sam, paths)).toBe(samBefore);
  });

  it('takes it from the couple’s therapist only, with a well-formed body', async () => {
    const { s, alex, sam } = c;
    for (const body of [{}, { paused: 'yes' }, { paused: false, bookIndividual: true }, { paused: true, extra: 1 }]) {
      const res = await jointWork(s.therapist, body);
      expect(res.status).toBe(400);
    }
    expect((await jointWork(alex, { paused: true })).status).toBe(401);
    expect((await jointWork(sam, { paused: true })).status).toBe(401);
    const other = await addTherapist(server);
    expect([403, 404]).toContain((await jointWork(other, { paused: true, bookIndividual: true })).status);
    const state = await s.therapist.ok<CoupleSafetyDto>('GET', `/api/couples/${s.couple.id}/safety`);
    expect(state.jointPausedAt).toBeNull();
    const sessions = await s.therapist.ok<unknown[]>('GET', `/api/couples/${s.couple.id}/sessions`);
    expect(sessions).toHaveLength(1);
  });
});
