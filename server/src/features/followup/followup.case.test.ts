/**
 * Ending well: the therapist moves the case to ending then follow-up; the maintenance plan is versioned and
 * audited, the partners read it and each rewrites only their own part; in follow-up the weekly ratings are asked
 * at the check-in dates only, and a reliable drop flags "offer a booster session" to the therapist.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  WEEKLY_RATINGS_ID,
  type FollowUpDto,
  type MaintenanceContent,
  type PartnerFollowUpDto,
  type WeeklyStateDto,
} from '@tandem/shared';
import { DB_KINDS, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { caseScenario } from '../between/betweenTest.js';

const DAY = 86_400_000;
const PLAN: MaintenanceContent = {
  a: { warningSigns: 'I go quiet at dinner', commitments: 'Say “I need a minute”' },
  b: { warningSigns: 'I chase with questions', commitments: 'Ask once, then wait' },
  pauseRitual: 'Twenty minutes apart, then the couch',
  comeBack: 'Two weeks of distance in a row',
  includeMap: true,
};

describe.each(DB_KINDS)('the case’s ending and follow-up (%s)', (db) => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  const weekly = (who: Browser, each: number) =>
    who.request<WeeklyStateDto>('PUT', '/api/me/weekly', {
      instrumentId: WEEKLY_RATINGS_ID,
      instrumentVersion: 1,
      answers: { connection: each, trust: each, closeness: each },
    });

  it('moves through ending to follow-up, keeps the plan’s versions and lets each partner edit only their part', async () => {
    server = await startTestServer({ db });
    const { s, alex, sam } = await caseScenario(server);
    const base = `/api/couples/${s.couple.id}`;

    expect((await alex.ok<PartnerFollowUpDto>('GET', '/api/me/follow-up')).status).toBe('active');
    const skip = await s.therapist.request('PUT', `${base}/case-status`, { status: 'follow-up' });
    expect(skip.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const bad = await s.therapist.request('PUT', `${base}/case-status`, { status: 'closed' });
    expect(bad.status).toBe(400);
    const early = await sam.request('PUT', '/api/me/maintenance/mine', PLAN.b);
    expect(early.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    const ending = await s.therapist.ok<FollowUpDto>('PUT', `${base}/case-status`, { status: 'ending' });
    expect(ending).toMatchObject({ status: 'ending', plan: null, cadence: null, boosters: [] });
    const tooLong = await s.therapist.request('PUT', `${base}/maintenance`, { ...PLAN, pauseRitual: 'x'.repeat(2001) });
    expect(tooLong.status).toBe(400);
    const saved = await s.therapist.ok<FollowUpDto>('PUT', `${base}/maintenance`, PLAN);
    expect(saved.plan).toMatchObject({ version: 1, content: PLAN, map: { nodes: [], edges: [] } });

    // Both partners read the whole shared plan; Sam rewrites their own part only.
    const alexView = await alex.ok<PartnerFollowUpDto>('GET', '/api/me/follow-up');
    expect(alexView).toMatchObject({ status: 'ending', slot: 'a', plan: { version: 1, content: PLAN }, check: null });
    const hijack = await sam.request('PUT', '/api/me/maintenance/mine', { ...PLAN.b, a: PLAN.a });
    expect(hijack.status).toBe(400);
    const samPart = { warningSigns: 'I check my phone a lot', commitments: 'Phone in the drawer after nine' };
    const samView = await sam.ok<PartnerFollowUpDto>('PUT', '/api/me/maintenance/mine', samPart);
    expect(samView.plan).toMatchObject({ version: 2, content: { ...PLAN, b: samPart } });

    const therapistView = await s.therapist.ok<FollowUpDto>('GET', `${base}/follow-up`);
    expect(therapistView.versions.map((v) => v.version)).toEqual([2, 1]);
    const v1 = await s.therapist.ok<{ content: MaintenanceContent }>('GET', `${base}/maintenance/versions/1`);
    expect(v1.content.b).toEqual(PLAN.b);
    expect((await s.therapist.request('GET', `${base}/maintenance/versions/9`)).status).toBe(404);
    // A partner's cookie reaches no therapist route.
    expect((await alex.request('PUT', `${base}/case-status`, { status: 'active' })).status).toBeGreaterThanOrEqual(401);

    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select(['action', 'actor_type'])
      .where('action', 'in', ['case.status', 'maintenance.save'])
      .orderBy('at')
      .execute();
    expect(audit.map((r) => `${r.actor_type}:${r.action}`)).toEqual([
      'therapist:case.status',
      'therapist:maintenance.save',
      'partner:maintenance.save',
    ]);
  });

  it('asks the weekly ratings at check-in dates only in follow-up, and flags a reliable drop', async () => {
    const clock = manualClock();
    clock.advance(Date.parse('2026-12-02T12:00:00Z') - clock.now());
    server = await startTestServer({ db, clock });
    const { s, ids, alex, sam } = await caseScenario(server);
    const base = `/api/couples/${s.couple.id}`;
    // The therapist's sign-in does not outlast a jump of days on the clock: signs in again.
    const signIn = () =>
      s.therapist.ok('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'correct horse battery' });

    // In therapy: both rate their week (26 and 27 of 30).
    expect((await weekly(alex, 9)).status).toBe(200);
    expect((await weekly(sam, 9)).status).toBe(200);
    clock.advance(7 * DAY);
    await signIn();
    await s.therapist.ok('PUT', `${base}/case-status`, { status: 'ending' });
    const start = await s.therapist.ok<FollowUpDto>('PUT', `${base}/case-status`, { status: 'follow-up' });
    expect(start.cadence?.dates.slice(0, 5).map((d) => d.slice(0, 10))).toEqual([
      '2027-01-09',
      '2027-02-09',
      '2027-03-09',
      '2027-06-09',
      '2027-09-09',
    ]);

    // Nothing is due yet: the page does not ask, and an answer is refused.
    const before = await alex.ok<PartnerFollowUpDto>('GET', '/api/me/follow-up');
    expect(before.check).toMatchObject({ due: false, dueSince: null });
    expect((await weekly(alex, 8)).body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // A month on: both are asked; Alex answers much lower, Sam about the same.
    clock.advance(31 * DAY);
    expect((await alex.ok<PartnerFollowUpDto>('GET', '/api/me/follow-up')).check?.due).toBe(true);
    expect((await weekly(alex, 3)).status).toBe(200);
    expect((await weekly(alex, 2)).status).toBe(200); // a change the same week stays allowed
    expect((await weekly(sam, 8)).status).toBe(200);
    expect((await alex.ok<PartnerFollowUpDto>('GET', '/api/me/follow-up')).check?.due).toBe(false);

    await signIn();
    const view = await s.therapist.ok<FollowUpDto>('GET', `${base}/follow-up`);
    expect(view.boosters).toEqual([
      expect.objectContaining({ slot: 'a', partnerId: ids.a, baseline: expect.objectContaining({ value: 27 }) }),
    ]);
    expect(view.boosters[0]?.latest.value).toBe(6);

    // Back in therapy, the flag and the gate are gone.
    const back = await s.therapist.ok<FollowUpDto>('PUT', `${base}/case-status`, { status: 'active' });
    expect(back).toMatchObject({ status: 'active', cadence: null, boosters: [] });
    clock.advance(7 * DAY);
    expect((await weekly(sam, 9)).status).toBe(200);
  });
});
