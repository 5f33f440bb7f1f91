import * as Y from 'yjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName, type ParticipantView } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  endedAndClosed,
  redeem,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../test/harness.js';
import { admittedRoom, manualClock } from '../test/room.js';
import { collabClient, firstCloseCode, synced, waitFor, type CollabClient } from '../test/collab.js';
import { hashToken } from '../lib/tokens.js';

describe.each(DB_KINDS)('live connections end with their credential (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };

  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  describe('with the system clock', () => {
    beforeEach(async () => {
      server = await startTestServer({ db });
      s = await jointSessionScenario(server);
    });

    it('cuts an open therapist socket at sign-out, so it can no longer admit, read the private line or end the session', async () => {
      const therapist = track(await connectSocket(s.therapist, s.sessionId));
      await redeem(s.partnerA, s.tokenOf(0));
      const alex = track(await connectSocket(s.partnerA, s.sessionId));
      const [a] = s.couple.partners.map((p) => p.id) as [string];
      await nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) => l.some((p) => p.status === 'waiting'));

      const ended = endedAndClosed(therapist);
      await s.therapist.ok('POST', '/api/auth/logout');
      expect(await ended).toEqual({ reason: 'signed-out' });

      // It is closed for good: reconnecting with the same cookie is refused, and nothing it could have sent landed.
      expect(therapist.connected).toBe(false);
      const refused = new Promise<Error>((resolve) => therapist.once('connect_error', resolve));
      therapist.connect();
      expect((await refused).message).toBe('UNAUTHENTICATED');
      const row = await server.ctx.db
        .selectFrom('guest_grants')
        .select('admission')
        .where('partner_id', '=', a)
        .executeTakeFirstOrThrow();
      expect(row.admission).toBe('waiting');
      const session = await server.ctx.db
        .selectFrom('sessions')
        .select('status')
        .where('id', '=', s.sessionId)
        .executeTakeFirstOrThrow();
      expect(session.status).not.toBe('ended');
      // The partner is untouched, and the old cookie opens nothing any more.
      expect(alex.connected).toBe(true);
      await expect(connectSocket(s.therapist, s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
    });

    it('closes an open /collab notes connection at sign-out, and it receives no further updates', async () => {
      const notes = docName({ kind: 'notes', id: s.sessionId });
      // A second sign-in of the same therapist (another browser) keeps writing and watching.
      const other = new Browser(server.url);
      await other.ok('POST', '/api/auth/login', { email: 'rivera@example.org', password: 'correct horse battery' });
      const signedOut = client(server.url, notes, { browser: s.therapist });
      const writer = client(server.url, notes, { browser: other });
      const watcher = client(server.url, notes, { browser: other });
      await Promise.all([synced(signedOut), synced(writer), synced(watcher)]);
      // The therapist's note is a map of fixed text fields (the server refuses anything else).
      const free = (c: { doc: Y.Doc }) => (c.doc.getMap('note').get('free') as Y.Text | undefined)?.toString() ?? '';
      writer.doc.getMap('note').set('free', new Y.Text('before '));
      await waitFor(() => free(signedOut) === 'before ', 5000, 'first update');

      await s.therapist.ok('POST', '/api/auth/logout');
      expect(await firstCloseCode(signedOut)).toBe(4401);

      (writer.doc.getMap('note').get('free') as Y.Text).insert(7, 'after');
      // The watcher (still signed in) gets it: the sentinel that the update went out.
      await waitFor(() => free(watcher) === 'before after', 5000, 'watcher update');
      expect(free(signedOut)).toBe('before ');
      expect(signedOut.provider.wsconnected).toBe(false);
    });

    it('ends a therapist’s socket and /collab connection when the sign-in expires', async () => {
      const token = s.therapist.cookie('tandem_session') ?? '';
      await server.ctx.db
        .updateTable('auth_sessions')
        .set({ expires_at: Date.now() + 1500 })
        .where('token_hash', '=', hashToken(token))
        .execute();
      const therapist = track(await connectSocket(s.therapist, s.sessionId));
      const notes = client(server.url, docName({ kind: 'notes', id: s.sessionId }), { browser: s.therapist });
      await synced(notes);
      const ended = endedAndClosed(therapist);
      expect(await ended).toEqual({ reason: 'expired' });
      expect(await firstCloseCode(notes)).toBe(4401);
    });

    it('ends a revoked partner link’s socket and /collab connections', async () => {
      const room = await admittedRoom(server, s);
      sockets.push(room.therapist, room.partnerA, room.partnerB);
      const panel = client(server.url, docName({ kind: 'panel', id: room.ids.a }), {
        browser: s.partnerA,
        sessionId: s.sessionId,
      });
      const map = client(server.url, docName({ kind: 'map', id: s.couple.id }), {
        browser: s.partnerA,
        sessionId: s.sessionId,
      });
      const samMap = client(server.url, docName({ kind: 'map', id: s.couple.id }), {
        browser: s.partnerB,
        sessionId: s.sessionId,
      });
      await Promise.all([synced(panel), synced(map), synced(samMap)]);
      const ended = endedAndClosed(room.partnerA);
      await s.therapist.ok('DELETE', `/api/sessions/${s.sessionId}/invites/${room.ids.a}`);
      expect(await ended).toEqual({ reason: 'revoked' });
      expect(await firstCloseCode(panel)).toBe(4401);
      expect(await firstCloseCode(map)).toBe(4401);
      // Sam stays.
      expect(room.partnerB.connected).toBe(true);
      expect(samMap.closeCodes).toEqual([]);
    });
  });

  it('refuses the next event of a socket whose sign-in has expired on the injected clock, and closes it', async () => {
    const clock = manualClock();
    server = await startTestServer({ db, clock });
    s = await jointSessionScenario(server);
    const therapist = track(await connectSocket(s.therapist, s.sessionId));
    expect((await call(therapist, 'session:hello', {})).ok).toBe(true);
    const ended = endedAndClosed(therapist);
    clock.advance(13 * 60 * 60 * 1000); // past the 12 h sign-in
    const res = await call(therapist, 'session:hello', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await ended).toEqual({ reason: 'expired' });
  });
});
