/**
 * Issue 11, item 1: an admitted partner tried to make shared docs unopenable for everyone with updates and
 * awareness states just under the old 4 MB frame cap. Each is refused by name, changes nothing, and the docs
 * stay openable for the therapist and the other partner.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { CloseCode, docName } from '@tandem/shared';
import { DB_KINDS, jointSessionScenario, startTestServer, type Scenario, type TestServer } from '../test/harness.js';
import { admittedRoom, type Room } from '../test/room.js';
import { addCard, collabClient, labelOf, synced, waitFor, type CollabClient } from '../test/collab.js';
import { awarenessFrame, cardUpdate, rawClient, sendUntilClosed, updateFrame } from '../test/collabWire.js';

const MB = 1024 * 1024;
const nodes = (doc: Y.Doc) => doc.getMap<unknown>('nodes');

describe.each(DB_KINDS)('a bloated doc stays openable (%s)', (db) => {
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
  const storedRows = async (doc: string) =>
    (await server.ctx.db.selectFrom('collab_updates').select('id').where('doc_name', '=', doc).execute()).length;
  const query = () => `?session=${s.sessionId}`;

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

  /** The therapist and the other partner (Sam) open the doc fresh and see `check` hold. */
  async function openableForTherapistAndSam(doc: string, check: (d: Y.Doc) => boolean): Promise<void> {
    const t = client(server.url, doc, { browser: s.therapist });
    const sam = doc === mapDoc ? client(server.url, doc, { browser: s.partnerB, sessionId: s.sessionId }) : null;
    await synced(t);
    expect(check(t.doc)).toBe(true);
    if (sam) {
      await synced(sam);
      expect(check(sam.doc)).toBe(true);
    }
  }

  it('refuses six 3.4 MB card labels on the partner’s own side with MESSAGE_TOO_LARGE, and the map stays openable', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    await synced(t);
    addCard(t.doc, 'before', 'shared', 'what happened');
    await waitFor(() => server.collab.loadedDoc(mapDoc)?.getMap('nodes').has('before') === true);
    await server.collabStore.drain();
    const rowsBefore = await storedRows(mapDoc);

    const codes: number[] = [];
    for (let i = 0; i < 6; i++) {
      const big = cardUpdate(`big${i}`, 'a', 'x'.repeat(3.4 * MB));
      codes.push(await sendUntilClosed(server.url, mapDoc, s.partnerA, [updateFrame(big)], query()));
    }
    expect(codes).toEqual(Array(6).fill(CloseCode.MESSAGE_TOO_LARGE));
    // Alex's own app, a stock provider: refused once, and it does not come back to resend it.
    const alex = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await synced(alex);
    addCard(alex.doc, 'bigStock', 'a', 'y'.repeat(3.4 * MB));
    await waitFor(() => alex.closeCodes.length > 0);

    await openableForTherapistAndSam(mapDoc, (d) => labelOf(d, 'before') === 'what happened');
    expect(alex.closeCodes).toEqual([CloseCode.MESSAGE_TOO_LARGE]);
    expect(alex.provider.shouldConnect).toBe(false);
    // Nothing was applied, relayed or stored.
    const serverDoc = server.collab.loadedDoc(mapDoc)!;
    expect([...nodes(serverDoc).keys()]).toEqual(['before']);
    expect([...nodes(t.doc).keys()]).toEqual(['before']);
    await server.collabStore.drain();
    expect(await storedRows(mapDoc)).toBe(rowsBefore);
    // ...and after a restart.
    for (const c of clients.splice(0)) c.destroy();
    await server.stop();
    server = await server.restart();
    await openableForTherapistAndSam(mapDoc, (d) => nodes(d).size === 1);
  });

  it('refuses ten 3.5 MB updates on a partner’s own panel, and the panel stays openable for the therapist', async () => {
    const panel = docName({ kind: 'panel', id: room.ids.a });
    const codes: number[] = [];
    for (let i = 0; i < 10; i++) {
      const doc = cardUpdate(`n${i}`, 'a', 'z'.repeat(3.5 * MB)); // any content: refused by size first
      codes.push(await sendUntilClosed(server.url, panel, s.partnerA, [updateFrame(doc)], query()));
    }
    expect(codes).toEqual(Array(10).fill(CloseCode.MESSAGE_TOO_LARGE));
    expect(await storedRows(panel)).toBe(0);
    await openableForTherapistAndSam(panel, (d) => nodes(d).size === 0);
    const alex = client(server.url, panel, { browser: s.partnerA, sessionId: s.sessionId });
    await synced(alex);
  });

  it('refuses six 3.5 MB awareness states and one just over the state maximum while the attacker stays connected', async () => {
    // Three connections of each partner at once (one person may hold four: COLLAB_MAX_CONNECTIONS_PER_PERSON).
    const attackers = Array.from({ length: 6 }, (_, i) =>
      rawClient(server.url, mapDoc, i % 2 ? s.partnerB : s.partnerA, query()),
    );
    await Promise.all(attackers.map((a) => a.opened));
    attackers.forEach((a, i) =>
      a.ws.send(awarenessFrame([{ clientId: 1000 + i, clock: 1, state: { blob: 'w'.repeat(3.5 * MB) } }])),
    );
    expect(await Promise.all(attackers.map((a) => a.closed))).toEqual(Array(6).fill(CloseCode.MESSAGE_TOO_LARGE));

    // A state a little over COLLAB_MAX_AWARENESS_BYTES, in a small message: refused too.
    const sly = rawClient(server.url, mapDoc, s.partnerA, query());
    await sly.opened;
    sly.ws.send(awarenessFrame([{ clientId: 2000, clock: 1, state: { blob: 'w'.repeat(5000) } }]));
    // Meanwhile an attacker that stays connected keeps an allowed state.
    const stays = rawClient(server.url, mapDoc, s.partnerA, query());
    await stays.opened;
    stays.ws.send(awarenessFrame([{ clientId: 3000, clock: 1, state: { blob: 'v'.repeat(3500) } }]));
    expect(await sly.closed).toBe(CloseCode.MESSAGE_TOO_LARGE);

    await openableForTherapistAndSam(mapDoc, () => true);
    const states = server.collab.loadedDocAwareness(mapDoc)!.getStates();
    expect([...states.keys()].filter((id) => id >= 1000 && id < 3000)).toEqual([]);
    expect(stays.ws.readyState).toBe(stays.ws.OPEN);
    stays.ws.close();
  });
});
