/**
 * The export a clinician or the owner makes of one partner: the archive (every file, byte-searched) and its PDF
 * (pdftotext) hold every marker of that partner, the couple's map, and nothing of the other partner's private data
 * or the clinician's own notes. Refused to another therapist, a partner and nobody. SQLite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docName } from '@tandem/shared';
import { strFromU8, unzipSync } from 'fflate';
import { DB_KINDS, addTherapist, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { addCard } from '../../test/collab.js';
import { seedCase, type PartnerMarks, type SeededCase } from '../exports/exportsSeed.js';
import { unpackExport } from './clientDataTest.js';

const MAP_MARK = 'ZQSHAREDMAP77';
const all = (m: PartnerMarks) => Object.values(m).filter((v) => v !== '');

async function download(server: TestServer, who: Browser | null, path: string): Promise<Response> {
  return fetch(server.url + path, { headers: who ? { cookie: who.cookieHeader, origin: server.url } : {} });
}

describe.each(DB_KINDS)("a partner's data export by their clinician or the owner (%s)", (db) => {
  let server: TestServer;
  let c: SeededCase;
  const exportPath = (partnerId: string) => `/api/couples/${c.s.couple.id}/partners/${partnerId}/export.zip`;

  beforeAll(async () => {
    server = await startTestServer({ db });
    c = await seedCase(server);
    await server.collab.withDoc(docName({ kind: 'map', id: c.s.couple.id }), (d) =>
      addCard(d, 'c1', 'shared', MAP_MARK),
    );
  });
  afterAll(async () => {
    await server.dispose();
  });

  it("holds everything of one partner and nothing of the other partner's private data, in the files and the PDF", async () => {
    for (const [id, own, other] of [
      [c.ids.a, c.alexMarks, c.samMarks],
      [c.ids.b, c.samMarks, c.alexMarks],
    ] as const) {
      const res = await download(server, c.s.therapist, exportPath(id));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('cache-control')).toBe('no-store');
      const { files, pdfText } = await unpackExport(new Uint8Array(await res.arrayBuffer()));
      expect(Object.keys(files)).toEqual(expect.arrayContaining(['README.txt', 'manifest.json', 'tandem-data.pdf']));
      const manifest = JSON.parse(files['manifest.json']!) as {
        subject: { partnerId: string };
        files: { path: string }[];
      };
      expect(manifest.subject.partnerId).toBe(id);
      const archive = Object.values(files).join('\n');
      for (const [what, text] of [
        ['archive', archive],
        ['pdf', pdfText],
      ] as const) {
        // Their own: panel, tasks, reflections, log, ratings, summary, chat, intake, screening answers, location.
        for (const m of [...all(own), MAP_MARK, c.coupleSummary]) expect(text, `${what} lacks ${m}`).toContain(m);
        for (const m of [...all(other), c.therapistMarks.note, c.therapistMarks.notesDoc]) {
          expect(text.includes(m), `${what} holds ${m}`).toBe(false);
        }
      }
    }
  });

  it('is audited as the clinician’s, with ids only', async () => {
    await download(server, c.s.therapist, exportPath(c.ids.a));
    const rows = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner.export_by_clinician')
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.at(-1)).toMatchObject({ actor_type: 'therapist', target_id: c.ids.a });
  });

  it('is refused to another clinician, a partner and nobody; the owner may export another clinician’s couple', async () => {
    const other = await addTherapist(server, `other-${db}@example.org`);
    expect((await download(server, other, exportPath(c.ids.a))).status).toBe(403);
    expect((await download(server, c.alex, exportPath(c.ids.a))).status).toBe(401);
    expect((await download(server, c.alexSession, exportPath(c.ids.b))).status).toBe(401);
    expect((await download(server, null, exportPath(c.ids.a))).status).toBe(401);
    // A partner id of another couple through this couple's path: not found.
    const theirs = await other.ok<{ id: string; partners: { id: string }[] }>('POST', '/api/couples', {
      name: 'Kim & Lee',
      policy: 'no-secrets',
      partners: [
        { displayName: 'Kim', language: 'es' },
        { displayName: 'Lee', language: 'en' },
      ],
    });
    expect(
      (
        await download(
          server,
          c.s.therapist,
          `/api/couples/${c.s.couple.id}/partners/${theirs.partners[0]!.id}/export.zip`,
        )
      ).status,
    ).toBe(404);
    // The owner (the practice's first account) exports the other clinician's couple: in the partner's language.
    const res = await download(
      server,
      c.s.therapist,
      `/api/couples/${theirs.id}/partners/${theirs.partners[0]!.id}/export.zip`,
    );
    expect(res.status).toBe(200);
    const readme = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['README.txt']!);
    expect(readme).toContain('Tandem: los datos de Kim');
  });
});
