import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  docName,
  type CreatedSessionDto,
  type ParticipantView,
  type PauseView,
  type ScriptRunView,
  type SessionRecordDto,
} from '@tandem/shared';
import { sessionRecordSchema } from '@tandem/shared/schemas';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  nextEvent,
  redeem,
  startTestServer,
  tokenFromUrl,
  type TestServer,
} from '../../test/harness.js';
import { addCard, collabClient, setLabel, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { admittedRoom, type Room } from '../../test/room.js';

const statusOf = (list: ParticipantView[], id: string) => list.find((p) => p.id === id)?.status;
const ms = (iso: string | null) => (iso === null ? NaN : Date.parse(iso));

describe.each(DB_KINDS)('the session record, built from a real session (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clients: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await server.dispose();
  });

  it('shows who was there with drops and rejoins, the breakout, the pause, the quick exit, the script and the map', async () => {
    const { s, ids } = room;
    const later = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });

    // The therapist adds two cards to the couple's map during the session.
    const map = collabClient(server.url, docName({ kind: 'map', id: s.couple.id }), {
      browser: s.therapist,
      sessionId: s.sessionId,
    });
    clients.push(map);
    await synced(map);
    addCard(map.doc, 'card-1', 'a', 'Alex goes quiet');
    addCard(map.doc, 'card-2', 'b', 'Sam asks again');

    // Alex's link drops and comes back on the same device.
    const dropSeen = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => statusOf(l, ids.a) === 'reconnecting',
    );
    const beforeDrop = Date.now();
    room.partnerA.close();
    await dropSeen;
    const backSeen = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => statusOf(l, ids.a) === 'online',
    );
    room.partnerA = await connectSocket(s.partnerA, s.sessionId);
    await call(room.partnerA, 'session:hello', {});
    await backSeen;
    const afterRejoin = Date.now();

    // A breakout with Alex, then a pause Sam calls that the therapist ends early.
    expect((await call(room.therapist, 'breakout:start', { partnerId: ids.a })).ok).toBe(true);
    expect((await call(room.therapist, 'breakout:end', {})).ok).toBe(true);
    const paused = await call<PauseView>(room.partnerB, 'pause:call', { minutes: 2 });
    expect(paused.ok).toBe(true);
    await call(room.therapist, 'pause:end', {});

    // A script: Alex speaks, Sam listens; two steps reached, then ended.
    const started = await call<ScriptRunView>(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: ids.a, listener: ids.b },
    });
    expect(started.ok).toBe(true);
    await call(room.therapist, 'script:next', {});
    await call(room.therapist, 'script:end', {});

    // Sam leaves by quick exit.
    const leftSeen = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => statusOf(l, ids.b) === 'left',
    );
    const exit = await fetch(`${server.url}/api/join/${room.s.sessionId}/quick-exit`, {
      method: 'POST',
      headers: { cookie: room.s.partnerB.cookieHeader, origin: server.url, 'sec-fetch-site': 'same-origin' },
    });
    expect(await exit.json()).toEqual({ ok: true, data: null });
    await leftSeen;
    await waitFor(() => room.partnerB.disconnected, 5000, 'quick exit closes the socket');

    await waitFor(() => map.doc.getMap('nodes').size === 2);
    await server.collabStore.drain();
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);

    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${s.sessionId}/record`);
    expect(() => sessionRecordSchema.parse(record)).not.toThrow();
    const { session } = record;
    expect(session).toMatchObject({ id: s.sessionId, status: 'ended', kind: 'joint', scheduledMinutes: 50 });
    expect(session.durationMs).toBe(ms(session.endedAt) - ms(session.startedAt));

    const [therapist, alex, sam] = record.people;
    expect(therapist).toMatchObject({ role: 'therapist', name: 'Dr Rivera', attended: true });
    expect(therapist?.devices).toHaveLength(1);
    expect(therapist?.devices[0]).toMatchObject({ drops: 0, rejoins: 0 });

    // Alex: one device, in the room twice, the gap where the link dropped.
    expect(alex).toMatchObject({ id: ids.a, name: 'Alex', slot: 'a', attended: true });
    expect(alex?.devices).toHaveLength(1);
    const alexDevice = alex!.devices[0]!;
    expect(alexDevice).toMatchObject({ drops: 1, rejoins: 1 });
    expect(alexDevice.intervals).toHaveLength(2);
    const [first, second] = alexDevice.intervals as [{ from: string; to: string }, { from: string; to: string }];
    expect(ms(first.to)).toBeGreaterThanOrEqual(beforeDrop);
    expect(ms(second.from)).toBeGreaterThan(ms(first.to));
    expect(ms(second.from)).toBeLessThanOrEqual(afterRejoin);
    expect(ms(second.to)).toBe(ms(session.endedAt));
    expect(alex!.inRoomMs).toBe(ms(first.to) - ms(first.from) + ms(second.to) - ms(second.from));
    expect(alex!.inRoomMs).toBeLessThan(session.durationMs!);

    // Sam: left by quick exit before the end, never came back.
    expect(sam).toMatchObject({ id: ids.b, name: 'Sam', slot: 'b', attended: true });
    expect(sam!.devices[0]).toMatchObject({ drops: 1, rejoins: 0 });
    expect(ms(sam!.lastOut)).toBeLessThan(ms(session.endedAt));
    expect(record.quickExits).toEqual([{ partnerId: ids.b, partnerName: 'Sam', at: expect.any(String) }]);
    expect(Math.abs(ms(record.quickExits[0]!.at) - ms(sam!.lastOut))).toBeLessThan(2000);

    expect(record.breakouts).toEqual([
      expect.objectContaining({ partnerId: ids.a, partnerName: 'Alex', durationMs: expect.any(Number) }),
    ]);
    const [breakout] = record.breakouts;
    expect(breakout!.durationMs).toBe(ms(breakout!.endedAt) - ms(breakout!.startedAt));

    expect(record.pauses).toEqual([
      expect.objectContaining({
        calledBy: { id: ids.b, role: 'partner', name: 'Sam' },
        plannedMs: 120_000,
        endReason: 'ended-early',
        everyoneBack: true,
      }),
    ]);
    expect(record.pauses[0]!.durationMs).toBeLessThan(120_000);

    expect(record.scripts).toEqual([
      expect.objectContaining({
        scriptId: 'speaker-listener',
        stepsReached: 2,
        completed: false,
        roles: [
          { roleId: 'speaker', roleName: expect.any(String), partnerId: ids.a, partnerName: 'Alex' },
          { roleId: 'listener', roleName: expect.any(String), partnerId: ids.b, partnerName: 'Sam' },
        ],
      }),
    ]);
    expect(record.scripts[0]!.stepCount).toBeGreaterThan(2);
    expect(record.scripts[0]!.endedAt).not.toBeNull();

    expect(record.map).toMatchObject({ baseline: 'empty', edited: [], removed: [] });
    expect(record.map!.nodes.map((n) => n.label).sort()).toEqual(['Alex goes quiet', 'Sam asks again']);
    expect(record.map!.added.map((c) => c.id).sort()).toEqual(['card-1', 'card-2']);

    expect(record.previous).toBeNull();
    expect(record.next).toMatchObject({ id: later.session.id, status: 'scheduled' });
  });

  it('hides who called a pause when the couple’s setting says so, and tells a pause nobody came back from', async () => {
    await call(room.therapist, 'pause:settings', { showCaller: false });
    await call(room.partnerA, 'pause:call', { minutes: 2 });
    const goneSeen = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => statusOf(l, room.ids.a) === 'reconnecting',
    );
    room.partnerA.close();
    await goneSeen;
    await call(room.therapist, 'pause:end', {});
    await call(room.therapist, 'pause:call', { minutes: 2 });
    await room.s.therapist.ok('POST', `/api/sessions/${room.s.sessionId}/end`);
    const record = await room.s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${room.s.sessionId}/record`);
    expect(record.pauses.map((p) => [p.calledBy, p.endReason, p.everyoneBack])).toEqual([
      [null, 'ended-early', false],
      [null, 'session-ended', null],
    ]);
  });

  it('compares the map with the version kept at the end of the previous session', async () => {
    const { s } = room;
    const mapName = docName({ kind: 'map', id: s.couple.id });
    const first = collabClient(server.url, mapName, { browser: s.therapist, sessionId: s.sessionId });
    clients.push(first);
    await synced(first);
    addCard(first.doc, 'keep', 'a', 'Stays as it was');
    addCard(first.doc, 'edit', 'b', 'Before the edit');
    addCard(first.doc, 'drop', 'shared', 'Taken away');
    await server.collabStore.drain();
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);

    const second = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const secondId = second.session.id;
    const socket = await connectSocket(s.therapist, secondId);
    try {
      await call(socket, 'session:hello', {});
      const live = collabClient(server.url, mapName, { browser: s.therapist, sessionId: secondId });
      clients.push(live);
      await synced(live);
      await waitFor(() => live.doc.getMap('nodes').size === 3);
      setLabel(live.doc, 'edit', 'After the edit');
      live.doc.getMap('nodes').delete('drop');
      addCard(live.doc, 'new', 'a', 'Written today');
      await server.collabStore.drain();
      // While the session is live the record shows the map as it is now.
      const during = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${secondId}/record`);
      expect(during.session.status).toBe('live');
      expect(during.map?.added.map((c) => c.id)).toEqual(['new']);
      await s.therapist.ok('POST', `/api/sessions/${secondId}/end`);
    } finally {
      socket.close();
    }
    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${secondId}/record`);
    expect(record.map).toMatchObject({
      baseline: 'previous-session',
      added: [{ id: 'new', label: 'Written today', side: 'a' }],
      edited: [{ id: 'edit', label: 'After the edit', before: 'Before the edit' }],
      removed: [{ id: 'drop', label: 'Taken away' }],
    });
    expect(record.map!.nodes.map((n) => n.id).sort()).toEqual(['edit', 'keep', 'new']);
    expect(record.previous).toMatchObject({ id: s.sessionId, status: 'ended' });
  });

  it('records a session that never started, and a device left waiting as not attended', async () => {
    const { s } = room;
    const other = await s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: new Date(Date.now() + 86_400_000).toISOString(),
      durationMinutes: 45,
    });
    const sessionId = other.session.id;
    const link = other.invites.find((i) => i.partnerId === room.ids.a)!;
    const alexPhone = new Browser(server.url);
    await redeem(alexPhone, tokenFromUrl(link.url));
    const waiting = await connectSocket(alexPhone, sessionId);
    await call(waiting, 'session:hello', {});
    waiting.close();
    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${sessionId}/record`);
    expect(() => sessionRecordSchema.parse(record)).not.toThrow();
    expect(record.session).toMatchObject({
      status: 'scheduled',
      startedAt: null,
      durationMs: null,
      scheduledMinutes: 45,
    });
    expect(record.people.map((p) => [p.name, p.attended, p.inRoomMs])).toEqual([
      ['Dr Rivera', false, 0],
      ['Alex', false, 0],
      ['Sam', false, 0],
    ]);
    expect(record.map).toBeNull();
    expect(record.previous).toMatchObject({ id: s.sessionId });
  });
});
