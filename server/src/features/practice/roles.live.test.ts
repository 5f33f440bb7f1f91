import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName, type CoupleDto, type CreatedSessionDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  connectSocket,
  endedAndClosed,
  jointSessionScenario,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { collabClient, firstCloseCode, synced, type CollabClient } from '../../test/collab.js';
import { STAFF_PASSWORD, invitePerson } from './practiceFixture.js';

describe.each(DB_KINDS)('roles over Socket.IO and /collab (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  let bea: Browser;
  let beaId: string;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  const doc = (name: string, browser: Browser) => {
    const c = collabClient(server.url, name, { browser });
    clients.push(c);
    return c;
  };
  const mapDoc = () => docName({ kind: 'map', id: s.couple.id });
  const notesDoc = () => docName({ kind: 'notes', id: s.sessionId });

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
    const invited = await invitePerson(s.therapist, 'bea@example.org');
    bea = invited.browser;
    beaId = invited.me.id;
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('refuses a clinician joining another clinician’s session and opening its couple’s map and notes', async () => {
    await expect(connectSocket(bea, s.sessionId)).rejects.toThrow('FORBIDDEN');
    expect(await firstCloseCode(doc(mapDoc(), bea))).toBe(4403);
    expect(await firstCloseCode(doc(notesDoc(), bea))).toBe(4403);
  });

  it('a share opens the couple’s docs to her but not the running of its session; unsharing closes the door again', async () => {
    await s.therapist.ok('PUT', `/api/couples/${s.couple.id}/shares`, { clinicianIds: [beaId] });
    expect((await bea.ok<CoupleDto>('GET', `/api/couples/${s.couple.id}`)).id).toBe(s.couple.id);
    expect((await bea.ok<CoupleDto[]>('GET', '/api/couples')).map((c) => c.id)).toEqual([s.couple.id]);
    const open = doc(mapDoc(), bea);
    await synced(open);
    await expect(connectSocket(bea, s.sessionId)).rejects.toThrow('FORBIDDEN');
    // She reads its sessions, and moves, cancels, ends or hands out links for none of them.
    expect((await bea.request('GET', `/api/sessions/${s.sessionId}`)).status).toBe(200);
    const partnerId = s.couple.partners[0]!.id;
    for (const [method, path, body] of [
      ['PATCH', `/api/sessions/${s.sessionId}`, { title: 'Hers now' }],
      ['POST', `/api/sessions/${s.sessionId}/invites/${partnerId}`, {}],
      ['DELETE', `/api/sessions/${s.sessionId}/invites/${partnerId}`, undefined],
      ['POST', `/api/sessions/${s.sessionId}/cancel`, {}],
      ['POST', `/api/sessions/${s.sessionId}/end`, {}],
    ] as const) {
      expect((await bea.request(method, path, body)).body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const row = await server.ctx.db
      .selectFrom('sessions')
      .select(['title', 'status'])
      .where('id', '=', s.sessionId)
      .executeTakeFirst();
    expect(row).toMatchObject({ status: 'scheduled' });
    expect(row?.title).not.toBe('Hers now');

    // Unsharing closes the map she has open at once, and refuses her from then on.
    const closed = firstCloseCode(open);
    await s.therapist.ok('PUT', `/api/couples/${s.couple.id}/shares`, { clinicianIds: [] });
    expect(await closed).toBe(4403);
    expect((await bea.request('GET', `/api/couples/${s.couple.id}`)).status).toBe(403);
    expect(await firstCloseCode(doc(mapDoc(), bea))).toBe(4403);
    const audit = await server.ctx.db.selectFrom('audit_log').select('action').where('target_id', '=', beaId).execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['couple.share', 'couple.unshare']));
  });

  it('deactivating a clinician closes her live socket and /collab connection, refuses her next request and sign-in, and gives her couples back', async () => {
    const upcoming = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    await s.therapist.ok('POST', `/api/couples/${s.couple.id}/transfer`, { clinicianId: beaId });
    const socket = await connectSocket(bea, s.sessionId);
    sockets.push(socket);
    const map = doc(mapDoc(), bea);
    await synced(map);
    const ended = endedAndClosed(socket);

    const owner = await s.therapist.ok<{ id: string }>('GET', '/api/auth/me');
    await s.therapist.ok('POST', `/api/practice/people/${beaId}/deactivate`, { reassignTo: owner.id });

    await ended;
    expect(socket.connected).toBe(false);
    expect(await firstCloseCode(map)).toBe(4401);
    expect((await bea.request('GET', '/api/couples')).status).toBe(401);
    const again = await new Browser(server.url).request('POST', '/api/auth/login', {
      email: 'bea@example.org',
      password: STAFF_PASSWORD,
    });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'INVALID_CREDENTIALS' } });
    // The session she had open ended; her couple and its upcoming session are the owner's again.
    const rows = await server.ctx.db
      .selectFrom('sessions')
      .select(['id', 'status', 'therapist_id'])
      .where('couple_id', '=', s.couple.id)
      .execute();
    expect(rows.find((r) => r.id === s.sessionId)?.status).toBe('ended');
    expect(rows.find((r) => r.id === upcoming.session.id)).toMatchObject({
      status: 'scheduled',
      therapist_id: owner.id,
    });
    expect((await s.therapist.ok<CoupleDto[]>('GET', '/api/couples')).map((c) => c.id)).toEqual([s.couple.id]);
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', 'in', ['couple.transfer', 'staff.deactivate'])
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['couple.transfer', 'staff.deactivate']);
  });

  it('deactivating a clinician ends her live session for everyone in it', async () => {
    await s.therapist.ok('POST', `/api/couples/${s.couple.id}/transfer`, { clinicianId: beaId });
    const socket = await connectSocket(bea, s.sessionId);
    sockets.push(socket);
    await server.ctx.db.updateTable('sessions').set({ status: 'live' }).where('id', '=', s.sessionId).execute();
    const owner = await s.therapist.ok<{ id: string }>('GET', '/api/auth/me');
    await s.therapist.ok('POST', `/api/practice/people/${beaId}/deactivate`, { reassignTo: owner.id });
    const row = await server.ctx.db
      .selectFrom('sessions')
      .select(['status', 'therapist_id'])
      .where('id', '=', s.sessionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'ended', therapist_id: beaId });
  });
});
