import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BreakoutState, PartnerStopLabelDto, SafetyState, StopLabelDto, TimersView } from '@tandem/shared';
import {
  DB_KINDS,
  addTherapist,
  call,
  nextEvent,
  startTestServer,
  type ClientSocket,
  type TestServer,
} from '../../test/harness.js';
import { recordPackets, shapeOf } from '../../test/packets.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('the one-click safety protocol (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const sockets: ClientSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    sockets.push(room.therapist, room.partnerA, room.partnerB);
  });
  afterEach(async () => {
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  const paused = (sock: ClientSocket) => nextEvent<TimersView>(sock, 'timer:update', (v) => v.pause !== null);
  const breakoutWith = (sock: ClientSocket, partnerId: string) =>
    nextEvent<BreakoutState | null>(sock, 'breakout:state', (b) => b?.partnerId === partnerId);

  it('pauses the room, then takes the signaller aside, then the other partner, with the same neutral reason', async () => {
    await call(room.partnerA, 'safety:signal', { id: randomUUID() });
    const sam = recordPackets(room.partnerB);
    const samPaused = paused(room.partnerB);
    const started = await call<SafetyState>(room.therapist, 'safety:protocol-start', { partnerId: room.ids.a });
    expect(started).toMatchObject({
      ok: true,
      data: { protocol: { step: 'pause', firstPartnerId: room.ids.a, secondPartnerId: room.ids.b } },
    });
    // The room's pause is the couple's shortest one, called by the therapist (as any therapist's pause).
    const pause = (await samPaused).pause;
    expect(pause?.calledBy).toMatchObject({ role: 'therapist' });
    expect(pause?.timer.durationMs).toBe(2 * 60_000);
    // A double click starts nothing more.
    const again = await call<SafetyState>(room.therapist, 'safety:protocol-start', { partnerId: room.ids.a });
    expect(again.ok && again.data.protocol?.id).toBe(started.ok && started.data.protocol?.id);

    // The pause ends (the therapist ends it early): the breakout with Alex, and Sam sees only the neutral reason.
    const samSeesAlexAside = breakoutWith(room.partnerB, room.ids.a);
    const toFirst = nextEvent<SafetyState>(room.therapist, 'safety:state', (st) => st.protocol?.step === 'first');
    await call(room.therapist, 'pause:end', {});
    expect(await samSeesAlexAside).toMatchObject({ partnerId: room.ids.a, message: '', reason: 'each-of-you' });
    await toFirst;

    // That breakout ends: the queued one with Sam starts at once, with the same reason.
    const alexSeesSamAside = breakoutWith(room.partnerA, room.ids.b);
    await call(room.therapist, 'breakout:end', {});
    expect(await alexSeesSamAside).toMatchObject({ partnerId: room.ids.b, message: '', reason: 'each-of-you' });

    // The second ends: the protocol is done, nothing else starts.
    const done = nextEvent<SafetyState>(room.therapist, 'safety:state', (st) => st.protocol === null);
    await call(room.therapist, 'breakout:end', {});
    await done;
    const breakouts = await server.ctx.db
      .selectFrom('breakouts')
      .select(['partner_id', 'reason', 'ended_at'])
      .where('session_id', '=', room.s.sessionId)
      .orderBy('started_at')
      .execute();
    expect(breakouts.map((b) => [b.partner_id, b.reason, b.ended_at !== null])).toEqual([
      [room.ids.a, 'each-of-you', true],
      [room.ids.b, 'each-of-you', true],
    ]);

    // Nothing Sam received names the signal or the protocol: only the room's pause and breakouts.
    await call(room.partnerB, 'time:ping', {});
    const allowed = new Set(['ack', 'event:breakout:state', 'event:timer:update', 'event:script:update']);
    expect(
      sam
        .since(0)
        .map(shapeOf)
        .filter((x) => !allowed.has(x)),
    ).toEqual([]);
    for (const p of sam.since(0)) expect(p.raw).not.toMatch(/safety|signal|protocol/);
  });

  it('resumes after a restart: the stored step moves on when the pause ends', async () => {
    await call(room.therapist, 'safety:protocol-start', { partnerId: room.ids.b });
    room.close();
    await server.stop();
    server = await server.restart();
    await room.reconnect();
    sockets.push(room.therapist, room.partnerA, room.partnerB);
    const state = await call<SafetyState>(room.therapist, 'safety:state', {});
    expect(state.ok && state.data.protocol?.step).toBe('pause');
    const aside = breakoutWith(room.partnerA, room.ids.b);
    await call(room.therapist, 'pause:end', {});
    expect(await aside).toMatchObject({ reason: 'each-of-you' });
  });

  it('stops on request, refuses during another breakout, for a stranger and for a partner who is not here', async () => {
    await call(room.therapist, 'breakout:start', { partnerId: room.ids.b });
    expect(await call(room.therapist, 'safety:protocol-start', { partnerId: room.ids.a })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    await call(room.therapist, 'breakout:end', {});
    expect(await call(room.therapist, 'safety:protocol-start', { partnerId: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    expect(await call(room.therapist, 'safety:protocol-start', { partnerId: 'nope' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST' },
    });
    await call(room.therapist, 'safety:protocol-start', { partnerId: room.ids.a });
    const stopped = await call<SafetyState>(room.therapist, 'safety:protocol-stop', {});
    expect(stopped).toMatchObject({ ok: true, data: { protocol: null } });
    // The pause goes on, but its end starts no breakout.
    const ended = nextEvent<TimersView>(room.partnerB, 'timer:update', (v) => v.pause === null);
    await call(room.therapist, 'pause:end', {});
    await ended;
    await call(room.partnerB, 'time:ping', {});
    expect(await call<{ breakout: unknown }>(room.therapist, 'video:hello', {})).toMatchObject({
      ok: true,
      data: { breakout: null },
    });
  });

  it('keeps each partner’s agreed label to the therapist and that partner', async () => {
    const { coupleId } = { coupleId: room.s.couple.id };
    const put = (label: unknown, partnerId = room.ids.a) =>
      room.s.therapist.request('PUT', `/api/couples/${coupleId}/partners/${partnerId}/stop-signal`, { label });
    expect((await put('I’d like some water')).status).toBe(200);
    expect((await put('¿Me traes un vaso de agua?', room.ids.b)).status).toBe(200);
    for (const bad of ['x'.repeat(61), 'water\u202e', 42, undefined]) expect((await put(bad)).status).toBe(400);
    expect((await put('water', randomUUID())).status).toBe(404);
    const other = await addTherapist(server);
    const foreign = await other.request('PUT', `/api/couples/${coupleId}/partners/${room.ids.a}/stop-signal`, {
      label: 'x',
    });
    expect(foreign.status).toBe(403);
    expect((await other.request('GET', `/api/couples/${coupleId}/stop-signal`)).status).toBe(403);

    expect(await room.s.therapist.ok<PartnerStopLabelDto[]>('GET', `/api/couples/${coupleId}/stop-signal`)).toEqual([
      { partnerId: room.ids.a, label: 'I’d like some water' },
      { partnerId: room.ids.b, label: '¿Me traes un vaso de agua?' },
    ]);
    // Each partner reads their own label only; the couple's list is the therapist's.
    const mine = await room.s.partnerA.ok<StopLabelDto>('GET', `/api/join/${room.s.sessionId}/stop-signal`);
    expect(mine).toEqual({ label: 'I’d like some water' });
    const samRes = await room.s.partnerB.request<StopLabelDto>('GET', `/api/join/${room.s.sessionId}/stop-signal`);
    expect(JSON.stringify(samRes.body)).not.toContain('water');
    expect((await room.s.partnerB.request('GET', `/api/couples/${coupleId}/stop-signal`)).status).toBe(401);
    // Empty goes back to the default neutral label.
    expect((await put('')).status).toBe(200);
    expect(await room.s.partnerA.ok<StopLabelDto>('GET', `/api/join/${room.s.sessionId}/stop-signal`)).toEqual({
      label: null,
    });
  });
});
