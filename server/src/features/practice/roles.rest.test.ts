import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CoupleDto, ScheduleDto } from '@tandem/shared';
import {
  DB_KINDS,
  jointSessionScenario,
  startTestServer,
  type Browser,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { invitePerson } from './practiceFixture.js';

/** A sample of every clinical route family, for a couple and its session that are not the asker's. */
function clinicalRoutes(s: Scenario): [string, string, unknown?][] {
  const c = s.couple.id;
  const sid = s.sessionId;
  const a = s.couple.partners[0]?.id ?? '';
  return [
    ['GET', `/api/couples/${c}`],
    ['PATCH', `/api/couples/${c}`, { name: 'Taken' }],
    ['GET', `/api/couples/${c}/sessions`],
    ['GET', `/api/couples/${c}/policy`],
    ['POST', '/api/sessions', { coupleId: c, kind: 'joint' }],
    ['GET', `/api/sessions/${sid}`],
    ['POST', `/api/sessions/${sid}/cancel`, {}],
    ['GET', `/api/sessions/${sid}/record`],
    ['GET', `/api/sessions/${sid}/record.pdf`],
    ['GET', `/api/sessions/${sid}/progress-note`],
    ['GET', `/api/sessions/${sid}/summaries`],
    ['GET', `/api/couples/${c}/map/history`],
    ['GET', `/api/couples/${c}/history`],
    ['GET', `/api/sessions/${sid}/script-runs`],
    ['GET', `/api/couples/${c}/follow-up`],
    ['GET', `/api/couples/${c}/progress.pdf`],
    ['GET', `/api/couples/${c}/between`],
    ['GET', `/api/couples/${c}/safety`],
    ['GET', `/api/partners/${a}/chat`],
    ['GET', `/api/couples/${c}/mail`],
  ];
}

async function expectAllRefused(browser: Browser, s: Scenario): Promise<void> {
  const answers = await Promise.all(
    clinicalRoutes(s).map(async ([method, path, body]) => {
      const res = await browser.request(method, path, body);
      return `${method} ${path.replace(s.couple.id, ':couple').replace(s.sessionId, ':session')} ${res.status}`;
    }),
  );
  // Refused: FORBIDDEN, or (the record's routes) answered as a missing session so nothing tells it exists.
  expect(answers.filter((a) => !a.endsWith(' 403') && !a.endsWith(' 404'))).toEqual([]);
}

describe.each(DB_KINDS)('roles over REST (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let bea: Browser;
  let adminOnly: Browser;

  beforeAll(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    bea = (await invitePerson(s.therapist, 'bea@example.org')).browser;
    adminOnly = (await invitePerson(s.therapist, 'ada@example.org', 'admin')).browser;
  });
  afterAll(() => server.dispose());

  it('the owner reaches every route of the sample for their own couple', async () => {
    for (const [method, path, body] of clinicalRoutes(s).filter(([m, p]) => m === 'GET' && !p.endsWith('.pdf'))) {
      const res = await s.therapist.request(method, path, body);
      expect(`${path} ${res.status}`).toBe(`${path} 200`);
    }
  });

  it('refuses a clinician every clinical route of another clinician’s couple, and lists none of it', async () => {
    await expectAllRefused(bea, s);
    expect(await bea.ok<CoupleDto[]>('GET', '/api/couples')).toEqual([]);
    // The owner's scheduled session is in the owner's week and not in hers.
    const at = new Date(Date.now() + 86_400_000).toISOString();
    await s.therapist.ok('POST', '/api/sessions', { coupleId: s.couple.id, kind: 'joint', scheduledAt: at });
    const week = `/api/schedule?from=${encodeURIComponent(new Date().toISOString())}&days=7`;
    expect((await s.therapist.ok<ScheduleDto>('GET', week)).sessions.length).toBe(1);
    expect((await bea.ok<ScheduleDto>('GET', week)).sessions).toEqual([]);
    expect((await bea.request('GET', '/api/practice/people')).status).toBe(403);
    expect(
      (
        await bea.request('POST', `/api/couples/${s.couple.id}/transfer`, {
          clinicianId: (await bea.ok<{ id: string }>('GET', '/api/auth/me')).id,
        })
      ).status,
    ).toBe(403);
  });

  it('refuses an admin who is not also a clinician all clinical data, and lets them manage people', async () => {
    await expectAllRefused(adminOnly, s);
    const created = await adminOnly.request('POST', '/api/couples', {
      name: 'Someone',
      policy: 'no-secrets',
      partners: [
        { displayName: 'X', language: 'en' },
        { displayName: 'W', language: 'en' },
      ],
    });
    expect(created.status).toBe(403);
    const people = await adminOnly.ok<{ people: { email: string; role: string }[] }>('GET', '/api/practice/people');
    expect(people.people.map((p) => `${p.email} ${p.role}`)).toEqual([
      'rivera@example.org owner',
      'bea@example.org clinician',
      'ada@example.org admin',
    ]);
  });

  it('never lets the owner be demoted or deactivated, by an admin or by themselves', async () => {
    const people = await adminOnly.ok<{ people: { id: string; role: string }[] }>('GET', '/api/practice/people');
    const owner = people.people.find((p) => p.role === 'owner')?.id ?? '';
    for (const b of [adminOnly, s.therapist]) {
      expect((await b.request('PATCH', `/api/practice/people/${owner}`, { role: 'clinician' })).status).toBe(403);
      expect((await b.request('POST', `/api/practice/people/${owner}/deactivate`, { reassignTo: null })).status).toBe(
        403,
      );
    }
    const row = await server.ctx.db
      .selectFrom('therapists')
      .select(['role', 'deactivated_at'])
      .where('id', '=', owner)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ role: 'owner', deactivated_at: null });
  });

  it('gives an admin marked “also a clinician” couples of their own, and still none of others', async () => {
    const people = await s.therapist.ok<{ people: { id: string; email: string }[] }>('GET', '/api/practice/people');
    const ada = people.people.find((p) => p.email === 'ada@example.org')?.id ?? '';
    await s.therapist.ok('PATCH', `/api/practice/people/${ada}`, { clinical: true });
    const own = await adminOnly.ok<CoupleDto>('POST', '/api/couples', {
      name: 'Ada’s couple',
      policy: 'no-secrets',
      partners: [
        { displayName: 'Y', language: 'es' },
        { displayName: 'Z', language: 'en' },
      ],
    });
    expect((await adminOnly.ok<CoupleDto[]>('GET', '/api/couples')).map((c) => c.id)).toEqual([own.id]);
    await expectAllRefused(adminOnly, s);
    // Taking the flag away with a couple still theirs is refused: transfer it first.
    expect((await s.therapist.request('PATCH', `/api/practice/people/${ada}`, { clinical: false })).status).toBe(409);
  });
});
