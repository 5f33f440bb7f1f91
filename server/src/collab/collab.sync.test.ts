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
import {
  addCard,
  collabClient,
  firstCloseCode,
  labelOf,
  setLabel,
  synced,
  waitFor,
  type CollabClient,
} from '../test/collab.js';

const nodes = (doc: Y.Doc) => doc.getMap<unknown>('nodes');

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
    addCard(a.doc, 'both', 'a', 'first');
    await waitFor(() => labelOf(t.doc, 'both') === 'first', 5000, 'relay');
    for (let i = 0; i < 20; i++) {
      addCard(t.doc, `t${i}`, 'shared', `therapist ${i}`);
      addCard(a.doc, `a${i}`, 'a', `alex ${i}`);
      addCard(b.doc, `b${i}`, 'b', `sam ${i}`);
      setLabel([t, a][i % 2]!.doc, 'both', `last writer ${i}`); // the therapist and Alex on the same card
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
    addCard(a.doc, 'before', 'a', 'ok');
    await waitFor(() => labelOf(t.doc, 'before') === 'ok', 5000, 'unlocked edit');

    const lockSeen = nextEvent<{ locked: boolean }>(sockets[1]!, 'map:lock', (v) => v.locked);
    expect(await call(therapistSocket, 'map:lock', { locked: true })).toEqual({ ok: true, data: { locked: true } });
    await lockSeen;
    addCard(a.doc, 'sneaky', 'a', 'edit');
    nodes(a.doc).delete('before');
    nodes(t.doc).set('therapist', 'still edits');
    await waitFor(() => nodes(a.doc).get('therapist') === 'still edits', 5000, 'therapist edit');
    // Each of Alex's two updates is answered (refused) on his connection: the server has judged both.
    await waitFor(() => a.denied() >= 2, 5000, 'both refusals');
    const serverDoc = server.collab.loadedDoc(mapDoc)!;
    expect(nodes(serverDoc).get('sneaky')).toBeUndefined();
    expect(labelOf(serverDoc, 'before')).toBe('ok');
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
    // A fresh client of Alex's (as ours starts again after a refusal) connects without being refused, and
    // edits again once the therapist unlocks.
    const a2 = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await synced(a2);
    expect(a2.provider.wsconnected).toBe(true);
    expect(labelOf(a2.doc, 'before')).toBe('ok');
    expect(await call(therapistSocket, 'map:lock', { locked: false })).toEqual({ ok: true, data: { locked: false } });
    addCard(a2.doc, 'after', 'a', 'unlocked again');
    await waitFor(() => labelOf(t.doc, 'after') === 'unlocked again', 5000, 'edit after unlock');
  });

  it('lets a partner add and edit only on their own side: the server refuses the rest, the doc unchanged', async () => {
    await everyoneAdmitted();
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const a = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    const b = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(a), synced(b)]);
    addCard(t.doc, 'alex1', 'a', 'Alex asks');
    addCard(t.doc, 'sam1', 'b', 'Sam goes quiet');
    await waitFor(() => labelOf(a.doc, 'sam1') === 'Sam goes quiet' && labelOf(b.doc, 'alex1') === 'Alex asks');
    // Alex's stock client counts the server's permission-denied answers.
    let denied = 0;
    const auth = a.provider.messageHandlers[2]!;
    a.provider.messageHandlers[2] = (enc, dec, provider, emitSynced, type) => {
      if (dec.arr[dec.pos] === 0) denied++;
      else auth(enc, dec, provider, emitSynced, type);
    };
    setLabel(a.doc, 'sam1', 'Sam is cold'); // Sam's card
    addCard(a.doc, 'onSams', 'b', 'put on Sam’s side');
    nodes(a.doc).delete('sam1');
    await waitFor(() => denied === 3, 5000, 'three refusals');
    // Every later edit of that Yjs client builds on the refused ones: our client starts again from the server.
    a.destroy();
    const a2 = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await synced(a2);
    expect(labelOf(a2.doc, 'sam1')).toBe('Sam goes quiet');
    setLabel(a2.doc, 'alex1', 'Alex asks again'); // his own: goes through
    addCard(a2.doc, 'alex2', 'a', 'Alex feels alone');
    await waitFor(
      () => labelOf(b.doc, 'alex1') === 'Alex asks again' && labelOf(b.doc, 'alex2') === 'Alex feels alone',
    );
    // Sam's own edit of his card still goes through.
    setLabel(b.doc, 'sam1', 'Sam needs a break');
    await waitFor(() => labelOf(t.doc, 'sam1') === 'Sam needs a break');
    const serverDoc = server.collab.loadedDoc(mapDoc)!;
    for (const d of [serverDoc, t.doc, b.doc]) {
      expect(labelOf(d, 'sam1')).toBe('Sam needs a break');
      expect(nodes(d).has('onSams')).toBe(false);
    }
    // A fresh joiner (from storage after everyone leaves) sees the same.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => server.collab.stats().docs === 0, 5000, 'unload');
    const fresh = client(server.url, mapDoc, { browser: s.therapist });
    await synced(fresh);
    expect(labelOf(fresh.doc, 'sam1')).toBe('Sam needs a break');
    expect(labelOf(fresh.doc, 'alex1')).toBe('Alex asks again');
    expect(nodes(fresh.doc).has('onSams')).toBe(false);
  });
});
