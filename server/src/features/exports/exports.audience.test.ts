/**
 * Exports filtered by audience: for EACH export, every marker of every other audience is byte-searched in what it
 * returns (PDF: text extracted with PDF.js plus the inflated bytes; JSON: the raw bytes), with a positive control
 * that the same search finds the export's own audience's markers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNER_EXPORT_SECTIONS, type PartnerExportDto } from '@tandem/shared';
import { LIMITS } from '../../lib/rateLimit.js';
import { DB_KINDS, addTherapist, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { inflatedPdf, readPdf } from '../../test/pdf.js';
import { PARTNER_SECTIONS } from './audience.js';
import { otherCouple, seedCase, type PartnerMarks, type SeededCase } from './exportsSeed.js';

/** What a request returns, as searchable text: a PDF's extracted text and inflated bytes, else the raw body. */
async function fetchText(server: TestServer, who: Browser, path: string): Promise<string> {
  const res = await fetch(server.url + path, { headers: { cookie: who.cookieHeader, origin: server.url } });
  expect(res.status, path).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  if (res.headers.get('content-type')?.startsWith('application/pdf')) {
    const pdf = await readPdf(bytes);
    return `${pdf.text}\n${inflatedPdf(bytes)}`;
  }
  return Buffer.from(bytes).toString('utf8');
}

const all = (m: PartnerMarks) => Object.values(m).filter((v) => v !== '');
/** A partner's safety data: therapist-only once given (never in a file they download). */
const safety = (m: PartnerMarks) => [m.address, m.contact, m.screening, m.location, m.stopSignalId];

function expectNone(text: string, markers: string[], what: string) {
  for (const marker of markers) expect(text.includes(marker), `${what} holds ${marker}`).toBe(false);
}
function expectAll(text: string, markers: string[], what: string) {
  for (const marker of markers) expect(text.includes(marker), `${what} lacks ${marker}`).toBe(true);
}

describe.each(DB_KINDS)('every export is built for one audience (%s)', (db) => {
  let server: TestServer;
  let c: SeededCase;

  beforeAll(async () => {
    server = await startTestServer({ db });
    c = await seedCase(server);
  });
  afterAll(async () => {
    await server.dispose();
  });

  const partners = () =>
    [
      {
        name: 'Alex',
        own: c.alexMarks,
        other: c.samMarks,
        caseB: c.alex,
        sessionB: c.alexSession,
        summary: c.summaryIds.alex,
        otherSummary: c.summaryIds.sam,
      },
      {
        name: 'Sam',
        own: c.samMarks,
        other: c.alexMarks,
        caseB: c.sam,
        sessionB: c.samSession,
        summary: c.summaryIds.sam,
        otherSummary: c.summaryIds.alex,
      },
    ] as const;
  const therapistOnly = () => [c.therapistMarks.note, c.therapistMarks.notesDoc];

  it("a partner's own export (GET /api/me/export) holds their own data and nothing of the other partner or the therapist", async () => {
    for (const p of partners()) {
      const text = await fetchText(server, p.caseB, '/api/me/export');
      const parsed = JSON.parse(text) as PartnerExportDto;
      expect(parsed.audience).toEqual({ kind: 'partner', partnerId: expect.any(String) });
      expect(Object.keys(parsed.sections).sort()).toEqual([...PARTNER_EXPORT_SECTIONS].sort());
      expect(Object.keys(PARTNER_SECTIONS).sort()).toEqual([...PARTNER_EXPORT_SECTIONS].sort());
      // Positive control: their panel, task, reflection, log, weekly ratings, summaries and chat.
      const own = p.own;
      expectAll(
        text,
        [own.panel, own.task, own.reflection, own.helped, own.summary, own.chat, own.weeklyId, c.coupleSummary],
        `${p.name}'s export`,
      );
      // Not one byte of the other partner's, the therapist's, or of safety data (not even their own).
      expectNone(
        text,
        [...all(p.other), ...therapistOnly(), ...safety(own), 'riskItems', 'flagged'],
        `${p.name}'s export`,
      );
    }
    // The case cookie only: a session cookie or the therapist's cookie gets no export.
    expect((await c.alexSession.request('GET', '/api/me/export')).status).toBe(401);
    expect((await c.s.therapist.request('GET', '/api/me/export')).status).toBe(401);
  });

  it("a partner's summary PDFs (case link and session link) hold their summaries only", async () => {
    for (const p of partners()) {
      for (const [path, browser] of [
        [`/api/me/summaries/${p.summary}.pdf`, p.caseB],
        [`/api/join/${c.liveSessionId}/summaries/${p.summary}.pdf`, p.sessionB],
      ] as const) {
        const text = await fetchText(server, browser, path);
        expectAll(text, [p.own.summary], path);
        expectNone(
          text,
          [...all(p.other), ...therapistOnly(), ...safety(p.own), p.own.panel, p.own.chat, c.coupleSummary],
          path,
        );
      }
      const couple = await fetchText(server, p.caseB, `/api/me/summaries/${c.summaryIds.couple}.pdf`);
      expectAll(couple, [c.coupleSummary], 'the couple summary');
      expectNone(couple, [...all(p.other), ...therapistOnly(), ...safety(p.own), p.own.summary], 'the couple summary');
      // The other partner's summary is not theirs to download at all.
      expect((await p.caseB.request('GET', `/api/me/summaries/${p.otherSummary}.pdf`)).status).toBe(404);
    }
  });

  it("a partner's own pages (JSON under /api/me and /api/join) hold nothing of the other partner or the therapist", async () => {
    for (const p of partners()) {
      let text = '';
      for (const path of ['/api/me', '/api/me/policy', '/api/me/charts', '/api/me/follow-up', '/api/me/safety']) {
        text += await fetchText(server, p.caseB, path);
      }
      for (const path of ['', '/summaries', '/location', '/stop-signal', '/homework'].map(
        (x) => `/api/join/${c.liveSessionId}${x}`,
      )) {
        text += await fetchText(server, p.sessionB, path);
      }
      expectAll(text, [p.own.task, p.own.helped, p.own.location, p.own.address], `${p.name}'s pages`);
      expectNone(text, [...all(p.other), ...therapistOnly(), p.own.screening], `${p.name}'s pages`);
    }
  });

  it("the therapist's copy of a partner's summary PDF is exactly that partner's audience", async () => {
    for (const p of partners()) {
      const pid = p.name === 'Alex' ? c.ids.a : c.ids.b;
      const text = await fetchText(server, c.s.therapist, `/api/sessions/${c.s.sessionId}/summaries/${pid}.pdf`);
      expectAll(text, [p.own.summary], 'therapist copy');
      expectNone(
        text,
        [...all(p.other), ...therapistOnly(), ...safety(p.own), p.own.panel, p.own.chat],
        'therapist copy',
      );
    }
  });

  it("the therapist's record and progress PDFs are theirs alone: another therapist gets neither, and no other couple's data rides along", async () => {
    // Another couple of the same therapist, with its own progress note marker.
    const other = await otherCouple(c.s.therapist);
    const otherSession = await c.s.therapist.ok<{ session: { id: string } }>('POST', '/api/sessions', {
      coupleId: other.id,
      kind: 'joint',
    });
    await c.s.therapist.ok('PUT', `/api/sessions/${otherSession.session.id}/progress-note`, {
      format: 'dap',
      content: { fields: {}, sections: { data: 'ZQOTHERCOUPLE99' }, partners: [] },
    });
    const record = await fetchText(server, c.s.therapist, `/api/sessions/${c.s.sessionId}/record.pdf`);
    expectAll(record, [c.therapistMarks.note], 'record');
    expectNone(
      record,
      [
        'ZQOTHERCOUPLE99',
        ...all(c.alexMarks).filter((m) => m !== c.alexMarks.task),
        ...all(c.samMarks).filter((m) => m !== c.samMarks.task),
      ],
      'record',
    );
    const progress = await fetchText(server, c.s.therapist, `/api/couples/${c.s.couple.id}/progress.pdf`);
    expectAll(progress, ['Alex'], 'progress');
    expectNone(
      progress,
      [
        'ZQOTHERCOUPLE99',
        'Kim',
        c.alexMarks.panel,
        c.samMarks.panel,
        c.alexMarks.chat,
        c.samMarks.chat,
        c.alexMarks.screening,
        c.samMarks.screening,
      ],
      'progress',
    );
    const stranger = await addTherapist(server);
    for (const path of [`/api/sessions/${c.s.sessionId}/record.pdf`, `/api/couples/${c.s.couple.id}/progress.pdf`]) {
      expect([403, 404]).toContain((await stranger.request('GET', path)).status);
    }
  });

  it('rate limits the export per partner', async () => {
    // Alex exported once above: the rest of the window, then refused.
    const statuses: number[] = [];
    for (let i = 0; i < LIMITS.exportPerPartner.points; i++) {
      const res = await fetch(`${server.url}/api/me/export`, { headers: { cookie: c.alex.cookieHeader } });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([...Array(LIMITS.exportPerPartner.points - 1).fill(200), 429]);
  });
});
