/**
 * Awareness client ids across processes (issue 17): a client id one person uses on one process is refused to
 * anyone else on the others, so a hostile client on process 2 can neither overwrite nor remove the presence of a
 * person on process 1, and an id someone used before leaving stays theirs, as on one process.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CollabMessageType, docName } from '@tandem/shared';
import { jointSessionScenario, type Scenario } from '../test/harness.js';
import { admittedRoom, type Room } from '../test/room.js';
import { collabClient, synced, waitFor, type CollabClient } from '../test/collab.js';
import { awarenessFrame, rawClient, syncStep1Frame, type RawClient } from '../test/collabWire.js';
import { twoInstances, type TwoInstances } from '../test/twoInstances.js';

interface Presence {
  user?: { name?: string; role?: string; color?: string };
  cursor?: { x: number; y: number } | null;
}

/** A raw client that counts the sync step 2 answers it receives (the server answers in order: a sentinel). */
function countingRaw(...args: Parameters<typeof rawClient>): RawClient & { roundTrip(): Promise<void> } {
  const raw = rawClient(...args);
  let answers = 0;
  raw.ws.on('message', (data: Buffer) => {
    const dec = decoding.createDecoder(new Uint8Array(data));
    if (decoding.readVarUint(dec) !== CollabMessageType.SYNC) return;
    if (decoding.readVarUint(dec) === syncProtocol.messageYjsSyncStep2) answers++;
  });
  return {
    ...raw,
    async roundTrip() {
      const before = answers;
      raw.ws.send(syncStep1Frame());
      await waitFor(() => answers > before, 5000, 'the server’s answer');
    },
  };
}

describe('awareness client ids across two processes relaying through Redis (postgres)', () => {
  let w: TwoInstances;
  let s: Scenario;
  let room: Room;
  let mapDoc: string;
  const clients: CollabClient[] = [];
  const raws: RawClient[] = [];
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };
  const raw = (...args: Parameters<typeof rawClient>) => {
    const c = countingRaw(...args);
    raws.push(c);
    return c;
  };

  beforeEach(async () => {
    w = await twoInstances({ redis: true });
    s = await jointSessionScenario(w.one);
    room = await admittedRoom(w.one, s);
    mapDoc = docName({ kind: 'map', id: s.couple.id });
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const r of raws.splice(0)) r.ws.terminate();
    room.close();
    await w.dispose();
  });

  const session = () => `?session=${s.sessionId}`;
  const stateOf = (c: CollabClient, id: number) => c.provider.awareness.getStates().get(id) as Presence | undefined;
  const serverState = (instance: TwoInstances['one'] | TwoInstances['two'], id: number) =>
    instance.collab.loadedDocAwareness(mapDoc)?.getStates().get(id) as Presence | undefined;

  it('keeps the therapist’s presence on both processes when a partner on process 2 announces their client id', async () => {
    const t = client(w.one.url, mapDoc, { browser: s.therapist });
    const samOne = client(w.one.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    const samTwo = client(w.two.url, mapDoc, { browser: s.partnerB.at(w.two.url), sessionId: s.sessionId });
    const alexTwo = client(w.two.url, mapDoc, { browser: s.partnerA.at(w.two.url), sessionId: s.sessionId });
    await Promise.all([t, samOne, samTwo, alexTwo].map((c) => synced(c)));
    t.provider.awareness.setLocalState({ user: { name: 'x', role: 'x', color: '#2f6b70' }, cursor: { x: 1, y: 2 } });
    const therapistId = t.doc.clientID;
    await waitFor(
      () => [samOne, samTwo].every((c) => stateOf(c, therapistId)?.cursor?.x === 1),
      5000,
      'the therapist’s presence on both processes',
    );
    const before = JSON.stringify(stateOf(samTwo, therapistId));
    expect(JSON.parse(before)).toMatchObject({ user: { role: 'therapist' } });
    const clock = samTwo.provider.awareness.meta.get(therapistId)!.clock;
    const ownBefore = t.provider.awareness.getLocalState();

    // Alex's hostile connection on process 2 announces the therapist's id as its first: an overwrite, then a
    // removal, both with newer clocks.
    const hostile = raw(w.two.url, mapDoc, s.partnerA.at(w.two.url), session());
    await hostile.opened;
    hostile.ws.send(
      awarenessFrame([
        { clientId: therapistId, clock: clock + 10, state: { user: { name: 'Alex' }, cursor: { x: 66, y: 66 } } },
      ]),
    );
    hostile.ws.send(awarenessFrame([{ clientId: therapistId, clock: clock + 20, state: null }]));
    // Sentinels: process 2 has judged (and relayed) both once it answers this connection's next message; an
    // honest state sent through process 2 after that reaches everyone after whatever the hostile frames caused.
    await hostile.roundTrip();
    alexTwo.provider.awareness.setLocalState({ cursor: { x: 9, y: 9 } });
    const alexId = alexTwo.doc.clientID;
    await waitFor(
      () => [t, samOne, samTwo].every((c) => stateOf(c, alexId)?.cursor?.x === 9),
      5000,
      'the sentinel on both processes',
    );

    for (const c of [samOne, samTwo]) expect(JSON.stringify(stateOf(c, therapistId))).toBe(before);
    for (const instance of [w.one, w.two]) expect(JSON.stringify(serverState(instance, therapistId))).toBe(before);
    // The therapist's own client was never told of another state for its id (it would have taken it as its own).
    expect(t.provider.awareness.getLocalState()).toEqual(ownBefore);
    // Refused, not closed: stock clients echo others' entries, so a foreign id is no proof of an attack.
    expect(hostile.ws.readyState).toBe(hostile.ws.OPEN);
  });

  it('keeps an id for the person who used it after they left another process: theirs again, refused to anyone else', async () => {
    const t = client(w.one.url, mapDoc, { browser: s.therapist });
    const samOne = client(w.one.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    const samTwo = client(w.two.url, mapDoc, { browser: s.partnerB.at(w.two.url), sessionId: s.sessionId });
    const alexTwo = client(w.two.url, mapDoc, { browser: s.partnerA.at(w.two.url), sessionId: s.sessionId });
    await Promise.all([t, samOne, samTwo, alexTwo].map((c) => synced(c)));
    const therapistId = t.doc.clientID;
    t.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
    await waitFor(() => stateOf(samTwo, therapistId)?.cursor?.x === 1, 5000, 'the therapist’s presence');

    // The therapist leaves process 1: their entry is removed everywhere.
    t.destroy();
    await waitFor(
      () => [samOne, samTwo].every((c) => !c.provider.awareness.getStates().has(therapistId)),
      5000,
      'the therapist’s entry removed on both processes',
    );

    // Alex on process 2 announces the id the therapist used: refused, as it would be on process 1.
    const hostile = raw(w.two.url, mapDoc, s.partnerA.at(w.two.url), session());
    await hostile.opened;
    hostile.ws.send(awarenessFrame([{ clientId: therapistId, clock: 100, state: { cursor: { x: 66, y: 66 } } }]));
    await hostile.roundTrip();
    alexTwo.provider.awareness.setLocalState({ cursor: { x: 9, y: 9 } });
    const alexId = alexTwo.doc.clientID;
    await waitFor(
      () => [samOne, samTwo].every((c) => stateOf(c, alexId)?.cursor?.x === 9),
      5000,
      'the sentinel on both processes',
    );
    for (const c of [samOne, samTwo]) expect(c.provider.awareness.getStates().has(therapistId)).toBe(false);
    for (const instance of [w.one, w.two]) expect(serverState(instance, therapistId)).toBeUndefined();

    // The therapist comes back through process 2 with the same id (the same tab, another process): theirs.
    const back = raw(w.two.url, mapDoc, s.therapist.at(w.two.url));
    await back.opened;
    back.ws.send(awarenessFrame([{ clientId: therapistId, clock: 200, state: { cursor: { x: 2, y: 2 } } }]));
    await waitFor(
      () => [samOne, samTwo].every((c) => stateOf(c, therapistId)?.cursor?.x === 2),
      5000,
      'the therapist back on both processes',
    );
    for (const c of [samOne, samTwo]) expect(stateOf(c, therapistId)?.user?.role).toBe('therapist');
  });
  it('refuses the therapist’s client id to a partner on a process that loads the doc after the therapist took it', async () => {
    const t = client(w.one.url, mapDoc, { browser: s.therapist });
    const samOne = client(w.one.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(samOne)]);
    const therapistId = t.doc.clientID;
    t.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
    await waitFor(() => stateOf(samOne, therapistId)?.cursor?.x === 1, 5000, 'the therapist’s presence');
    const before = JSON.stringify(stateOf(samOne, therapistId));

    // Process 2 loads the doc now: it has heard nothing from the therapist's client yet.
    expect(w.two.collab.loadedDoc(mapDoc)).toBeUndefined();
    const samTwo = client(w.two.url, mapDoc, { browser: s.partnerB.at(w.two.url), sessionId: s.sessionId });
    await synced(samTwo);
    const hostile = raw(w.two.url, mapDoc, s.partnerA.at(w.two.url), session());
    await hostile.opened;
    hostile.ws.send(
      awarenessFrame([
        { clientId: therapistId, clock: 1000, state: { user: { name: 'Alex' }, cursor: { x: 66, y: 66 } } },
      ]),
    );
    await hostile.roundTrip();
    const alexTwo = client(w.two.url, mapDoc, { browser: s.partnerA.at(w.two.url), sessionId: s.sessionId });
    await synced(alexTwo);
    alexTwo.provider.awareness.setLocalState({ cursor: { x: 9, y: 9 } });
    const alexId = alexTwo.doc.clientID;
    await waitFor(
      () => [samOne, samTwo].every((c) => stateOf(c, alexId)?.cursor?.x === 9),
      5000,
      'the sentinel on both processes',
    );
    expect(stateOf(samTwo, therapistId)?.cursor?.x).not.toBe(66);
    expect(serverState(w.two, therapistId)?.cursor?.x).not.toBe(66);
    expect(JSON.stringify(stateOf(samOne, therapistId))).toBe(before);

    // The therapist's next move reaches process 2 as theirs.
    t.provider.awareness.setLocalState({ cursor: { x: 3, y: 3 } });
    await waitFor(() => stateOf(samTwo, therapistId)?.cursor?.x === 3, 5000, 'the therapist’s move on process 2');
    expect(stateOf(samTwo, therapistId)?.user?.role).toBe('therapist');
  });
  it('shows a process that loads the doc late the people already on the other process, before they move', async () => {
    const t = client(w.one.url, mapDoc, { browser: s.therapist });
    const samOne = client(w.one.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(samOne)]);
    t.provider.awareness.setLocalState({ cursor: { x: 1, y: 1 } });
    await waitFor(() => stateOf(samOne, t.doc.clientID)?.cursor?.x === 1, 5000, 'the therapist’s presence');

    expect(w.two.collab.loadedDoc(mapDoc)).toBeUndefined();
    const samTwo = client(w.two.url, mapDoc, { browser: s.partnerB.at(w.two.url), sessionId: s.sessionId });
    // Well within the 15 s after which a stock client renews its state by itself.
    await waitFor(() => stateOf(samTwo, t.doc.clientID)?.cursor?.x === 1, 5000, 'the therapist seen on process 2');
    expect(stateOf(samTwo, t.doc.clientID)?.user?.role).toBe('therapist');
  });
});
