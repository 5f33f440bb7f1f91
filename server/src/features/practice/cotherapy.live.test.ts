import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  docName,
  type CoupleDto,
  type ParticipantView,
  type RtcJoinResult,
  type SessionCliniciansDto,
  type SessionSnapshot,
} from '@tandem/shared';
import type { Browser } from '../../test/harness.js';
import {
  DB_KINDS,
  call,
  connectSocket,
  endedAndClosed,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { recordPackets, shapeOf } from '../../test/packets.js';
import {
  addCard,
  collabClient,
  firstCloseCode,
  labelOf,
  synced,
  waitFor,
  type CollabClient,
} from '../../test/collab.js';
import { invitePerson } from './practiceFixture.js';

describe.each(DB_KINDS)('co-therapy: a second clinician in a session (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  let bea: { browser: Browser; id: string };
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  const clinicians = () => `/api/sessions/${room.s.sessionId}/clinicians`;
  const connect = async (b: Browser) => {
    const so = await connectSocket(b, room.s.sessionId);
    sockets.push(so);
    return so;
  };
  const doc = (name: string, browser: Browser, sessionId?: string) => {
    const c = collabClient(server.url, name, { browser, ...(sessionId ? { sessionId } : {}) });
    clients.push(c);
    return c;
  };
  const auditCount = async (action: string) =>
    (
      await server.ctx.db
        .selectFrom('audit_log')
        .select('id')
        .where('action', '=', action)
        .where('session_id', '=', room.s.sessionId)
        .execute()
    ).length;

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    const invited = await invitePerson(room.s.therapist, 'bea@example.org');
    bea = { browser: invited.browser, id: invited.me.id };
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    room.close();
    await server.dispose();
  });

  it('a co-therapist joins the room beside the therapist, takes part, runs nothing, and leaves when taken off', async () => {
    // Before she is added, the session is not hers.
    await expect(connectSocket(bea.browser, room.s.sessionId)).rejects.toThrow('FORBIDDEN');
    const seen = nextEvent<ParticipantView[]>(room.partnerA, 'presence:update', (l) =>
      l.some((p) => p.id === bea.id && p.seat === 'cotherapist'),
    );
    const added = await room.s.therapist.ok<SessionCliniciansDto>('POST', clinicians(), {
      clinicianId: bea.id,
      seat: 'cotherapist',
    });
    expect(added.clinicians).toMatchObject([{ id: bea.id, seat: 'cotherapist' }]);
    expect(added.choices.map((c) => c.id)).not.toContain(bea.id);
    expect(await auditCount('session.clinician_add')).toBe(1);

    await seen;
    // The partners see her as a co-therapist, online.
    const online = nextEvent<ParticipantView[]>(room.partnerA, 'presence:update', (l) =>
      l.some((p) => p.id === bea.id && p.status === 'online'),
    );
    const so = await connect(bea.browser);
    const hello = await call<SessionSnapshot>(so, 'session:hello', {});
    expect(hello).toMatchObject({ ok: true, data: { self: { id: bea.id, seat: 'cotherapist' } } });
    await online;

    // She takes part (the pause anyone can call, the private line, the call) …
    expect(await call(so, 'timer:state', {})).toMatchObject({ ok: true });
    expect(await call<RtcJoinResult>(so, 'rtc:join', {})).toMatchObject({ ok: true });
    const line = await call(so, 'chat:send', { partnerId: room.ids.a, text: 'Hello from Bea' });
    expect(line).toMatchObject({ ok: true });
    // In a breakout only the runner talks with the partner taken aside: her signals to Alex are refused.
    expect(await call(room.therapist, 'breakout:start', { partnerId: room.ids.a })).toMatchObject({ ok: true });
    const signal = { to: room.ids.a, connId: 'conn-0002', signal: { type: 'offer', sdp: 'v=0' } };
    expect(await call(so, 'rtc:signal', signal)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(room.therapist, 'breakout:end', {})).toMatchObject({ ok: true });
    expect(await call(so, 'rtc:signal', signal)).toMatchObject({ ok: true });
    // … and runs nothing: admission, the end, scripts, the lock, a breakout are the therapist's.
    for (const [event, payload] of [
      ['lobby:admit', { partnerId: room.ids.a }],
      ['session:end', {}],
      ['map:lock', { locked: true }],
      ['breakout:start', { partnerId: room.ids.a }],
      ['pause:settings', { durationMinutes: 5 }],
    ] as const) {
      expect(await call(so, event, payload), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    // Nor by REST: she does not choose who joins, nor move or end the session.
    expect(
      (await bea.browser.request('POST', clinicians(), { clinicianId: room.ids.a, seat: 'cotherapist' })).body,
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await bea.browser.request('POST', `/api/sessions/${room.s.sessionId}/end`, {})).body).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    // She reads the couple's record and edits its map.
    expect((await bea.browser.ok<CoupleDto>('GET', `/api/couples/${room.s.couple.id}`)).id).toBe(room.s.couple.id);
    const map = doc(docName({ kind: 'map', id: room.s.couple.id }), bea.browser);
    await synced(map);
    addCard(map.doc, 'bea-card', 'shared', 'Withdraw');
    const therapistMap = doc(docName({ kind: 'map', id: room.s.couple.id }), room.s.therapist);
    await waitFor(() => labelOf(therapistMap.doc, 'bea-card') === 'Withdraw', 5000, 'her card');

    // Taken off: her connection is told and closed, the map she holds closes, and she is refused from then on.
    const ended = endedAndClosed(so);
    const mapClosed = firstCloseCode(map);
    const after = await room.s.therapist.ok<SessionCliniciansDto>('DELETE', `${clinicians()}/${bea.id}`);
    expect(after.clinicians).toEqual([]);
    expect(await ended).toEqual({ reason: 'removed' });
    expect(await mapClosed).toBe(4403);
    await expect(connectSocket(bea.browser, room.s.sessionId)).rejects.toThrow('FORBIDDEN');
    expect((await bea.browser.request('GET', `/api/couples/${room.s.couple.id}`)).status).toBeGreaterThanOrEqual(403);
    expect(await auditCount('session.clinician_remove')).toBe(1);
    // The therapist's own presence is untouched by hers coming and going.
    const list = await call<SessionSnapshot>(room.therapist, 'session:hello', {});
    expect(list.ok && list.data.participants.find((p) => p.seat === 'lead')?.status).toBe('online');
  });

  it('a supervisor needs the couple’s consent, watches with the clinicians only, and the partners receive nothing of them', async () => {
    const refused = await room.s.therapist.request('POST', clinicians(), { clinicianId: bea.id, seat: 'supervisor' });
    expect(refused.body).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    await room.s.therapist.ok('PUT', `/api/couples/${room.s.couple.id}/supervision`, { consent: true });

    // From here on, every byte each partner receives, on Socket.IO and on their map.
    const logA = recordPackets(room.partnerA);
    const logB = recordPackets(room.partnerB);
    const partnerMap = doc(docName({ kind: 'map', id: room.s.couple.id }), room.s.partnerB, room.s.sessionId);
    await synced(partnerMap);
    const mapBytes: string[] = [];
    partnerMap.provider.ws?.addEventListener('message', (e: MessageEvent) => {
      mapBytes.push(Buffer.from(e.data as ArrayBuffer).toString('latin1'));
    });
    const markA = logA.mark();
    const markB = logB.mark();

    await room.s.therapist.ok('POST', clinicians(), { clinicianId: bea.id, seat: 'supervisor' });
    const so = await connect(bea.browser);
    const hello = await call<SessionSnapshot>(so, 'session:hello', {});
    expect(hello).toMatchObject({ ok: true, data: { self: { seat: 'supervisor' } } });
    // The therapist sees her, marked as the supervisor.
    expect(hello.ok && hello.data.participants.some((p) => p.id === bea.id && p.seat === 'supervisor')).toBe(true);

    // Her call holds the clinicians only: she meets the therapist, and no partner may signal her, nor she them.
    expect(await call<RtcJoinResult>(so, 'rtc:join', {})).toEqual({ ok: true, data: { peers: [] } });
    const met = nextEvent<{ personId: string }>(so, 'rtc:peer-joined', (p) => p.personId === room.ids.therapist);
    const therapistJoin = await call<RtcJoinResult>(room.therapist, 'rtc:join', {});
    expect(therapistJoin.ok && therapistJoin.data.peers).toContain(bea.id);
    await met;
    const partnerJoin = await call<RtcJoinResult>(room.partnerA, 'rtc:join', {});
    expect(partnerJoin.ok && partnerJoin.data.peers).toEqual([room.ids.therapist]);
    const signal = { connId: 'conn-0001', signal: { type: 'offer', sdp: 'v=0' } };
    expect(await call(room.partnerA, 'rtc:signal', { to: bea.id, ...signal })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(so, 'rtc:signal', { to: room.ids.a, ...signal })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(so, 'rtc:signal', { to: room.ids.therapist, ...signal })).toMatchObject({ ok: true });

    // She only reads: no pause, no private line, no write on the map; her presence there is never relayed.
    expect(await call(so, 'timer:state', {})).toMatchObject({ ok: true });
    for (const [event, payload] of [
      ['pause:call', {}],
      ['chat:send', { partnerId: room.ids.a, text: 'psst' }],
    ] as const) {
      expect(await call(so, event, payload), event).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const map = doc(docName({ kind: 'map', id: room.s.couple.id }), bea.browser);
    await synced(map);
    map.provider.awareness.setLocalStateField('cursor', { x: 1, y: 2 });
    addCard(map.doc, 'sup-card', 'shared', 'Supervisor wrote this');
    await waitFor(() => map.denied() > 0, 5000, 'her write refused');

    // Sentinel: the therapist locks the map; once both partners have that, everything before it has arrived.
    const lockedA = nextEvent(room.partnerA, 'map:lock');
    const lockedB = nextEvent(room.partnerB, 'map:lock');
    expect(await call(room.therapist, 'map:lock', { locked: true })).toMatchObject({ ok: true });
    await Promise.all([lockedA, lockedB]);
    const therapistMap = doc(docName({ kind: 'map', id: room.s.couple.id }), room.s.therapist);
    await synced(therapistMap);
    addCard(therapistMap.doc, 'sentinel', 'shared', 'sentinel-card');
    await waitFor(() => labelOf(partnerMap.doc, 'sentinel') === 'sentinel-card', 5000, 'sentinel on the map');
    expect(labelOf(partnerMap.doc, 'sup-card')).toBeUndefined();
    for (const [log, mark] of [
      [logA, markA],
      [logB, markB],
    ] as const) {
      const got = log.since(mark);
      expect(got.length).toBeGreaterThan(0);
      for (const p of got) {
        expect(p.raw, shapeOf(p)).not.toContain(bea.id);
        expect(p.raw, shapeOf(p)).not.toContain('supervisor');
        expect(p.raw, shapeOf(p)).not.toMatch(/"name":"bea"/);
      }
    }
    expect(mapBytes.length).toBeGreaterThan(0);
    for (const m of mapBytes) expect(m).not.toContain('bea');
    expect(
      [...partnerMap.provider.awareness.getStates().values()].some((st) => JSON.stringify(st).includes('bea')),
    ).toBe(false);

    // Consent withdrawn: she is taken off the session at once.
    const ended = endedAndClosed(so);
    await room.s.therapist.ok('PUT', `/api/couples/${room.s.couple.id}/supervision`, { consent: false });
    expect(await ended).toEqual({ reason: 'removed' });
    const left = await room.s.therapist.ok<SessionCliniciansDto>('GET', clinicians());
    expect(left).toMatchObject({ clinicians: [], supervisionConsent: false });
    expect(await auditCount('session.clinician_remove')).toBe(1);
  });

  it('refuses what a hostile runner or stranger sends: unknown people, a third seat, bad shapes', async () => {
    const carl = await invitePerson(room.s.therapist, 'carl@example.org');
    const dana = await invitePerson(room.s.therapist, 'dana@example.org');
    const admin = await invitePerson(room.s.therapist, 'adam@example.org', 'admin', false);
    for (const body of [
      { clinicianId: crypto.randomUUID(), seat: 'cotherapist' },
      { clinicianId: admin.me.id, seat: 'cotherapist' },
      { clinicianId: room.ids.therapist, seat: 'cotherapist' },
      { clinicianId: bea.id, seat: 'lead' },
      { clinicianId: bea.id, seat: 'cotherapist', extra: 1 },
      { clinicianId: 'x'.repeat(5000), seat: 'cotherapist' },
    ]) {
      expect(
        (await room.s.therapist.request('POST', clinicians(), body)).body,
        JSON.stringify(body).slice(0, 80),
      ).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    }
    await room.s.therapist.ok('POST', clinicians(), { clinicianId: bea.id, seat: 'cotherapist' });
    await room.s.therapist.ok('POST', clinicians(), { clinicianId: carl.me.id, seat: 'cotherapist' });
    expect(
      (await room.s.therapist.request('POST', clinicians(), { clinicianId: dana.me.id, seat: 'cotherapist' })).body,
    ).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    // A clinician who cannot see the session learns nothing of it.
    expect((await dana.browser.request('GET', clinicians())).body).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    expect(await auditCount('session.clinician_add')).toBe(2);
  });
});
