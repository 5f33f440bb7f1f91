/**
 * A cancelled session never took place (issue 16): the record's neighbours, a summary's and the partner's page's
 * "next session" skip it, and it takes no record, summary or task of its own.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BetweenMeDto, CreatedSessionDto, PartnerSummaryDto, SessionRecordDto } from '@tandem/shared';
import { DB_KINDS, startTestServer, type TestServer } from '../../test/harness.js';
import { caseScenario, type CaseScenario } from '../between/betweenTest.js';

const DAY = 86_400_000;

describe.each(DB_KINDS)('a cancelled session in records, summaries and the partner’s page (%s)', (db) => {
  let server: TestServer;
  let c: CaseScenario;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await caseScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('is skipped as the next session everywhere, and takes no record, summary or task', async () => {
    const { s } = c;
    const book = (at: number) =>
      s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
        coupleId: s.couple.id,
        kind: 'joint',
        scheduledAt: new Date(at).toISOString(),
      });
    const soon = await book(Date.now() + 2 * DAY);
    const later = await book(Date.now() + 9 * DAY);
    const laterAt = later.session.scheduledAt;

    // Positive control: before the cancel, the soon one is next everywhere.
    expect((await c.alex.ok<BetweenMeDto>('GET', '/api/me')).nextSession?.at).toBe(soon.session.scheduledAt);
    const recordBefore = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${s.sessionId}/record`);
    expect(recordBefore.next?.id).toBe(soon.session.id);

    await s.therapist.ok('POST', `/api/sessions/${soon.session.id}/cancel`, {});

    expect((await c.alex.ok<BetweenMeDto>('GET', '/api/me')).nextSession?.at).toBe(laterAt);
    expect((await c.sam.ok<BetweenMeDto>('GET', '/api/me')).nextSession?.at).toBe(laterAt);
    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${s.sessionId}/record`);
    expect(record.next?.id).toBe(later.session.id);
    const summary = await s.therapist.ok<PartnerSummaryDto>('PUT', `/api/sessions/${s.sessionId}/summaries/couple`, {
      include: { map: false, exercises: false, task: false, nextSession: true },
      message: 'See you soon',
      language: 'en',
    });
    expect(summary.content.nextSession?.at).toBe(laterAt);

    // The cancelled one itself: no summary, no task.
    const cancelled = soon.session.id;
    const noSummary = await s.therapist.request('PUT', `/api/sessions/${cancelled}/summaries/couple`, {
      include: { map: false, exercises: false, task: false, nextSession: false },
      message: 'x',
      language: 'en',
    });
    expect(noSummary.status).toBe(409);
    const noTask = await s.therapist.request('POST', `/api/sessions/${cancelled}/homework`, {
      partnerId: null,
      text: 'Practise one pause',
      dueAt: null,
      repeat: 'none',
    });
    expect(noTask.status).toBe(409);
  });
});
