import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../lib/rateLimit.js';
import type { ImportedInstrumentDto, InstrumentDefinition, InstrumentSummaryDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  redeem,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

/** A practice's own instrument: four items on 1-5, two reversed (made-up text: no licensed wording here). */
function definition(version = 1, extra: Partial<InstrumentDefinition> = {}): InstrumentDefinition {
  const item = (id: string, reversed: boolean) => ({
    id,
    kind: 'scale' as const,
    text: { en: `Statement ${id}`, es: `Afirmación ${id}` },
    scale: 'agree',
    ...(reversed ? { reversed: true } : {}),
  });
  return {
    id: 'practice.satisfaction-4',
    version,
    name: { en: 'Satisfaction (4)', es: 'Satisfacción (4)' },
    instructions: { en: 'Thinking of your relationship.', es: 'Pensando en tu relación.' },
    respondent: 'partner',
    occasions: ['intake', 'weekly'],
    scales: {
      agree: {
        min: 1,
        max: 5,
        anchors: [
          { value: 1, label: { en: 'Not at all', es: 'Nada' } },
          { value: 5, label: { en: 'Completely', es: 'Totalmente' } },
        ],
      },
    },
    items: [item('s1', false), item('s2', true), item('s3', false), item('s4', true)],
    scoring: { method: 'sum', maxMissing: 1 },
    range: { min: 4, max: 20 },
    cutoff: { value: 13.5, clinical: 'below' },
    reliableChange: 3,
    source: 'Licensed to the practice (test data).',
    ...extra,
  };
}

describe.each(DB_KINDS)('importing an instrument definition (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    await server.dispose();
  });

  const stored = () => server.ctx.db.selectFrom('instruments').selectAll().orderBy('version').execute();

  it('imports a valid definition once, keeps each version, and refuses rewriting one', async () => {
    const first = await s.therapist.request<ImportedInstrumentDto>('POST', '/api/instruments', definition(1));
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      ok: true,
      data: { created: true, definition: { id: 'practice.satisfaction-4' } },
    });
    // The same again changes nothing.
    const again = await s.therapist.request<ImportedInstrumentDto>('POST', '/api/instruments', definition(1));
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ok: true, data: { created: false } });
    // Other content under the same version, or an older version: refused.
    const changed = definition(1, { reliableChange: 4 });
    expect((await s.therapist.request('POST', '/api/instruments', changed)).body).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await s.therapist.request('POST', '/api/instruments', definition(2))).status).toBe(201);
    expect((await s.therapist.request('POST', '/api/instruments', definition(1, { reliableChange: 4 }))).status).toBe(
      409,
    );
    expect((await stored()).map((r) => [r.instrument_id, r.version])).toEqual([
      ['practice.satisfaction-4', 1],
      ['practice.satisfaction-4', 2],
    ]);

    const list = await s.therapist.ok<InstrumentSummaryDto[]>('GET', '/api/instruments');
    expect(list.map((i) => `${i.id}@${i.version}:${i.builtin}`)).toEqual([
      'tandem.check-in@1:true',
      'tandem.check-out@1:true',
      'tandem.weekly-ratings@1:true',
      'practice.satisfaction-4@2:false',
      'practice.satisfaction-4@1:false',
    ]);
    const v1 = await s.therapist.ok<InstrumentDefinition>('GET', '/api/instruments/practice.satisfaction-4/versions/1');
    expect(v1).toEqual(definition(1));
  });

  it('refuses an unsound definition and stores nothing', async () => {
    const bad: [unknown, string][] = [
      [{ ...definition(), name: { en: 'English only' } }, 'name.es'],
      [definition(1, { range: { min: 0, max: 20 } }), 'range'],
      [definition(1, { cutoff: { value: 30, clinical: 'below' } }), 'cutoff'],
      [definition(1, { id: 'tandem.mine' }), 'id'],
      [definition(1, { id: 'Bad Id' }), 'id'],
      [{ ...definition(), extra: true }, 'body'],
      [definition(1, { scoring: { method: 'median' as 'sum', maxMissing: 0 } }), 'scoring'],
      ['[]', 'body'],
    ];
    for (const [body, hint] of bad) {
      const res = await s.therapist.request('POST', '/api/instruments', body);
      expect(res.status, hint).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect(await stored()).toEqual([]);
  });

  it('is the therapist’s only: a partner is refused, another practice does not see it', async () => {
    await redeem(s.partnerA, s.tokenOf(0));
    expect((await s.partnerA.request('POST', '/api/instruments', definition())).status).toBe(401);
    expect((await s.partnerA.request('GET', '/api/instruments')).status).toBe(401);
    await s.therapist.ok('POST', '/api/instruments', definition());
    const other = await addTherapist(server);
    const theirs = await other.ok<InstrumentSummaryDto[]>('GET', '/api/instruments');
    expect(theirs.every((i) => i.builtin)).toBe(true);
    expect((await other.request('GET', '/api/instruments/practice.satisfaction-4/versions/1')).status).toBe(404);
  });

  it('refuses a body over the API’s size limit before reading it', async () => {
    const huge = definition(1, { source: 'x'.repeat(40_000) });
    const res = await s.therapist.request('POST', '/api/instruments', huge);
    expect(res.status).toBe(413);
    expect(await stored()).toEqual([]);
  });

  it('limits one therapist’s reads of the instruments, and not another’s', async () => {
    const { points } = LIMITS.instrumentReadsPerTherapist;
    for (let i = 0; i < points; i += 1) await s.therapist.ok('GET', '/api/instruments');
    const over = await s.therapist.request('GET', '/api/instruments');
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ error: { code: 'RATE_LIMITED' } });
    expect((await s.therapist.request('GET', '/api/instruments/practice.satisfaction-4/versions/1')).status).toBe(429);
    const other = await addTherapist(server);
    expect((await other.request('GET', '/api/instruments')).status).toBe(200);
  });
});
