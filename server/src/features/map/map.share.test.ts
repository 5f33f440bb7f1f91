import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { docName } from '@tandem/shared';
import {
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { collabClient, synced, waitFor, type CollabClient } from '../../test/collab.js';

const cards = (doc: Y.Doc) => [...doc.getMap<Y.Map<unknown>>('nodes').values()].map((m) => m.toJSON());

describe.each(DB_KINDS)('share with the room, done by the server (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let room: Room;
  let mapDoc: string;
  const clients: CollabClient[] = [];
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };

  /** Alex writes into his own panel, and the server has it. */
  async function alexWrites(hear: string): Promise<void> {
    const alexId = s.couple.partners[0]!.id;
    const panel = client(server.url, docName({ kind: 'panel', id: alexId }), {
      browser: s.partnerA,
      sessionId: s.sessionId,
    });
    await synced(panel);
    const text = new Y.Text(hear);
    panel.doc.getMap('prep').set('hear', text);
    const name = docName({ kind: 'panel', id: alexId });
    await waitFor(() => server.collab.loadedDoc(name)?.getMap('prep').get('hear')?.toString() === hear);
  }

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    room = await admittedRoom(server, s);
    mapDoc = docName({ kind: 'map', id: s.couple.id });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await server.dispose();
  });

  it('refuses a share while the map is locked, and nothing reaches the map or its storage', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const b = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(b)]);
    await alexWrites('I miss you');
    const lockSeen = nextEvent(room.partnerA, 'map:lock');
    await call(room.therapist, 'map:lock', { locked: true });
    await lockSeen;
    const res = await call(room.partnerA, 'map:share', { field: 'hear', text: 'I miss you' });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    for (const d of [t.doc, b.doc]) expect(cards(d)).toEqual([]);
    expect(cards(server.collab.loadedDoc(mapDoc)!)).toEqual([]);
    const rows = await server.ctx.db.selectFrom('collab_updates').select('id').where('doc_name', '=', mapDoc).execute();
    expect(rows).toEqual([]);
    const audit = await server.ctx.db.selectFrom('audit_log').select('id').where('action', '=', 'map.share').execute();
    expect(audit).toEqual([]);
  });

  it("puts the card on the sharer's side for the therapist and the other partner, and audits it with ids only", async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const b = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(b)]);
    await alexWrites('I miss you');
    const res = await call<{ cardId: string }>(room.partnerA, 'map:share', { field: 'hear', text: ' I miss you ' });
    expect(res.ok).toBe(true);
    const cardId = res.ok ? res.data.cardId : '';
    for (const d of [t.doc, b.doc]) {
      await waitFor(() => d.getMap<Y.Map<unknown>>('nodes').has(cardId), 5000, 'the shared card');
      expect(d.getMap<Y.Map<unknown>>('nodes').get(cardId)?.toJSON()).toMatchObject({
        kind: 'note',
        side: 'a',
        label: 'I miss you',
      });
    }
    // Stored before the ack: a fresh joiner after everyone left still sees it.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server.collab.stats().docs === 0, 5000, 'unload');
    const fresh = client(server.url, mapDoc, { browser: s.therapist });
    await synced(fresh);
    expect(fresh.doc.getMap<Y.Map<unknown>>('nodes').get(cardId)?.get('label')).toBe('I miss you');
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'map.share')
      .executeTakeFirstOrThrow();
    expect(audit).toMatchObject({
      actor_type: 'partner',
      actor_id: s.couple.partners[0]!.id,
      session_id: s.sessionId,
      target_id: cardId,
    });
    expect(JSON.stringify(audit)).not.toContain('miss');
  });

  it("refuses words that are not in the sharer's own panel, a share as the other partner or into another couple's map", async () => {
    await alexWrites('I miss you');
    // Sam's panel does not hold Alex's words: Sam cannot share them (nor can he name Alex).
    expect(await call(room.partnerB, 'map:share', { field: 'hear', text: 'I miss you' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    const other = await jointSessionScenario(server);
    for (const extra of [{ partnerId: s.couple.partners[1]!.id }, { coupleId: other.couple.id }]) {
      expect(await call(room.partnerA, 'map:share', { field: 'hear', text: 'I miss you', ...extra })).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(await call(room.partnerA, 'map:share', { field: 'notes', text: 'I miss you' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await call(room.therapist, 'map:share', { field: 'hear', text: 'I miss you' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const couple of [s.couple.id, other.couple.id]) {
      const size = await server.collab.withDoc(docName({ kind: 'map', id: couple }), (d) => d.getMap('nodes').size);
      expect(size).toBe(0);
    }
  });

  it('refuses a partner who is still in the waiting room', async () => {
    const other = await jointSessionScenario(server);
    await redeem(other.partnerA, other.tokenOf(0));
    const waiting = await connectSocket(other.partnerA, other.sessionId);
    try {
      expect(await call(waiting, 'map:share', { field: 'hear', text: 'hello' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    } finally {
      waiting.close();
    }
  });
});
