/**
 * A partner's own charts: `/api/me/charts` carries their own series only. The other partner's values (sentinel
 * numbers no one else logs) and answer times never appear in its bytes; their own do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { WEEKLY_RATINGS_ID, type OwnChartsDto } from '@tandem/shared';
import { DB_KINDS, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { answerWeekly, caseScenario, type CaseScenario } from '../between/betweenTest.js';

const ALEX = { duration: 19_873, repair: 17_461 };
const SAM = { duration: 13, repair: 29 };

describe.each(DB_KINDS)('a partner’s own charts (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const weekly = (who: Browser, connection: number) => answerWeekly(who, connection, 9, 9);
  const conflict = (who: Browser, v: { duration: number; repair: number }) =>
    who.ok('POST', '/api/me/conflicts', {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMin: v.duration,
      repairMin: v.repair,
      pauseUsed: true,
      helped: null,
    });

  it('holds only the partner’s own ratings and conflict weeks; the other’s never reach them', async () => {
    const { alex, sam } = c;
    const alexWeek = await weekly(alex, 10);
    await conflict(alex, ALEX);
    const samWeek = await weekly(sam, 1);
    await conflict(sam, SAM);
    const alexAt = String(Date.parse(alexWeek.current!.answeredAt));
    const samAt = String(Date.parse(samWeek.current!.answeredAt));

    const own = await alex.ok<OwnChartsDto>('GET', '/api/me/charts');
    const weeklyLine = own.instruments.find((i) => i.instrumentId === WEEKLY_RATINGS_ID);
    expect(weeklyLine?.points.map((p) => p.value)).toEqual([28]);
    expect(own.conflict.filter((w) => w.fights > 0)).toMatchObject([
      { fights: 1, meanFightMin: ALEX.duration, meanRepairMin: ALEX.repair, pausesUsed: 1 },
    ]);

    const bytes = async (who: Browser) =>
      (
        await fetch(`${server.url}/api/me/charts`, { headers: { cookie: who.cookieHeader, origin: server.url } })
      ).text();
    const samText = await bytes(sam);
    for (const marker of [String(ALEX.duration), String(ALEX.repair), alexAt]) {
      expect(samText, `Sam's charts carried ${marker}`).not.toContain(marker);
    }
    for (const marker of [String(SAM.repair), samAt]) expect(samText).toContain(marker);
    const alexText = await bytes(alex);
    for (const marker of [String(ALEX.duration), String(ALEX.repair), alexAt]) expect(alexText).toContain(marker);
    expect(alexText).not.toContain(samAt);
  });

  it('is the case cookie’s alone: the therapist and a stranger get no partner’s charts', async () => {
    const asTherapist = await c.s.therapist.request('GET', '/api/me/charts');
    expect(asTherapist.status).toBe(401);
    const stranger = await fetch(`${server.url}/api/me/charts`);
    expect(stranger.status).toBe(401);
  });
});
