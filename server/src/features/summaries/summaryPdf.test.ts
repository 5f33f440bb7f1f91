/**
 * A partner's version as a PDF: the document (tagged, in English and Spanish, the map as a figure with alt text)
 * and its routes: the released version only, for its partner through their link and for the therapist; a draft,
 * a withdrawn one or another audience's is a typed error; the partner's PDF route has its own rate limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName, type PartnerSummary, type PartnerSummaryDto, type ReleasedSummaryItemDto } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  redeem,
  startTestServer,
  type Browser,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { addCard, collabClient, synced } from '../../test/collab.js';
import { readPdf, structNodes } from '../../test/pdf.js';
import { renderPdf } from '../record/pdf/render.js';
import { summaryDocument } from './pdf/summaryDocument.js';

const squash = (s: string) => s.replace(/\s+/g, ' ');

const sample = (language: 'en' | 'es'): PartnerSummary => ({
  version: 1,
  language,
  audience: { kind: 'partner', partnerId: crypto.randomUUID(), name: 'Sam' },
  coupleName: 'Alex y Sam',
  therapistName: 'Dr Rivera',
  session: { id: crypto.randomUUID(), title: 'Tercera sesión', kind: 'joint', date: '2026-03-04T17:00:00.000Z' },
  partners: [
    { slot: 'a', name: 'Alex' },
    { slot: 'b', name: 'Sam' },
  ],
  map: {
    nodes: [
      { id: 'n1', kind: 'trigger', side: 'a', label: 'Llego tarde sin avisar', x: 0, y: 0 },
      { id: 'n2', kind: 'action', side: 'b', label: 'Me callo y me voy', x: 0, y: 120 },
    ],
    edges: [{ id: 'e1', source: 'n1', target: 'n2' }],
  },
  exercises: [
    {
      name: 'Hablante y oyente',
      roles: [{ roleName: 'Hablante', partnerName: 'Alex' }],
      stepsReached: 2,
      stepCount: 4,
      completed: false,
    },
  ],
  task: 'Pedir una pausa de 20 minutos, ¿y volver?',
  nextSession: { at: '2026-03-11T17:00:00.000Z', minutes: 50, kind: 'joint' },
  message: 'Gracias por el trabajo de hoy, Sam.',
});

describe('a released summary as a PDF document', () => {
  it('is tagged, in the reader’s language, with every allowed part and the map as a figure with alt text', async () => {
    for (const lang of ['es', 'en'] as const) {
      const pdf = await renderPdf(
        summaryDocument(
          { content: sample('es'), releasedAt: '2026-03-05T09:00:00.000Z', practiceName: 'Clínica Aurora' },
          { lang, timeZone: 'Europe/Madrid' },
        ),
      );
      const read = await readPdf(pdf);
      const text = squash(read.text);
      expect(read.markInfo?.Marked).toBe(true);
      expect(read.info['Language']).toBe(lang);
      expect(read.raw).toMatch(/\/StructTreeRoot \d+ 0 R/);
      for (const words of ['Gracias por el trabajo de hoy, Sam.', 'Pedir una pausa de 20 minutos, ¿y volver?']) {
        expect(text).toContain(words);
      }
      expect(text).toContain('Clínica Aurora · Dr Rivera');
      expect(text).toContain(lang === 'es' ? 'Su tarea hasta la próxima vez' : 'Your task until next time');
      expect(text).toContain(lang === 'es' ? 'Hablante y oyente · Paso 2 de 4' : 'Hablante y oyente · Step 2 of 4');
      // 18:00 in Madrid on the day of the next session.
      expect(text).toMatch(lang === 'es' ? /18:00 \(50 min\)/ : /6:00\sPM \(50 min\)/);
      const roles = read.pages.flatMap((p) => structNodes(p.struct).map((n) => n.role));
      for (const role of ['Document', 'H1', 'H2', 'P', 'L', 'LI', 'Figure']) expect(roles).toContain(role);
      const figure = read.pages.flatMap((p) => structNodes(p.struct)).find((n) => n.role === 'Figure');
      expect(figure?.alt).toContain('Llego tarde sin avisar');
    }
  }, 60_000);
});

const fetchPdf = (server: TestServer, who: Browser, path: string) =>
  fetch(server.url + path, { headers: { cookie: who.cookieHeader, origin: server.url } });

describe.each(DB_KINDS)('the PDF routes of a partner’s summary (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let base: string;
  let samId: string;

  beforeAll(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    base = `/api/sessions/${s.sessionId}/summaries`;
    samId = s.couple.partners[1]!.id;
    const socket = await connectSocket(s.therapist, s.sessionId);
    await call(socket, 'session:hello', {});
    const map = collabClient(server.url, docName({ kind: 'map', id: s.couple.id }), {
      browser: s.therapist,
      sessionId: s.sessionId,
    });
    await synced(map);
    addCard(map.doc, 'card-1', 'shared', 'Una tarjeta del mapa');
    await map.roundTrip();
    await server.collabStore.drain();
    map.destroy();
    socket.close();
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
  }, 60_000);
  afterAll(async () => {
    await server.dispose();
  });

  it('serves only the released version; a draft or a withdrawn one is CONFLICT (therapist) or NOT_FOUND (partner)', async () => {
    const draft = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/${samId}`, {
      include: { map: true, exercises: true, task: true, nextSession: true },
      message: 'Para Sam, con calma.',
      language: 'es',
    });
    const refused = async () => {
      const res = await fetchPdf(server, s.therapist, `${base}/${samId}.pdf`);
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
      const partner = await fetchPdf(server, s.partnerB, `/api/join/${s.sessionId}/summaries/${draft.id}.pdf`);
      expect(partner.status).toBe(404);
      expect(await partner.json()).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    };
    await refused();

    await s.therapist.ok('POST', `${base}/${samId}/release`, { contentHash: draft.contentHash });
    const [item] = await s.partnerB.ok<ReleasedSummaryItemDto[]>('GET', `/api/join/${s.sessionId}/summaries`);
    expect(item?.id).toBe(draft.id);
    for (const [who, path] of [
      [s.partnerB, `/api/join/${s.sessionId}/summaries/${draft.id}.pdf?tz=Europe/Madrid`],
      [s.therapist, `${base}/${samId}.pdf`],
    ] as const) {
      const res = await fetchPdf(server, who, path);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="session-summary-\d{4}-\d\d-\d\d\.pdf"$/,
      );
      const text = squash((await readPdf(new Uint8Array(await res.arrayBuffer()))).text);
      // The summary's language (Spanish) when the reader names none.
      expect(text).toContain('De su terapeuta');
      expect(text).toContain('Para Sam, con calma.');
    }
    // Alex cannot have Sam's; a bad query is BAD_REQUEST.
    expect((await fetchPdf(server, s.partnerA, `/api/join/${s.sessionId}/summaries/${draft.id}.pdf`)).status).toBe(404);
    const bad = await fetchPdf(server, s.partnerB, `/api/join/${s.sessionId}/summaries/${draft.id}.pdf?tz=Mars/Base`);
    expect(bad.status).toBe(400);

    await s.therapist.ok('POST', `${base}/${samId}/withdraw`);
    await refused();
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select(['actor_type', 'target_id'])
      .where('action', '=', 'partner_summary.pdf')
      .execute();
    expect(audit.map((a) => a.actor_type).sort()).toEqual(['partner', 'therapist']);
  }, 60_000);

  it('refuses a partner past 10 PDF requests a minute with RATE_LIMITED, counted before any work', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await fetchPdf(server, s.partnerA, `/api/join/${s.sessionId}/summaries/${crypto.randomUUID()}.pdf`);
      statuses.push(res.status);
      if (res.status === 429) expect(await res.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    }
    // Alex asked for one PDF in the test before (when it runs): the tenth request of the minute is the last served.
    const first = statuses.indexOf(429);
    expect([9, 10]).toContain(first);
    expect(statuses.slice(0, first).every((x) => x === 404)).toBe(true);
  });
});
