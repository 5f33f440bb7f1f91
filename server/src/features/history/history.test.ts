/**
 * The couple's history: every session with the map kept when it ended, and two sessions' maps compared (added,
 * edited, removed, in either order), as JSON and as a PDF; therapist-only, validated, on SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName, type CoupleHistoryDto, type CreatedSessionDto, type MapCompareDto } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  call,
  connectSocket,
  jointSessionScenario,
  redeem,
  startTestServer,
  tokenFromUrl,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { addCard, collabClient, labelOf, setLabel, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { readPdf, structNodes } from '../../test/pdf.js';

describe.each(DB_KINDS)('the couple’s history of maps (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let first: string;
  let second: string;
  let upcoming: string;
  let upcomingLink: string;
  let t: CollabClient;

  const ended = async (sessionId: string) => {
    await server.collabStore.drain();
    const socket = await connectSocket(s.therapist, sessionId);
    try {
      await call(socket, 'session:hello', {});
      expect(await call(socket, 'session:end', {})).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  };

  beforeAll(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    first = s.sessionId;
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    t = collabClient(server.url, mapDoc, { browser: s.therapist });
    await synced(t);
    // The first session: three cards.
    addCard(t.doc, 'ask', 'a', 'Alex asks to talk');
    addCard(t.doc, 'quiet', 'b', 'Sam goes quiet');
    addCard(t.doc, 'door', 'b', 'Sam leaves the room');
    await waitFor(() => labelOf(server.collab.loadedDoc(mapDoc)!, 'door') === 'Sam leaves the room');
    await ended(first);
    // The second: one card's words change, one goes, one comes; a move alone is not a change.
    const next = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      title: 'Second session',
    });
    second = next.session.id;
    setLabel(t.doc, 'quiet', 'Sam goes quiet, heart racing');
    t.doc.getMap('nodes').delete('door');
    addCard(t.doc, 'fear', 'a', 'Afraid of being alone');
    await waitFor(() => labelOf(server.collab.loadedDoc(mapDoc)!, 'fear') === 'Afraid of being alone');
    await ended(second);
    const later = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    upcoming = later.session.id;
    upcomingLink = later.invites[0]!.url;
  }, 60_000);
  afterAll(async () => {
    t.destroy();
    await server.dispose();
  });

  const base = () => `/api/couples/${s.couple.id}/history`;

  it('lists every session newest first, each ended one with the map kept when it ended', async () => {
    const h = await s.therapist.ok<CoupleHistoryDto>('GET', base());
    expect(h.coupleName).toBe('Alex & Sam');
    expect(h.sessions.map((x) => x.id)).toEqual([upcoming, second, first]);
    expect(h.sessions.map((x) => [x.status, x.map?.docName ?? null])).toEqual([
      ['scheduled', null],
      ['ended', docName({ kind: 'map', id: s.couple.id })],
      ['ended', docName({ kind: 'map', id: s.couple.id })],
    ]);
  });

  it('compares two sessions’ maps: added, edited (with the words before) and removed, in the order asked', async () => {
    const c = await s.therapist.ok<MapCompareDto>('GET', `${base()}/compare?from=${first}&to=${second}`);
    expect(c.from.nodes.map((n) => n.label).sort()).toEqual([
      'Alex asks to talk',
      'Sam goes quiet',
      'Sam leaves the room',
    ]);
    expect(c.to.nodes.map((n) => n.label).sort()).toEqual([
      'Afraid of being alone',
      'Alex asks to talk',
      'Sam goes quiet, heart racing',
    ]);
    expect(c.added.map((x) => x.id)).toEqual(['fear']);
    expect(c.edited).toEqual([
      { id: 'quiet', kind: 'action', side: 'b', label: 'Sam goes quiet, heart racing', before: 'Sam goes quiet' },
    ]);
    expect(c.removed.map((x) => x.id)).toEqual(['door']);
    const back = await s.therapist.ok<MapCompareDto>('GET', `${base()}/compare?from=${second}&to=${first}`);
    expect([back.added.map((x) => x.id), back.removed.map((x) => x.id)]).toEqual([['door'], ['fear']]);
    expect(back.edited[0]).toMatchObject({ label: 'Sam goes quiet', before: 'Sam goes quiet, heart racing' });
  });

  it('prints the comparison as a tagged PDF: both maps as figures, the changes in words, in Spanish', async () => {
    const res = await fetch(`${server.url}${base()}/compare.pdf?from=${first}&to=${second}&lang=es&tz=Europe/Madrid`, {
      headers: { cookie: s.therapist.cookieHeader },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const read = await readPdf(new Uint8Array(await res.arrayBuffer()));
    const text = read.text.replace(/\s+/g, ' ');
    expect(read.info['Language']).toBe('es');
    expect(text).toContain('Qué cambió de «Sesión sin título» a «Second session»');
    expect(text).toContain('Nuevas (1)');
    expect(text).toContain('antes: Sam goes quiet');
    const figures = read.pages.flatMap((p) => structNodes(p.struct)).filter((n) => n.role === 'Figure');
    expect(figures).toHaveLength(2);
    expect(figures[1]?.alt).toContain('Afraid of being alone');
  }, 60_000);

  it('refuses bad queries, a session without a kept map, a partner and another therapist', async () => {
    for (const q of [
      `from=${first}`,
      `from=${first}&to=${first}`,
      `from=x&to=${second}`,
      `from=${first}&to=${second}&y=1`,
    ]) {
      const res = await s.therapist.request('GET', `${base()}/compare?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    for (const other of [upcoming, crypto.randomUUID()]) {
      const res = await s.therapist.request('GET', `${base()}/compare?from=${first}&to=${other}`);
      expect(res.status).toBe(404);
      expect(res.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    }
    // A partner with a live link of this couple: FORBIDDEN, as is another therapist.
    await redeem(s.partnerA, tokenFromUrl(upcomingLink));
    for (const path of [base(), `${base()}/compare?from=${first}&to=${second}`]) {
      const res = await s.partnerA.request('GET', path);
      expect(res.status, path).toBe(403);
    }
    const stranger = await addTherapist(server);
    for (const path of [base(), `${base()}/compare?from=${first}&to=${second}`]) {
      const res = await stranger.request('GET', path);
      expect(res.body, path).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['history.view', 'history.pdf'])
      .execute();
    expect(new Set(audit.map((a) => a.action))).toEqual(new Set(['history.view', 'history.pdf']));
  });
});
