/**
 * Each partner's tick, reflection, weekly ratings and conflict log are theirs and the therapist's: partner B's
 * case cookie reaches none of A's through any route (byte search on every answer), and the therapist's overview
 * holds both.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type BetweenMeDto,
  type BetweenOverviewDto,
  type ConflictEntryDto,
  type PartnerSummaryDto,
  type ReleasedSummaryDto,
  type SessionHomeworkDto,
} from '@tandem/shared';
import { DB_KINDS, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { answerWeekly, caseScenario, type CaseScenario } from './betweenTest.js';

const ALEX = {
  task: 'ZZTASK-ALEX-ONLY-71',
  reflection: 'ZZREFLECT-ALEX-72',
  bothReflection: 'ZZREFLECT-ALEX-BOTH-73',
  helped: 'ZZHELPED-ALEX-74',
  summary: 'ZZSUMMARY-ALEX-75',
};
const COUPLE_SUMMARY = 'OKSUMMARY-COUPLE-84';
const SAM = { reflection: 'OKREFLECT-SAM-81', helped: 'OKHELPED-SAM-82' };
const BOTH_TASK = 'OKTASK-BOTH-83';

describe.each(DB_KINDS)('the between-session space keeps each partner’s own (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const weekly = (who: Browser, connection: number) => answerWeekly(who, connection, 4, 6);

  it('partner B reads none of A’s reflections, log entries or weekly answers; the therapist reads both', async () => {
    const { s, ids, alex, sam } = c;
    const hw = `/api/sessions/${s.sessionId}/homework`;
    await s.therapist.ok('POST', hw, { partnerId: ids.a, text: ALEX.task, dueAt: null, repeat: 'none' });
    const agreed = await s.therapist.ok<SessionHomeworkDto>('POST', hw, {
      partnerId: null,
      text: BOTH_TASK,
      dueAt: null,
      repeat: 'weekly',
    });
    const alexTask = agreed.agreed.find((t) => t.text === ALEX.task)!;
    const bothTask = agreed.agreed.find((t) => t.text === BOTH_TASK)!;

    // Alex ticks both tasks with reflections, rates the week and logs a conflict; Sam does the same on theirs.
    await alex.ok('PUT', `/api/me/homework/${alexTask.id}/mark`, { done: true, reflection: ALEX.reflection });
    await alex.ok('PUT', `/api/me/homework/${bothTask.id}/mark`, { done: true, reflection: ALEX.bothReflection });
    const alexWeek = await weekly(alex, 7);
    const alexEntry = await alex.ok<ConflictEntryDto>('POST', '/api/me/conflicts', {
      occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
      durationMin: 20,
      repairMin: 90,
      pauseUsed: true,
      helped: ALEX.helped,
    });
    await sam.ok('PUT', `/api/me/homework/${bothTask.id}/mark`, { done: false, reflection: SAM.reflection });
    await weekly(sam, 2);
    await sam.ok('POST', '/api/me/conflicts', {
      occurredAt: new Date().toISOString(),
      durationMin: null,
      repairMin: null,
      pauseUsed: null,
      helped: SAM.helped,
    });

    // Sam cannot touch Alex's: each try is NOT_FOUND and changes nothing.
    for (const [method, path, body] of [
      ['PUT', `/api/me/homework/${alexTask.id}/mark`, { done: true, reflection: 'x' }],
      ['PUT', `/api/me/conflicts/${alexEntry.id}`, { ...alexEntry, helped: 'hijacked' }],
      ['DELETE', `/api/me/conflicts/${alexEntry.id}`, undefined],
    ] as const) {
      const res = await sam.request(method, path, method === 'PUT' ? stripDto(body) : body);
      expect(res.status).toBe(404);
    }

    // A summary released to Alex alone, one to the couple: each through the case cookie, Alex's never to Sam.
    const base = `/api/sessions/${s.sessionId}/summaries`;
    const released: Record<string, string> = {};
    for (const [key, message] of [
      [ids.a, ALEX.summary],
      ['couple', COUPLE_SUMMARY],
    ] as const) {
      const draft = {
        include: { map: false, exercises: false, task: false, nextSession: false },
        message,
        language: 'en',
      };
      const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/${key}`, draft);
      await s.therapist.ok('POST', `${base}/${key}/release`, { contentHash: saved.contentHash });
    }
    for (const item of (await alex.ok<BetweenMeDto>('GET', '/api/me')).summaries) {
      released[item.personal ? 'alex' : 'couple'] = item.id;
    }
    expect((await sam.ok<BetweenMeDto>('GET', '/api/me')).summaries.map((i) => i.id)).toEqual([released['couple']]);
    const alexPdf = await fetch(`${server.url}/api/me/summaries/${released['alex']}.pdf`, {
      headers: { cookie: alex.cookieHeader },
    });
    expect(alexPdf.headers.get('content-type')).toBe('application/pdf');
    expect((await sam.ok<ReleasedSummaryDto>('GET', `/api/me/summaries/${released['couple']}`)).content.message).toBe(
      COUPLE_SUMMARY,
    );

    // Every answer Sam's browser gets, from their own page and from the therapist's routes, byte by byte.
    const samPaths = [
      '/api/me',
      `/api/me/summaries/${released['alex']}`,
      `/api/me/summaries/${released['alex']}.pdf`,
      `/api/couples/${s.couple.id}/between`,
      `/api/couples/${s.couple.id}/case-links`,
      hw,
      `/api/me/summaries/${alexEntry.id}`,
    ];
    const forbidden = [...Object.values(ALEX), alexWeek.current!.id, alexEntry.id];
    for (const path of samPaths) {
      const res = await fetch(server.url + path, { headers: { cookie: sam.cookieHeader, origin: server.url } });
      const text = await res.text();
      for (const marker of forbidden) expect(text, `${path} carried ${marker}`).not.toContain(marker);
    }
    const samPage = await sam.ok<BetweenMeDto>('GET', '/api/me');
    expect(samPage.tasks.map((t) => t.text)).toEqual([BOTH_TASK]);
    expect(samPage.tasks[0]?.marks.map((m) => m.partnerId)).toEqual([ids.b]);
    expect(samPage.weekly.current?.answers).toEqual({ connection: 2, trust: 4, closeness: 6 });
    expect(samPage.conflicts.map((e) => e.helped)).toEqual([SAM.helped]);

    // Alex's page holds all of Alex's (the search looks where the content is), none of Sam's.
    const alexText = JSON.stringify(await alex.ok<BetweenMeDto>('GET', '/api/me'));
    for (const marker of forbidden.filter((m) => m !== ALEX.summary)) expect(alexText).toContain(marker);
    const alexSummary = await alex.ok<ReleasedSummaryDto>('GET', `/api/me/summaries/${released['alex']}`);
    expect(alexSummary.content.message).toBe(ALEX.summary);
    for (const marker of Object.values(SAM)) expect(alexText).not.toContain(marker);

    // The therapist sees both partners' of everything.
    const overview = await s.therapist.ok<BetweenOverviewDto>('GET', `/api/couples/${s.couple.id}/between`);
    const all = JSON.stringify(overview);
    for (const marker of [...forbidden.filter((m) => m !== ALEX.summary), ...Object.values(SAM)])
      expect(all).toContain(marker);
    expect(overview.weekly.map((w) => w.partnerId).sort()).toEqual([ids.a, ids.b].sort());
  });
});

/** A DTO sent back as a body: only the body's fields. */
function stripDto(body: unknown): unknown {
  if (typeof body !== 'object' || body === null || !('occurredAt' in body)) return body;
  const { occurredAt, durationMin, repairMin, pauseUsed, helped } = body as ConflictEntryDto;
  return { occurredAt, durationMin, repairMin, pauseUsed, helped };
}
