import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ProgressNoteBody, ProgressNoteDto, ProgressNoteStateDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  jointSessionScenario,
  redeem,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

const MARKER = 'ZZ-RISK-MARKER-7f3a';

describe.each(DB_KINDS)('the couples progress note (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let url: string;
  let body: ProgressNoteBody;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    url = `/api/sessions/${s.sessionId}/progress-note`;
    const [a, b] = s.couple.partners;
    body = {
      format: 'soap',
      content: {
        fields: {
          attendance: 'Alex 50 min, Sam 48 min',
          cycle: 'Pursue–withdraw',
          skill: 'Speaker–listener',
          task: 'One pause',
        },
        sections: { subjective: 'Sam: «me cuesta hablar»', plan: 'Review the pause next week' },
        partners: [
          { partnerId: a!.id, presentation: 'Calm', riskLevel: 'none', riskNote: '' },
          { partnerId: b!.id, presentation: 'Tearful', riskLevel: null, riskNote: MARKER },
        ],
      },
    };
  });
  afterEach(async () => {
    await server.dispose();
  });

  it('starts empty in the practice’s format and keeps the format last used', async () => {
    const fresh = await s.therapist.ok<ProgressNoteStateDto>('GET', url);
    expect(fresh).toMatchObject({ note: null, practiceFormat: 'dap' });
    expect(fresh.partners.map((p) => p.name)).toEqual(['Alex', 'Sam']);
    await s.therapist.ok('PUT', url, body);
    const other = await s.therapist.ok<{ session: { id: string } }>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const next = await s.therapist.ok<ProgressNoteStateDto>('GET', `/api/sessions/${other.session.id}/progress-note`);
    expect(next).toMatchObject({ note: null, practiceFormat: 'soap' });
  });

  it('refuses to sign until each partner’s risk is answered, then signs, locks every edit path, and keeps addenda', async () => {
    const saved = await s.therapist.ok<ProgressNoteDto>('PUT', url, body);
    expect(saved).toMatchObject({ format: 'soap', signed: null, content: body.content, addenda: [] });

    const early = await s.therapist.request('POST', `${url}/sign`);
    expect(early.status).toBe(400);
    expect(early.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });

    const answered = structuredClone(body);
    answered.content.partners[1]!.riskLevel = 'low';
    await s.therapist.ok('PUT', url, answered);
    const before = Date.now();
    const signed = await s.therapist.ok<ProgressNoteDto>('POST', `${url}/sign`);
    expect(signed.signed).toMatchObject({ name: 'Dr Rivera' });
    expect(Date.parse(signed.signed!.at)).toBeGreaterThanOrEqual(before - 5);

    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'progress_note.sign')
      .execute();
    expect(audit).toEqual([
      expect.objectContaining({ actor_type: 'therapist', actor_id: signed.signed!.by, session_id: s.sessionId }),
    ]);

    // Every edit path is refused with the typed error, and nothing changes.
    const changed = structuredClone(answered);
    changed.content.sections = { plan: 'silently changed' };
    for (const [method, path, payload] of [
      ['PUT', url, changed],
      ['PUT', url, { ...changed, format: 'dap', content: { ...changed.content, sections: {} } }],
      ['POST', `${url}/sign`, undefined],
    ] as const) {
      const res = await s.therapist.request(method, path, payload);
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'NOTE_SIGNED' } });
    }
    const { note } = await s.therapist.ok<ProgressNoteStateDto>('GET', url);
    expect(note?.content).toEqual(answered.content);
    expect(note?.signed).toEqual(signed.signed);
    expect(note?.format).toBe('soap');

    // A correction is an addendum with its own time; the note itself stays as signed.
    const t0 = Date.now();
    const res = await s.therapist.request<ProgressNoteDto>('POST', `${url}/addenda`, {
      text: 'Corrección: Sam dijo «a veces».',
    });
    expect(res.status).toBe(201);
    const withAddendum = await s.therapist.ok<ProgressNoteStateDto>('GET', url);
    expect(withAddendum.note?.addenda).toEqual([
      {
        id: expect.any(String),
        authorName: 'Dr Rivera',
        text: 'Corrección: Sam dijo «a veces».',
        createdAt: expect.any(String),
      },
    ]);
    expect(Date.parse(withAddendum.note!.addenda[0]!.createdAt)).toBeGreaterThanOrEqual(t0 - 5);
    expect(withAddendum.note?.content).toEqual(answered.content);
  });

  it('refuses an addendum before signing, and bad input with a clear error that changes nothing', async () => {
    expect((await s.therapist.request('POST', `${url}/addenda`, { text: 'x' })).body).toMatchObject({
      error: { code: 'CONFLICT' },
    });
    const bad: unknown[] = [
      { ...body, format: 'xyz' },
      { ...body, content: { ...body.content, sections: { behavior: 'not a SOAP section' } } },
      { ...body, content: { ...body.content, fields: { cycle: 'x'.repeat(8001) } } },
      { ...body, content: { ...body.content, fields: { cycle: 'bidi \u202e override' } } },
      { ...body, content: { ...body.content, partners: [{ ...body.content.partners[0], riskLevel: 'extreme' }] } },
      {
        ...body,
        content: { ...body.content, partners: [{ ...body.content.partners[0], partnerId: crypto.randomUUID() }] },
      },
      { ...body, extra: true },
    ];
    for (const payload of bad) {
      const res = await s.therapist.request('PUT', url, payload);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    expect((await s.therapist.ok<ProgressNoteStateDto>('GET', url)).note).toBeNull();
  });

  it('is reachable by no partner and no other therapist, and no answer they get carries the note’s words', async () => {
    await s.therapist.ok('PUT', url, body);
    await redeem(s.partnerA, s.tokenOf(0));
    const other = await addTherapist(server);
    const paths: [string, string, unknown?][] = [
      ['GET', url],
      ['PUT', url, body],
      ['POST', `${url}/sign`],
      ['POST', `${url}/addenda`, { text: 'x' }],
      ['GET', `/api/sessions/${s.sessionId}/record`],
      ['GET', `/api/join/${s.sessionId}`],
    ];
    for (const who of [s.partnerA, other]) {
      for (const [method, path, payload] of paths) {
        const res = await fetch(server.url + path, {
          method,
          headers: {
            origin: server.url,
            cookie: who.cookieHeader,
            ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
        });
        const text = await res.text();
        expect(text).not.toContain(MARKER);
        expect(text).not.toContain('Tearful');
        if (!path.startsWith('/api/join')) expect([401, 403, 404]).toContain(res.status);
      }
    }
    // Still as the therapist wrote it.
    expect((await s.therapist.ok<ProgressNoteStateDto>('GET', url)).note?.content).toEqual(body.content);
  });
});

describe('the progress note’s rate limit', () => {
  let server: TestServer;
  afterEach(async () => {
    await server.dispose();
  });

  it('refuses writes past the limit with RATE_LIMITED and keeps the last accepted version', async () => {
    server = await startTestServer();
    const s = await jointSessionScenario(server);
    const url = `/api/sessions/${s.sessionId}/progress-note`;
    const body = (n: number): ProgressNoteBody => ({
      format: 'dap',
      content: { fields: { task: `version ${n}` }, sections: {}, partners: [] },
    });
    let n = 0;
    let last = await s.therapist.request('PUT', url, body(n));
    while (last.status === 200 && n < 500) last = await s.therapist.request('PUT', url, body(++n));
    expect(last.status).toBe(429);
    expect(last.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    expect(n).toBe(120);
    const state = await s.therapist.ok<ProgressNoteStateDto>('GET', url);
    expect(state.note?.content.fields.task).toBe('version 119');
  });
});
