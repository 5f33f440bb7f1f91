import { randomUUID } from 'node:crypto';
import { admittedRoom } from '../../test/room.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName, type ChatMessageDto, type ParticipantView, type QuickExitAlert } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { collabClient, firstCloseCode, synced, waitFor, type CollabClient } from '../../test/collab.js';

describe.each(DB_KINDS)('private panels, notes and chat are kept to their audience (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let alexId: string;
  let samId: string;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  const client = (...args: Parameters<typeof collabClient>) => {
    const c = collabClient(...args);
    clients.push(c);
    return c;
  };

  let therapist: ClientSocket;
  let alex: ClientSocket;
  let sam: ClientSocket;

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    [alexId, samId] = s.couple.partners.map((p) => p.id) as [string, string];
    const room = await admittedRoom(server, s);
    ({ therapist, partnerA: alex, partnerB: sam } = room);
    sockets.push(therapist, alex, sam);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('refuses partner B on A’s panel, on the therapist’s notes, with a forged name and with A’s expired grant', async () => {
    const samOnAlexPanel = client(server.url, docName({ kind: 'panel', id: alexId }), {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(samOnAlexPanel)).toBe(4403);
    const samOnNotes = client(server.url, docName({ kind: 'notes', id: s.sessionId }), {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(samOnNotes)).toBe(4403);
    const alexOnNotes = client(server.url, docName({ kind: 'notes', id: s.sessionId }), {
      browser: s.partnerA,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(alexOnNotes)).toBe(4403);
    const forged = client(server.url, `panel.${alexId.toUpperCase()}`, { browser: s.partnerB, sessionId: s.sessionId });
    expect(await firstCloseCode(forged)).toBe(4403);
    const unknown = client(server.url, docName({ kind: 'panel', id: randomUUID() }), {
      browser: s.partnerB,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(unknown)).toBe(4403);

    // A's own panel opens for A...
    const alexPanel = client(server.url, docName({ kind: 'panel', id: alexId }), {
      browser: s.partnerA,
      sessionId: s.sessionId,
    });
    await synced(alexPanel);
    // ...but not with A's grant once it has expired, whoever holds it.
    await server.ctx.db
      .updateTable('guest_grants')
      .set({ expires_at: Date.now() - 1 })
      .where('partner_id', '=', alexId)
      .execute();
    const withExpired = new Browser(server.url);
    withExpired.setCookie(`tandem_guest_${s.sessionId}`, s.partnerA.cookie(`tandem_guest_${s.sessionId}`) ?? '');
    const expired = client(server.url, docName({ kind: 'panel', id: alexId }), {
      browser: withExpired,
      sessionId: s.sessionId,
    });
    expect(await firstCloseCode(expired)).toBe(4401);
  });

  it('refuses partner B on A’s chat history, by socket and by REST', async () => {
    await call(alex, 'chat:send', { partnerId: alexId, text: 'private to the therapist' });
    expect(await call(sam, 'chat:history', { partnerId: alexId })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(sam, 'chat:send', { partnerId: alexId, text: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const mine = await s.partnerB.ok<ChatMessageDto[]>('GET', `/api/join/${s.sessionId}/chat`);
    expect(mine).toEqual([]);
    const rest = await s.partnerB.request('GET', `/api/partners/${alexId}/chat`);
    expect(rest.status).toBe(401);
    const forTherapist = await s.therapist.ok<ChatMessageDto[]>('GET', `/api/partners/${alexId}/chat`);
    expect(forTherapist.map((m) => m.text)).toEqual(['private to the therapist']);
  });

  it('delivers a chat message only to that partner and the therapist, with read state', async () => {
    const samHeard: unknown[] = [];
    sam.onAny((event: string, ...args: unknown[]) => samHeard.push([event, args]));
    const toTherapist = nextEvent<ChatMessageDto>(therapist, 'chat:message');
    const sent = await call<ChatMessageDto>(alex, 'chat:send', { partnerId: alexId, text: 'marker-7d1f' });
    expect(sent).toMatchObject({ ok: true, data: { author: 'partner', readAt: null } });
    expect((await toTherapist).text).toBe('marker-7d1f');
    const reply = nextEvent<ChatMessageDto>(alex, 'chat:message', (m) => m.author === 'therapist');
    await call(therapist, 'chat:send', { partnerId: alexId, text: 'reply-1c9e' });
    expect((await reply).text).toBe('reply-1c9e');
    const read = nextEvent<{ ids: string[] }>(alex, 'chat:read');
    if (!sent.ok) throw new Error('send failed');
    expect(await call(therapist, 'chat:read', { partnerId: alexId, upToId: sent.data.id })).toEqual({
      ok: true,
      data: null,
    });
    expect((await read).ids).toEqual([sent.data.id]);
    // A sentinel on Sam's own line: its answer comes after anything the server sent him before it.
    await call(sam, 'chat:history', { partnerId: samId });
    expect(JSON.stringify(samHeard)).not.toMatch(/marker-7d1f|reply-1c9e|chat:/);
  });

  it('lets the therapist in everywhere in their couples, and nowhere in another therapist’s', async () => {
    for (const name of [
      docName({ kind: 'panel', id: alexId }),
      docName({ kind: 'panel', id: samId }),
      docName({ kind: 'notes', id: s.sessionId }),
      docName({ kind: 'map', id: s.couple.id }),
    ]) {
      const c = client(server.url, name, { browser: s.therapist });
      await synced(c);
    }
    // She reads a partner's panel: connecting is not refused (her step 2 brings nothing), an edit is.
    const reader = client(server.url, docName({ kind: 'panel', id: alexId }), { browser: s.therapist });
    await synced(reader);
    await reader.roundTrip();
    expect(reader.denied()).toBe(0);
    reader.doc.getText('notes').insert(0, 'therapist edit');
    await waitFor(() => reader.denied() === 1, 5000, 'the refused edit');
    expect(
      server.collab
        .loadedDoc(docName({ kind: 'panel', id: alexId }))!
        .getText('notes')
        .toString(),
    ).toBe('');
    const other = await addTherapist(server);
    for (const name of [
      docName({ kind: 'panel', id: alexId }),
      docName({ kind: 'notes', id: s.sessionId }),
      docName({ kind: 'map', id: s.couple.id }),
    ]) {
      expect(await firstCloseCode(client(server.url, name, { browser: other }))).toBe(4403);
    }
    expect((await other.request('GET', `/api/partners/${alexId}/chat`)).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
  });

  it('quick exit: the therapist is told privately; the other partner only sees that they left', async () => {
    const samHeard: string[] = [];
    sam.onAny((event: string, ...args: unknown[]) => samHeard.push(`${event} ${JSON.stringify(args)}`));
    const alert = nextEvent<QuickExitAlert>(therapist, 'alert:quick-exit');
    const samSees = nextEvent<ParticipantView[]>(sam, 'presence:update', (l) =>
      l.some((p) => p.id === alexId && p.status === 'left'),
    );
    const dropped = new Promise((r) => alex.once('disconnect', r));
    const res = await fetch(`${server.url}/api/join/${s.sessionId}/quick-exit`, {
      method: 'POST',
      headers: { cookie: s.partnerA.cookieHeader, origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(await res.json()).toEqual({ ok: true, data: null });
    expect(await alert).toMatchObject({ partnerId: alexId, name: 'Alex' });
    await samSees;
    await dropped;
    expect(samHeard.join('\n')).not.toMatch(/quick|alert/i);
    await expect(connectSocket(s.partnerA, s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
  });
});
