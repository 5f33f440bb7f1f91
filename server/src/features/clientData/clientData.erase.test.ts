/**
 * Deleting a couple or one partner's data: afterwards no table (but the audit log, which keeps ids and counts) holds
 * anything of what went, the Yjs store has no row of its docs, their live connections closed, and the audit entry
 * carries counts only. SQLite and PostgreSQL.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName } from '@tandem/shared';
import { DB_KINDS, addTherapist, startTestServer, type TestServer } from '../../test/harness.js';
import { addCard, collabClient, firstCloseCode, synced } from '../../test/collab.js';
import { otherCouple, seedCase, type PartnerMarks, type SeededCase } from '../exports/exportsSeed.js';
import { tablesHolding } from './clientDataTest.js';
import { ERASED_TABLES } from './erasure.store.js';

const MAP_MARK = 'ZQSHAREDMAP78';
const all = (m: PartnerMarks) => Object.values(m).filter((v) => v !== '');

describe.each(DB_KINDS)("deleting a couple or a partner's data (%s)", (db) => {
  let server: TestServer;
  let c: SeededCase;

  beforeEach(async () => {
    server = await startTestServer({ db });
    c = await seedCase(server);
    await server.collab.withDoc(docName({ kind: 'map', id: c.s.couple.id }), (d) =>
      addCard(d, 'c1', 'shared', MAP_MARK),
    );
    await server.collabStore.drain();
  });
  afterEach(async () => {
    await server.dispose();
  });

  const docRows = async (names: string[]) =>
    (await server.ctx.db.selectFrom('collab_updates').select('doc_name').where('doc_name', 'in', names).execute())
      .length +
    (await server.ctx.db.selectFrom('collab_snapshots').select('doc_name').where('doc_name', 'in', names).execute())
      .length;

  it('a couple: every row in every table and every Yjs doc of it goes; live connections close; another couple stays', async () => {
    const keep = await otherCouple(c.s.therapist);
    const sessions = (
      await server.ctx.db.selectFrom('sessions').select('id').where('couple_id', '=', c.s.couple.id).execute()
    ).map((s) => s.id);
    const docs = [
      docName({ kind: 'map', id: c.s.couple.id }),
      docName({ kind: 'panel', id: c.ids.a }),
      docName({ kind: 'panel', id: c.ids.b }),
      ...sessions.map((id) => docName({ kind: 'notes', id })),
    ];
    expect(await docRows(docs)).toBeGreaterThan(0);
    // The therapist has the map open: the connection closes when the couple goes.
    const live = collabClient(server.url, docs[0]!, { browser: c.s.therapist, sessionId: c.liveSessionId });
    await synced(live);
    const wrong = await c.s.therapist.request('POST', `/api/couples/${c.s.couple.id}/erase`, {
      confirmName: 'Someone else',
    });
    expect(wrong.status).toBe(400);

    const done = await c.s.therapist.ok<{ rows: Record<string, number> }>(
      'POST',
      `/api/couples/${c.s.couple.id}/erase`,
      {
        confirmName: c.s.couple.name,
      },
    );
    expect(done.rows['couples']).toBe(1);
    expect(await firstCloseCode(live)).toBe(4403);
    live.destroy();
    expect(server.collab.loadedDoc(docs[0]!)).toBeUndefined();
    expect(await docRows(docs)).toBe(0);
    const ids = [c.s.couple.id, c.ids.a, c.ids.b, ...sessions];
    const markers = [
      ...all(c.alexMarks),
      ...all(c.samMarks),
      c.therapistMarks.note,
      c.therapistMarks.notesDoc,
      c.coupleSummary,
      MAP_MARK,
    ];
    expect(await tablesHolding(server.ctx.db, [...ids, ...markers])).toEqual([]);
    // The other couple is untouched; the partners' cookies no longer open anything.
    expect((await c.s.therapist.ok<{ id: string }[]>('GET', '/api/couples')).map((x) => x.id)).toEqual([keep.id]);
    expect((await c.alex.request('GET', '/api/me')).status).toBe(401);
    // The audit entry: who, which couple, counts; never a name or content.
    const entry = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'couple.delete')
      .executeTakeFirstOrThrow();
    expect(entry.target_id).toBe(c.s.couple.id);
    expect(JSON.parse(entry.detail ?? '{}')).toMatchObject({ couples: 1, partners: 2 });
    const audit = JSON.stringify(await server.ctx.db.selectFrom('audit_log').selectAll().execute());
    for (const m of [...markers, c.s.couple.name]) expect(audit.includes(m), m).toBe(false);
  });

  it("a partner: their private data, answers, grants, devices and chat go; the other partner's data and the shared map stay", async () => {
    const panel = docName({ kind: 'panel', id: c.ids.a });
    const live = collabClient(server.url, panel, { browser: c.alexSession, sessionId: c.liveSessionId });
    await server.collab.withDoc(panel, () => undefined);
    await c.s.therapist.ok('POST', `/api/couples/${c.s.couple.id}/partners/${c.ids.a}/erase`, { confirmName: 'alex' });
    expect(await tablesHolding(server.ctx.db, all(c.alexMarks))).toEqual([]);
    expect(await docRows([panel])).toBe(0);
    expect(server.collab.loadedDoc(panel)).toBeUndefined();
    const left = (await tablesHolding(server.ctx.db, [...all(c.samMarks), MAP_MARK])).map((s) => s.split(': ')[1]);
    expect(new Set(left)).toEqual(new Set([...all(c.samMarks), MAP_MARK]));
    expect((await c.alex.request('GET', '/api/me')).status).toBe(401);
    expect((await c.sam.request('GET', '/api/me')).status).toBe(200);
    live.destroy();
    const entry = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner.data_delete')
      .executeTakeFirstOrThrow();
    expect(entry.target_id).toBe(c.ids.a);
  });

  it('is refused to another clinician, a partner and nobody, and changes nothing', async () => {
    const other = await addTherapist(server, `other-${db}@example.org`);
    const body = { confirmName: c.s.couple.name };
    expect((await other.request('POST', `/api/couples/${c.s.couple.id}/erase`, body)).status).toBe(403);
    expect(
      (await other.request('POST', `/api/couples/${c.s.couple.id}/partners/${c.ids.a}/erase`, { confirmName: 'Alex' }))
        .status,
    ).toBe(403);
    expect((await c.alex.request('POST', `/api/couples/${c.s.couple.id}/erase`, body)).status).toBe(401);
    expect(
      (
        await c.samSession.request('POST', `/api/couples/${c.s.couple.id}/partners/${c.ids.a}/erase`, {
          confirmName: 'Alex',
        })
      ).status,
    ).toBe(401);
    expect(
      (await c.s.therapist.request('POST', `/api/couples/${c.s.couple.id}/erase`, { confirmName: 'x'.repeat(500) }))
        .status,
    ).toBe(400);
    expect((await tablesHolding(server.ctx.db, [c.alexMarks.panel, c.samMarks.chat])).length).toBeGreaterThan(0);
  });

  it('names every table that holds couple data', async () => {
    const tables = (await server.ctx.db.introspection.getTables()).map((t) => t.name);
    const notCouple = [
      'therapists',
      'first_run',
      'auth_sessions',
      'recovery_codes',
      'audit_log',
      'scripts',
      'instruments',
      'collab_updates',
      'collab_snapshots',
      'retention_settings',
      'job_claims',
      'password_resets',
      'practice',
      'staff_invites',
    ];
    const expected = tables.filter((t) => !t.startsWith('kysely_') && !notCouple.includes(t));
    expect([...ERASED_TABLES].sort()).toEqual(expected.sort());
  });
});
