import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NOTE_FIELDS, docName, type ProgressNoteBody } from '@tandem/shared';
import { readPdf } from '../../test/pdf.js';
import { DB_KINDS, addTherapist, redeem, startTestServer, type TestServer } from '../../test/harness.js';
import { addCard, collabClient, synced, type CollabClient } from '../../test/collab.js';
import { admittedRoom, type Room } from '../../test/room.js';

const PSYCHOTHERAPY_MARKER = 'ZZ-PSYCHOTHERAPY-NOTE-91c2';
const NOTE_WORDS = 'Sam dijo «¿por qué?» y Alex añadió: the softer feeling underneath.';
const squash = (s: string) => s.replace(/\s+/g, ' ');

describe.each(DB_KINDS)('GET /api/sessions/:id/record.pdf (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clients: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await server.dispose();
  });

  it(
    'gives the owning therapist the record with the note and the practice’s name, never the psychotherapy notes',
    { timeout: 60_000 },
    async () => {
      const { s } = room;
      // The psychotherapy notes (the therapist's private notes of the session) hold a marker.
      const notes = collabClient(server.url, docName({ kind: 'notes', id: s.sessionId }), {
        browser: s.therapist,
        sessionId: s.sessionId,
      });
      const map = collabClient(server.url, docName({ kind: 'map', id: s.couple.id }), {
        browser: s.therapist,
        sessionId: s.sessionId,
      });
      clients.push(notes, map);
      await Promise.all([synced(notes), synced(map)]);
      for (const f of NOTE_FIELDS) notes.doc.getText(f).insert(0, `${PSYCHOTHERAPY_MARKER} ${f}`);
      addCard(map.doc, 'card-1', 'a', 'Alex se calla');
      await server.collabStore.drain();
      await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);

      const [a, b] = s.couple.partners;
      const note: ProgressNoteBody = {
        format: 'dap',
        content: {
          fields: { task: 'Una pausa al día' },
          sections: { data: NOTE_WORDS, plan: 'Review next week' },
          partners: [
            { partnerId: a!.id, presentation: 'Calm', riskLevel: 'none', riskNote: '' },
            { partnerId: b!.id, presentation: 'Tearful', riskLevel: 'low', riskNote: '' },
          ],
        },
      };
      await s.therapist.ok('PUT', `/api/sessions/${s.sessionId}/progress-note`, note);
      await s.therapist.ok('PUT', '/api/account/practice', { practiceName: '  Consulta Núñez  ' });
      expect(await s.therapist.ok('GET', '/api/account/practice')).toEqual({ practiceName: 'Consulta Núñez' });

      const res = await fetch(`${server.url}/api/sessions/${s.sessionId}/record.pdf?lang=es&tz=America/Mexico_City`, {
        headers: { cookie: s.therapist.cookieHeader, origin: server.url },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/pdf');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(res.headers.get('content-disposition')).toMatch(
        /^attachment; filename="session-record-\d{4}-\d{2}-\d{2}\.pdf"$/,
      );
      const bytes = new Uint8Array(await res.arrayBuffer());
      const read = await readPdf(bytes);
      const text = squash(read.text);
      expect(text).toContain(squash(NOTE_WORDS));
      expect(text).toContain('Una pausa al día');
      expect(text).toContain('Consulta Núñez');
      expect(text).toContain('Borrador — sin firmar');
      expect(text).toContain('Horas en America/Mexico_City.');
      expect(text).toContain('Alex se calla');
      expect(read.info['Language']).toBe('es');
      // The psychotherapy notes are nowhere: not in the text, not in any (inflated) byte of the file.
      expect(text).not.toContain(PSYCHOTHERAPY_MARKER);
      expect(read.raw).not.toContain(PSYCHOTHERAPY_MARKER);
      expect(Buffer.from(bytes).toString('latin1')).not.toContain(PSYCHOTHERAPY_MARKER);

      // Signed: the label changes. The export is in the audit log.
      await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/progress-note/sign`);
      const signed = await fetch(`${server.url}/api/sessions/${s.sessionId}/record.pdf`, {
        headers: { cookie: s.therapist.cookieHeader, origin: server.url },
      });
      const signedText = squash((await readPdf(new Uint8Array(await signed.arrayBuffer()))).text);
      expect(signedText).toContain('Signed by Dr Rivera');
      expect(signedText).not.toContain('Draft');
      const audit = await server.ctx.db
        .selectFrom('audit_log')
        .selectAll()
        .where('action', '=', 'record.pdf')
        .execute();
      expect(audit).toHaveLength(2);
    },
  );

  it('is refused to partners and other therapists without telling whether the session exists, and to bad queries', async () => {
    const { s } = room;
    await s.therapist.ok('PUT', `/api/sessions/${s.sessionId}/progress-note`, {
      format: 'dap',
      content: { fields: { task: PSYCHOTHERAPY_MARKER }, sections: {}, partners: [] },
    } satisfies ProgressNoteBody);
    await redeem(s.partnerB, s.tokenOf(1));
    const other = await addTherapist(server);
    const missing = crypto.randomUUID();
    for (const who of [s.partnerA, s.partnerB, other]) {
      const statuses: number[] = [];
      for (const id of [s.sessionId, missing]) {
        const res = await fetch(`${server.url}/api/sessions/${id}/record.pdf`, {
          headers: { cookie: who.cookieHeader, origin: server.url },
        });
        const body = await res.text();
        expect(body).not.toContain(PSYCHOTHERAPY_MARKER);
        expect(body).not.toContain('%PDF');
        statuses.push(res.status);
      }
      // The same answer for this session and for one that does not exist.
      expect(statuses[0]).toBe(statuses[1]);
      expect([401, 403, 404]).toContain(statuses[0]);
    }
    for (const query of ['lang=fr', 'tz=Mars/Olympus', 'tz=../../etc', 'x=1', `tz=${'A'.repeat(80)}`]) {
      const res = await s.therapist.request('GET', `/api/sessions/${s.sessionId}/record.pdf?${query}`);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    for (const practiceName of ['x'.repeat(121), 'bidi \u202e', 42]) {
      const res = await s.therapist.request('PUT', '/api/account/practice', { practiceName });
      expect(res.status).toBe(400);
    }
    expect(await s.therapist.ok('GET', '/api/account/practice')).toEqual({ practiceName: '' });
  });
});

describe('the PDF’s rate limit', () => {
  it('refuses a therapist past 30 PDF requests a minute with RATE_LIMITED, counted before any work', async () => {
    const server = await startTestServer();
    try {
      const room = await admittedRoom(server);
      room.close();
      // Requests for a session that does not exist cost as much of the limit as real ones (and no PDF is built).
      const url = `${server.url}/api/sessions/${crypto.randomUUID()}/record.pdf`;
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) {
        const res = await fetch(url, { headers: { cookie: room.s.therapist.cookieHeader } });
        statuses.push(res.status);
        if (res.status === 429) expect(await res.json()).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
        else await res.arrayBuffer();
      }
      expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
      expect(statuses[30]).toBe(429);
      const real = await fetch(`${server.url}/api/sessions/${room.s.sessionId}/record.pdf`, {
        headers: { cookie: room.s.therapist.cookieHeader },
      });
      expect(real.status).toBe(429);
    } finally {
      await server.dispose();
    }
  });
});
