import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName, type CreatedSessionDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  tokenFromUrl,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../test/harness.js';
import { admittedRoom } from '../test/room.js';
import { collabClient, firstCloseCode, synced, waitFor, type CollabClient } from '../test/collab.js';

const nodes = (doc: Y.Doc) => doc.getMap<string>('nodes');

describe.each(DB_KINDS)('collab sync endpoint (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let mapDoc: string;
  const clients: CollabClient[] = [];
  const sockets: ClientSocket[] = [];
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };

  /** Therapist in the room, both partners redeemed, connected and admitted. */
  async function everyoneAdmitted(): Promise<void> {
    const room = await admittedRoom(server, s);
    sockets.push(room.therapist, room.partnerA, room.partnerB);
  }

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    mapDoc = docName({ kind: 'map', id: s.couple.id });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('three stock clients converge on concurrent edits, and a late joiner gets the whole map', async () => {
    await everyoneAdmitted();
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const a = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    const b = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(a), synced(b)]);
    for (let i = 0; i < 20; i++) {
      nodes(t.doc).set(`t${i}`, `therapist ${i}`);
      nodes(a.doc).set(`a${i}`, `alex ${i}`);
      nodes(b.doc).set(`b${i}`, `sam ${i}`);
      nodes([t, a, b][i % 3]!.doc).set('shared', `last writer ${i}`);
    }
    await waitFor(() => [t, a, b].every((c) => nodes(c.doc).size === 61), 5000, 'convergence');
    const json = nodes(t.doc).toJSON();
    expect(nodes(a.doc).toJSON()).toEqual(json);
    expect(nodes(b.doc).toJSON()).toEqual(json);

    const late = client(server.url, mapDoc, { browser: s.therapist });
    await synced(late);
    expect(nodes(late.doc).toJSON()).toEqual(json);
  });

  it('keeps the map after everyone leaves: a later joiner loads it from storage', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    await synced(t);
    for (let i = 0; i < 700; i++) nodes(t.doc).set(`n${i % 50}`, `v${i}`); // enough to trigger a compaction
    const seen = client(server.url, mapDoc, { browser: s.therapist });
    await waitFor(() => nodes(seen.doc).get('n49') === 'v699', 5000, 'relay');
    t.destroy();
    seen.destroy();
    await waitFor(() => server.collab.stats().docs === 0, 5000, 'unload');
    const again = client(server.url, mapDoc, { browser: s.therapist });
    await synced(again);
    expect(nodes(again.doc).get('n0')).toBe('v650');
    expect(nodes(again.doc).size).toBe(50);
    const snap = await server.ctx.db.selectFrom('collab_snapshots').select('doc_name').execute();
    expect(snap.map((r) => r.doc_name)).toContain(mapDoc);
  });

  it('refuses a partner on the other partner’s individual board (4403), strangers (4401) and forged names (4403)', async () => {
    const [alex, sam] = s.couple.partners;
    const individual = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'individual',
      partnerId: alex!.id,
    });
    await everyoneAdmitted();
    // Sam, admitted to the joint session, tries Alex's individual board.
    const samOnAlexBoard = client(server.url, docName({ kind: 'board', id: alex!.id }), {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(samOnAlexBoard)).toBe(4403);
    // Sam cannot open his own board through the joint session either: it belongs to an individual session.
    const samBoard = client(server.url, docName({ kind: 'board', id: sam!.id }), {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(samBoard)).toBe(4403);
    // Alex's own individual session: admitted there, the board opens.
    const alexIndividual = new Browser(server.url);
    await redeem(alexIndividual, tokenFromUrl(individual.invites[0]!.url));
    const therapistSocket = await connectSocket(s.therapist, individual.session.id);
    sockets.push(therapistSocket, await connectSocket(alexIndividual, individual.session.id));
    await call(therapistSocket, 'lobby:admit', { partnerId: alex!.id });
    const alexBoard = client(server.url, docName({ kind: 'board', id: alex!.id }), {
      browser: alexIndividual,
      sessionId: individual.session.id,
    });
    await synced(alexBoard);
    // ...but not the couple's map through the individual session.
    const alexMapViaIndividual = client(server.url, mapDoc, {
      browser: alexIndividual,
      sessionId: individual.session.id,
    });
    expect(await firstCloseCode(alexMapViaIndividual)).toBe(4403);

    const stranger = client(server.url, mapDoc, { browser: new Browser(server.url), sessionId: s.sessionId });
    expect(await firstCloseCode(stranger)).toBe(4401);
    const forged = client(server.url, `map.${s.couple.id}/../board.${alex!.id}`, {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(forged)).toBe(4403);
    const forged2 = client(server.url, 'notes.everything', { browser: s.therapist });
    expect(await firstCloseCode(forged2)).toBe(4403);
  });

  it('refuses a waiting partner, and closes partners’ connections when the session ends', async () => {
    const therapist = await connectSocket(s.therapist, s.sessionId);
    sockets.push(therapist);
    await redeem(s.partnerA, s.tokenOf(0));
    sockets.push(await connectSocket(s.partnerA, s.sessionId));
    const waiting = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    expect(await firstCloseCode(waiting)).toBe(4403);
    await call(therapist, 'lobby:admit', { partnerId: s.couple.partners[0]!.id });
    const admitted = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await synced(admitted);
    await call(therapist, 'session:end', {});
    expect(await firstCloseCode(admitted)).toBe(4410);
  });

  it('refuses a partner’s updates while the therapist has the map locked, and keeps the doc unchanged', async () => {
    await everyoneAdmitted();
    const therapistSocket = sockets[0]!;
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const a = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(a)]);
    nodes(a.doc).set('before', 'ok');
    await waitFor(() => nodes(t.doc).get('before') === 'ok', 5000, 'unlocked edit');

    const lockSeen = nextEvent<{ locked: boolean }>(sockets[1]!, 'map:lock', (v) => v.locked);
    expect(await call(therapistSocket, 'map:lock', { locked: true })).toEqual({ ok: true, data: { locked: true } });
    await lockSeen;
    nodes(a.doc).set('sneaky', 'edit');
    nodes(a.doc).delete('before');
    nodes(t.doc).set('therapist', 'still edits');
    await waitFor(() => nodes(a.doc).get('therapist') === 'still edits', 5000, 'therapist edit');
    await new Promise((r) => setTimeout(r, 200));
    const serverDoc = server.collab.loadedDoc(mapDoc)!;
    expect(nodes(serverDoc).get('sneaky')).toBeUndefined();
    expect(nodes(serverDoc).get('before')).toBe('ok');
    expect(nodes(t.doc).get('sneaky')).toBeUndefined();
    const stored = await server.ctx.db
      .selectFrom('collab_updates')
      .select('id')
      .where('doc_name', '=', mapDoc)
      .execute();
    const fresh = client(server.url, mapDoc, { browser: s.therapist });
    await synced(fresh);
    expect(nodes(fresh.doc).get('sneaky')).toBeUndefined();
    expect(stored.length).toBeGreaterThan(0);

    expect(await call(sockets[1]!, 'map:lock', { locked: false })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });
});
