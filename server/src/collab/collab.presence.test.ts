/**
 * Issue 11, item 2 (a partner overwrote the therapist's presence through awareness) and item 9's last bullet
 * (credentials in the `/collab` URL).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { COLLAB_MAX_CONNECTIONS_PER_DOC, COLLAB_MAX_CONNECTIONS_PER_PERSON, CloseCode, docName } from '@tandem/shared';
import { DB_KINDS, jointSessionScenario, startTestServer, type Scenario, type TestServer } from '../test/harness.js';
import { admittedRoom, type Room } from '../test/room.js';
import { collabClient, firstCloseCode, synced, waitFor, type CollabClient } from '../test/collab.js';
import { awarenessFrame, rawClient } from '../test/collabWire.js';

interface Presence {
  user?: { name?: string; role?: string; color?: string };
  cursor?: { x: number; y: number } | null;
}

describe.each(DB_KINDS)('collab presence and credentials (%s)', (db) => {
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

  it('drops a partner’s awareness update for the therapist’s client id: the therapist’s entry stays unchanged for everyone', async () => {
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const sam = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(sam)]);
    t.provider.awareness.setLocalState({
      user: { name: 'Dr Rivera', role: 'therapist', color: '#2f6b70' },
      cursor: { x: 1, y: 2 },
    });
    const therapistId = t.doc.clientID;
    const seenBySam = () => sam.provider.awareness.getStates().get(therapistId) as Presence | undefined;
    await waitFor(() => seenBySam()?.cursor?.x === 1, 5000, 'therapist’s presence');
    const before = JSON.stringify(seenBySam());
    const clock = sam.provider.awareness.meta.get(therapistId)!.clock;

    // Alex announces his own entry first, then overwrites the therapist's and removes it, with newer clocks.
    const alex = rawClient(server.url, mapDoc, s.partnerA, `?session=${s.sessionId}`);
    await alex.opened;
    const alexId = 4242;
    alex.ws.send(awarenessFrame([{ clientId: alexId, clock: 1, state: { cursor: { x: 0, y: 0 } } }]));
    alex.ws.send(
      awarenessFrame([
        {
          clientId: therapistId,
          clock: clock + 10,
          state: { user: { name: 'Alex', role: 'therapist' }, cursor: null },
        },
      ]),
    );
    alex.ws.send(awarenessFrame([{ clientId: therapistId, clock: clock + 20, state: null }]));
    // A fence: his own next state arrives after the others were judged (one connection, in order).
    alex.ws.send(awarenessFrame([{ clientId: alexId, clock: 2, state: { cursor: { x: 9, y: 9 } } }]));
    const alexSeen = () => sam.provider.awareness.getStates().get(alexId) as Presence | undefined;
    await waitFor(() => alexSeen()?.cursor?.x === 9, 5000, 'fence');

    expect(JSON.stringify(seenBySam())).toBe(before);
    expect(JSON.stringify(server.collab.loadedDocAwareness(mapDoc)!.getStates().get(therapistId))).toBe(before);
    // A fresh joiner sees the therapist as the therapist.
    const late = client(server.url, mapDoc, { browser: s.therapist });
    await waitFor(() => late.provider.awareness.getStates().has(therapistId), 5000, 'late joiner’s awareness');
    expect(JSON.stringify(late.provider.awareness.getStates().get(therapistId))).toBe(before);
    expect(alex.ws.readyState).toBe(alex.ws.OPEN);
    alex.ws.close();
  });

  it('replaces a spoofed name and role with the ones of the credential', async () => {
    const sam = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    const alex = client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId });
    await Promise.all([synced(sam), synced(alex)]);
    alex.provider.awareness.setLocalState({ user: { name: 'Dr Rivera', role: 'therapist', color: '#aa0000' } });
    const alexSeen = () => sam.provider.awareness.getStates().get(alex.doc.clientID) as Presence | undefined;
    await waitFor(() => alexSeen()?.user?.color === '#aa0000', 5000, 'Alex’s presence');
    expect(alexSeen()?.user).toEqual({ name: 'Alex', role: 'partner', color: '#aa0000' });

    const t = client(server.url, mapDoc, { browser: s.therapist });
    await synced(t);
    t.provider.awareness.setLocalState({ user: { name: 'Somebody else', role: 'partner' } });
    await waitFor(() => sam.provider.awareness.getStates().has(t.doc.clientID), 5000, 'therapist’s presence');
    expect((sam.provider.awareness.getStates().get(t.doc.clientID) as Presence).user).toEqual({
      name: 'Dr Rivera',
      role: 'therapist',
    });
  });

  it('refuses a valid credential in ?token= without the cookie', async () => {
    const therapistCookie = s.therapist.cookie('tandem_session');
    const guestCookie = s.partnerA.cookie(`tandem_guest_${s.sessionId}`);
    expect(therapistCookie).toBeTruthy();
    expect(guestCookie).toBeTruthy();
    const asTherapist = client(server.url, mapDoc, { browser: null, token: therapistCookie! });
    const asAlex = client(server.url, mapDoc, { browser: null, sessionId: s.sessionId, token: guestCookie! });
    expect(await firstCloseCode(asTherapist)).toBe(CloseCode.UNAUTHORIZED);
    expect(await firstCloseCode(asAlex)).toBe(CloseCode.UNAUTHORIZED);
    // The same credentials as cookies still open the map.
    await synced(client(server.url, mapDoc, { browser: s.therapist }));
    await synced(client(server.url, mapDoc, { browser: s.partnerA, sessionId: s.sessionId }));
  });
  it('lets one partner hold at most four connections to the shared map, so the others still get in', async () => {
    // Alex's browser opens the map sixteen times (every seat of the doc, before the per-person limit).
    const alexConns = Array.from({ length: COLLAB_MAX_CONNECTIONS_PER_DOC }, () =>
      rawClient(server.url, mapDoc, s.partnerA, `?session=${s.sessionId}`),
    );
    // Accepted: the server greets it (sync step 1); refused: closed with a code.
    const outcomes = await Promise.all(
      alexConns.map(
        (c) =>
          new Promise<number | 'open'>((resolve) => {
            c.ws.once('message', () => resolve('open'));
            void c.closed.then(resolve);
          }),
      ),
    );
    expect(outcomes.filter((o) => o === 'open')).toHaveLength(COLLAB_MAX_CONNECTIONS_PER_PERSON);
    expect(outcomes.filter((o) => o === CloseCode.TOO_MANY_CONNECTIONS)).toHaveLength(
      COLLAB_MAX_CONNECTIONS_PER_DOC - COLLAB_MAX_CONNECTIONS_PER_PERSON,
    );
    // The therapist and Sam open the same map and sync with it.
    const t = client(server.url, mapDoc, { browser: s.therapist });
    const sam = client(server.url, mapDoc, { browser: s.partnerB, sessionId: s.sessionId });
    await Promise.all([synced(t), synced(sam)]);
    expect(t.provider.wsconnected && sam.provider.wsconnected).toBe(true);
    for (const c of alexConns) c.ws.close();
  });
});
