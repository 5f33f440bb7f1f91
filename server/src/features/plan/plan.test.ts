/**
 * The treatment plan and the progress against it: objectives' statuses computed from stored answers, conflict log
 * entries and homework marks (inserted here as the between-session feature writes them), versions, reviews, the
 * progress data with its flags, the PDF; therapist-only, validated, audited, on SQLite and PostgreSQL. No answer
 * text, reflection or "what helped" ever leaves in the progress data or its PDF.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CHECK_IN_ID,
  CHECK_OUT_ID,
  DAY_MS,
  WEEKLY_RATINGS_ID,
  type PlanContent,
  type PlanDto,
  type PlanVersionDto,
  type ProgressDto,
} from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  redeem,
  startTestServer,
  tokenFromUrl,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { readPdf, structNodes } from '../../test/pdf.js';

const SENTINEL_ANSWER = 'SENTINEL-SINCE-LAST-TIME-7f3a';
const SENTINEL_HELPED = 'SENTINEL-WHAT-HELPED-91bc';
const SENTINEL_REFLECTION = 'SENTINEL-REFLECTION-2d4e';

const now = Date.now();
const ago = (days: number) => now - days * DAY_MS;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe.each(DB_KINDS)('the treatment plan and progress (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let a: string;
  let b: string;
  const base = () => `/api/couples/${s.couple.id}`;
  const goal = randomUUID();
  const ratings = randomUUID();
  const fights = randomUUID();
  const tasks = randomUUID();

  const answer = async (partnerId: string, instrumentId: string, score: number, at: number, sessionId?: string) => {
    await server.ctx.db
      .insertInto('measure_responses')
      .values({
        id: randomUUID(),
        couple_id: s.couple.id,
        partner_id: partnerId,
        session_id: sessionId ?? null,
        occasion: sessionId ? 'check-out' : 'weekly',
        instrument_id: instrumentId,
        instrument_version: 1,
        answers: JSON.stringify({ since: SENTINEL_ANSWER }),
        score,
        answered_at: at,
        updated_at: at,
      })
      .execute();
  };

  const plan = (): PlanContent => ({
    reviewIntervalDays: 90,
    goals: [
      {
        id: goal,
        title: 'Feel closer week to week',
        owner: 'shared',
        objectives: [
          {
            id: ratings,
            text: 'Weekly ratings reach 24',
            measure: { kind: 'instrument', instrumentId: WEEKLY_RATINGS_ID, whose: 'both' },
            target: 24,
            direction: 'up',
            startDate: isoDay(ago(30)),
            reviewDate: null,
          },
          {
            id: fights,
            text: 'Fights shorter than 20 minutes',
            measure: { kind: 'conflict', metric: 'fightLength', whose: 'both' },
            target: 20,
            direction: 'down',
            startDate: isoDay(ago(30)),
            reviewDate: null,
          },
          {
            id: tasks,
            text: 'Most tasks done',
            measure: { kind: 'tasks' },
            target: 80,
            direction: 'up',
            startDate: isoDay(ago(30)),
            reviewDate: isoDay(ago(-30)),
          },
        ],
      },
    ],
  });

  const statusOf = (p: PlanDto, id: string) => p.statuses.find((x) => x.objectiveId === id)?.status;

  beforeAll(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    a = s.couple.partners.find((p) => p.slot === 'a')!.id;
    b = s.couple.partners.find((p) => p.slot === 'b')!.id;
    // Weekly ratings: A 15 then 22 (moving toward 24), B 12 then 11 (not).
    await answer(a, WEEKLY_RATINGS_ID, 15, ago(29));
    await answer(a, WEEKLY_RATINGS_ID, 22, ago(10));
    await answer(b, WEEKLY_RATINGS_ID, 12, ago(29));
    await answer(b, WEEKLY_RATINGS_ID, 11, ago(10));
    // A check-in with a line of text (never read by progress).
    await answer(a, CHECK_IN_ID, 6, ago(8));
    // A session both rated very differently: 36 and 20 on the check-out (a split alliance: > 8).
    await answer(a, CHECK_OUT_ID, 36, ago(7), s.sessionId);
    await answer(b, CHECK_OUT_ID, 20, ago(7), s.sessionId);
    // The conflict log: a 60-minute fight, then a 15-minute one.
    for (const [at, duration] of [
      [ago(20), 60],
      [ago(3), 15],
    ] as const) {
      await server.ctx.db
        .insertInto('conflict_entries')
        .values({
          id: randomUUID(),
          couple_id: s.couple.id,
          partner_id: a,
          occurred_at: at,
          duration_min: duration,
          repair_min: 30,
          pause_used: 1,
          helped: SENTINEL_HELPED,
          created_at: at,
          updated_at: at,
        })
        .execute();
    }
    // A one-off task for both, due 5 days ago: A ticked it (with a reflection), B did not.
    const hw = randomUUID();
    await server.ctx.db
      .insertInto('homework')
      .values({
        id: hw,
        couple_id: s.couple.id,
        session_id: null,
        partner_id: null,
        text: 'Take a pause',
        due_at: ago(5),
        repeat: 'none',
        created_at: ago(12),
        closed_at: null,
      })
      .execute();
    await server.ctx.db
      .insertInto('homework_marks')
      .values({
        homework_id: hw,
        partner_id: a,
        period: '',
        done_at: ago(6),
        reflection: SENTINEL_REFLECTION,
        updated_at: ago(6),
      })
      .execute();
  }, 60_000);
  afterAll(async () => {
    await server.dispose();
  });

  it('starts empty, and computes each objective’s status from the data once saved', async () => {
    const empty = await s.therapist.ok<PlanDto>('GET', `${base()}/plan`);
    expect(empty).toMatchObject({ version: null, content: { reviewIntervalDays: 90, goals: [] }, statuses: [] });

    const saved = await s.therapist.ok<PlanDto>('PUT', `${base()}/plan`, plan());
    expect(saved.version).toBe(1);
    // Ratings, both: A is on track (15 -> mean(15, 22) = 18.5), B is not (12 -> 11.5): the weaker counts.
    const r = saved.statuses.find((x) => x.objectiveId === ratings)!;
    expect(r.status).toBe('not-yet');
    expect(r.byPartner?.a).toMatchObject({ status: 'on-track', baseline: 15, current: 18.5 });
    expect(r.byPartner?.b).toMatchObject({ status: 'not-yet', baseline: 12, current: 11.5 });
    expect(r.reviewDate).toBe(isoDay(ago(30) + 90 * DAY_MS));
    // Fights: weekly means 60 then 15 -> 37.5; 22.5 of 40 minutes done, about a third of the time gone.
    expect(saved.statuses.find((x) => x.objectiveId === fights)).toMatchObject({
      status: 'on-track',
      baseline: 60,
      current: 37.5,
    });
    // Tasks: one week, one of two ticks done: 50 % of 80 %, one point only.
    expect(saved.statuses.find((x) => x.objectiveId === tasks)).toMatchObject({ status: 'not-yet', current: 50 });
  });

  it('changes the status when new answers come in', async () => {
    await answer(b, WEEKLY_RATINGS_ID, 26, ago(1));
    expect(statusOf(await s.therapist.ok<PlanDto>('GET', `${base()}/plan`), ratings)).toBe('on-track');
    await answer(a, WEEKLY_RATINGS_ID, 30, now - 1000);
    await answer(b, WEEKLY_RATINGS_ID, 30, now - 1000);
    expect(statusOf(await s.therapist.ok<PlanDto>('GET', `${base()}/plan`), ratings)).toBe('met');
  });

  it('keeps every saved version readable, and reviews with the statuses at the time', async () => {
    const next = plan();
    next.reviewIntervalDays = 60;
    next.goals[0]!.title = 'Feel closer, every week';
    const v2 = await s.therapist.ok<PlanDto>('PUT', `${base()}/plan`, next);
    expect(v2.version).toBe(2);
    expect(v2.versions.map((v) => v.version)).toEqual([2, 1]);
    const old = await s.therapist.ok<PlanVersionDto>('GET', `${base()}/plan/versions/1`);
    expect(old.content.goals[0]!.title).toBe('Feel closer week to week');
    expect(old.content.reviewIntervalDays).toBe(90);
    expect((await s.therapist.request('GET', `${base()}/plan/versions/9`)).status).toBe(404);

    const reviewed = await s.therapist.ok<PlanDto>('POST', `${base()}/plan/reviews`, {
      note: 'Good month; keep the pause ritual.',
    });
    expect(reviewed.reviews).toHaveLength(1);
    expect(reviewed.reviews[0]).toMatchObject({ planVersion: 2, note: 'Good month; keep the pause ritual.' });
    expect(reviewed.reviews[0]!.statuses).toContainEqual({ objectiveId: ratings, status: 'met' });
  });

  it('refuses bad plans and reviews with a clear error and changes nothing', async () => {
    const bad: [string, unknown][] = [
      ['extra key', { ...plan(), extra: 1 }],
      ['interval', { ...plan(), reviewIntervalDays: 3 }],
      [
        'too many goals',
        {
          ...plan(),
          goals: Array.from({ length: 13 }, () => ({ ...plan().goals[0]!, id: randomUUID(), objectives: [] })),
        },
      ],
      ['same ids', { ...plan(), goals: [plan().goals[0]!, { ...plan().goals[0]!, id: randomUUID() }] }],
      [
        'bad date',
        {
          ...plan(),
          goals: [
            { ...plan().goals[0]!, objectives: [{ ...plan().goals[0]!.objectives[0]!, startDate: '2026-02-30' }] },
          ],
        },
      ],
      [
        'review before start',
        {
          ...plan(),
          goals: [
            { ...plan().goals[0]!, objectives: [{ ...plan().goals[0]!.objectives[0]!, reviewDate: '2000-01-01' }] },
          ],
        },
      ],
      ['title too long', { ...plan(), goals: [{ ...plan().goals[0]!, title: 'x'.repeat(201) }] }],
      [
        'unknown instrument',
        {
          ...plan(),
          goals: [
            {
              ...plan().goals[0]!,
              objectives: [
                {
                  ...plan().goals[0]!.objectives[0]!,
                  measure: { kind: 'instrument', instrumentId: 'nobody.knows', whose: 'a' },
                },
              ],
            },
          ],
        },
      ],
      [
        'target off the scale',
        {
          ...plan(),
          goals: [{ ...plan().goals[0]!, objectives: [{ ...plan().goals[0]!.objectives[0]!, target: 31 }] }],
        },
      ],
      [
        'task target over 100',
        {
          ...plan(),
          goals: [{ ...plan().goals[0]!, objectives: [{ ...plan().goals[0]!.objectives[2]!, target: 101 }] }],
        },
      ],
    ];
    for (const [what, body] of bad) {
      const res = await s.therapist.request('PUT', `${base()}/plan`, body);
      expect(res.status, what).toBe(400);
      expect(res.body, what).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    for (const body of [{ note: '' }, { note: 'x'.repeat(4001) }, { note: 'ok', x: 1 }]) {
      expect((await s.therapist.request('POST', `${base()}/plan/reviews`, body)).status).toBe(400);
    }
    for (const q of ['from=2026-13-01', 'from=2026-03-01&to=2026-02-01', 'from=2020-01-01&to=2026-01-01', 'x=1']) {
      expect((await s.therapist.request('GET', `${base()}/progress?${q}`)).status, q).toBe(400);
    }
    const after = await s.therapist.ok<PlanDto>('GET', `${base()}/plan`);
    expect(after.version).toBe(2);
    expect(after.reviews).toHaveLength(1);
  });

  it('gives each measure per partner with flags, the conflict weeks and the task record for a period', async () => {
    const p = await s.therapist.ok<ProgressDto>('GET', `${base()}/progress?from=${isoDay(ago(40))}&to=${isoDay(now)}`);
    expect(p.from).toBe(isoDay(ago(40)));
    const weekly = p.instruments.find((i) => i.instrumentId === WEEKLY_RATINGS_ID)!;
    expect(weekly.series.a.map((x) => x.value)).toEqual([15, 22, 30]);
    expect(weekly.series.b.map((x) => x.value)).toEqual([12, 11, 26, 30]);
    // Tandem's threshold on 0-30 is 6: B's 26 and 30 are not worse; nobody dropped.
    expect(weekly).toMatchObject({ threshold: 6, thresholdIsReliableChange: false, direction: 'up' });
    expect(weekly.targets).toEqual([
      { objectiveId: ratings, text: 'Weekly ratings reach 24', target: 24, whose: 'both' },
    ]);
    // Same week, 15 vs 12 and 22 vs 11: the second differs by more than 6.
    expect(weekly.flags.gaps.map((g) => g.gap)).toEqual([11]);
    const checkOut = p.instruments.find((i) => i.instrumentId === CHECK_OUT_ID)!;
    expect(checkOut.splitAlliance).toBe(true);
    expect(checkOut.flags.gaps).toMatchObject([{ key: s.sessionId, a: 36, b: 20, gap: 16 }]);
    const fightsWeeks = p.conflict.filter((w) => w.fights > 0);
    expect(fightsWeeks.map((w) => [w.meanFightMin, w.pausesUsed])).toEqual([
      [60, 1],
      [15, 1],
    ]);
    expect(p.tasks.filter((w) => w.expected > 0)).toMatchObject([{ expected: 2, done: 1, rate: 0.5 }]);
    // Only the scores and counts: no answer text, reflection or what helped.
    const bytes = JSON.stringify(p);
    for (const sentinel of [SENTINEL_ANSWER, SENTINEL_HELPED, SENTINEL_REFLECTION])
      expect(bytes).not.toContain(sentinel);
  });

  it('prints the progress report: a valid PDF with the objectives, their statuses and charts, in Spanish', async () => {
    const res = await fetch(`${server.url}${base()}/progress.pdf?lang=es&tz=Europe/Madrid`, {
      headers: { cookie: s.therapist.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A valid PDF: PDF.js parses every page (pdftotext is not on every machine; the repository's PDF tests use PDF.js).
    expect(Buffer.from(bytes.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const read = await readPdf(bytes);
    const text = read.text.replace(/\s+/g, ' ');
    expect(text).toContain('Informe de progreso: Alex & Sam');
    expect(text).toContain('Weekly ratings reach 24');
    expect(text).toContain('Fights shorter than 20 minutes');
    expect(text).toContain('Estado: Cumplido');
    expect(text).toContain('Estado: En buen camino');
    expect(text).toContain('Estado: Todavía no');
    expect(text).toContain('Alianza dividida');
    expect(text).toContain('Good month; keep the pause ritual.');
    expect(read.info['Language']).toBe('es');
    const figures = read.pages.flatMap((pg) => structNodes(pg.struct)).filter((n) => n.role === 'Figure');
    // Three objectives, three measures, four conflict metrics.
    expect(figures.length).toBeGreaterThanOrEqual(8);
    expect(figures.some((f) => f.alt?.includes('Weekly ratings reach 24'))).toBe(true);
    for (const sentinel of [SENTINEL_ANSWER, SENTINEL_HELPED, SENTINEL_REFLECTION]) {
      expect(read.raw).not.toContain(sentinel);
      expect(text).not.toContain(sentinel);
    }
  }, 60_000);

  it('refuses a partner and another therapist on every route, and audits the therapist’s reads and writes', async () => {
    await redeem(s.partnerA, tokenFromUrl(s.created.invites[0]!.url));
    const stranger = await addTherapist(server);
    const routes: [string, string, unknown?][] = [
      ['GET', `${base()}/plan`],
      ['PUT', `${base()}/plan`, plan()],
      ['GET', `${base()}/plan/versions/1`],
      ['POST', `${base()}/plan/reviews`, { note: 'x' }],
      ['GET', `${base()}/progress`],
      ['GET', `${base()}/progress.pdf`],
    ];
    for (const [method, route, body] of routes) {
      for (const who of [s.partnerA, stranger]) {
        const res = await who.request(method, route, body);
        expect(res.status, `${method} ${route}`).toBe(403);
        expect(JSON.stringify(res.body)).not.toContain('Weekly ratings reach 24');
      }
    }
    const anon = await fetch(`${server.url}${base()}/progress.pdf`);
    expect(anon.status).toBe(401);
    const after = await s.therapist.ok<PlanDto>('GET', `${base()}/plan`);
    expect(after.version).toBe(2);
    const audit = await server.ctx.db.selectFrom('audit_log').select('action').where('action', 'like', 'p%').execute();
    expect(new Set(audit.map((x) => x.action))).toEqual(
      new Set(['plan.view', 'plan.save', 'plan.version.view', 'plan.review', 'progress.view', 'progress.pdf']),
    );
  });

  it('limits how fast one therapist reads and writes plans', async () => {
    // Another therapist's own couple: their own budget (120 a minute), spent on reads of a plan.
    const other = await addTherapist(server, 'busy@example.org');
    const couple = await other.ok<{ id: string }>('POST', '/api/couples', {
      name: 'Kim & Lee',
      policy: 'no-secrets',
      partners: [
        { displayName: 'Kim', language: 'en' },
        { displayName: 'Lee', language: 'es' },
      ],
    });
    const statuses: number[] = [];
    for (let i = 0; i < 121; i++) statuses.push((await other.request('GET', `/api/couples/${couple.id}/plan`)).status);
    expect(statuses.slice(0, 120).every((x) => x === 200)).toBe(true);
    const res = await other.request('GET', `/api/couples/${couple.id}/progress`);
    expect(res.status).toBe(429);
    expect(res.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });
});
