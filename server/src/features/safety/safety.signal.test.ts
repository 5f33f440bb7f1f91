import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IssuedInviteDto, ParticipantView, SafetyState } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  nextEvent,
  redeem,
  startTestServer,
  tokenFromUrl,
  type ClientSocket,
  type TestServer,
} from '../../test/harness.js';
import { recordPackets, shapeOf, type PacketLog } from '../../test/packets.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('the covert stop signal (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const sockets: ClientSocket[] = [];

  /** Alex's second device (e.g. a tablet in the same room), admitted. */
  async function alexSecondDevice(): Promise<ClientSocket> {
    const path = `/api/sessions/${room.s.sessionId}/invites/${room.ids.a}`;
    const issued = await room.s.therapist.ok<IssuedInviteDto>('POST', path, { keepDevices: true });
    const browser = new Browser(server.url);
    await redeem(browser, tokenFromUrl(issued.url));
    const devicesOf = (l: ParticipantView[]) => l.find((p) => p.id === room.ids.a)?.devices ?? [];
    const waiting = nextEvent<ParticipantView[]>(room.therapist, 'presence:update', (l) =>
      devicesOf(l).some((d) => d.status === 'waiting'),
    );
    const socket = await connectSocket(browser, room.s.sessionId);
    sockets.push(socket);
    const deviceId = devicesOf(await waiting).find((d) => d.status === 'waiting')?.id ?? '';
    await call(socket, 'session:hello', {});
    const admitted = nextEvent<ParticipantView[]>(room.therapist, 'presence:update', (l) =>
      devicesOf(l).every((d) => d.status === 'online'),
    );
    // The room hears a presence update too (the admission is not news to it, but it is sent): let it arrive.
    const samHeard = nextEvent(room.partnerB, 'presence:update');
    expect(await call(room.therapist, 'lobby:admit', { partnerId: room.ids.a, deviceId })).toMatchObject({ ok: true });
    await admitted;
    await samHeard;
    return socket;
  }

  const signalRows = () =>
    server.ctx.db.selectFrom('stop_signals').selectAll().where('session_id', '=', room.s.sessionId).execute();

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    sockets.push(room.therapist, room.partnerA, room.partnerB);
  });
  afterEach(async () => {
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('reaches the therapist only: Sam and Alex’s other device receive no packet in the window (against a control window)', async () => {
    const alexTablet = await alexSecondDevice();
    const logs: Record<'sam' | 'tablet', PacketLog> = {
      sam: recordPackets(room.partnerB),
      tablet: recordPackets(alexTablet),
    };
    /** Everyone else ends a window with a sentinel round trip of their own: what came before it is the window. */
    const window = async (act: () => Promise<void>) => {
      const marks = { sam: logs.sam.mark(), tablet: logs.tablet.mark() };
      await act();
      await call(room.partnerB, 'time:ping', {});
      await call(alexTablet, 'time:ping', {});
      return {
        sam: logs.sam.since(marks.sam),
        tablet: logs.tablet.since(marks.tablet),
      };
    };

    // Let the room settle (the tablet's arrival sends presence updates for a while): windows with nothing in them.
    for (let quiet = false, i = 0; !quiet && i < 20; i++) {
      const w = await window(() => Promise.resolve());
      quiet = [...w.sam, ...w.tablet].every((p) => shapeOf(p) === 'ack');
    }
    // Control: Alex does something that tells nobody anything (a clock ping), the therapist asks for the state.
    const control = await window(async () => {
      await call(room.partnerA, 'time:ping', {});
      await call(room.therapist, 'safety:state', {});
    });
    // The signal: acked to Alex, told to the therapist.
    const id = randomUUID();
    const told = nextEvent<SafetyState>(room.therapist, 'safety:state', (st) => st.alerts.length > 0);
    const signalled = await window(async () => {
      expect(await call(room.partnerA, 'safety:signal', { id })).toEqual({ ok: true, data: null });
      expect((await told).alerts).toEqual([
        { partnerId: room.ids.a, name: 'Alex', at: expect.any(String) as unknown, count: 1 },
      ]);
    });

    expect(control.sam.map(shapeOf)).toEqual(['ack']);
    expect(control.tablet.map(shapeOf)).toEqual(['ack']);
    expect(signalled.sam.map(shapeOf)).toEqual(control.sam.map(shapeOf));
    expect(signalled.tablet.map(shapeOf)).toEqual(control.tablet.map(shapeOf));
    for (const p of [...signalled.sam, ...signalled.tablet]) {
      expect(p.raw).not.toContain('safety');
      expect(p.raw).not.toContain(id);
      expect(p.raw).not.toContain(room.ids.a);
    }
    // Stored, and audited with ids only.
    expect(await signalRows()).toHaveLength(1);
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'partner.stop_signal')
      .execute();
    expect(audit).toMatchObject([{ actor_type: 'partner', actor_id: room.ids.a, session_id: room.s.sessionId }]);
  });

  it('counts one press once, whether it came by socket, by the REST fallback or both', async () => {
    const id = randomUUID();
    const first = nextEvent<SafetyState>(room.therapist, 'safety:state');
    expect(await call(room.partnerA, 'safety:signal', { id })).toMatchObject({ ok: true });
    await first;
    const states: SafetyState[] = [];
    room.therapist.on('safety:state', (st) => states.push(st));
    expect(await room.s.partnerA.ok('POST', `/api/join/${room.s.sessionId}/stop-signal`, { id })).toBeNull();
    expect(await call(room.partnerA, 'safety:signal', { id })).toMatchObject({ ok: true });
    expect(await signalRows()).toHaveLength(1);
    // A second press by REST alone (the socket was down) is a new signal.
    const second = nextEvent<SafetyState>(room.therapist, 'safety:state', (st) => st.alerts[0]?.count === 2);
    await room.s.partnerA.ok('POST', `/api/join/${room.s.sessionId}/stop-signal`, { id: randomUUID() });
    await second;
    expect(states.filter((st) => st.alerts[0]?.count === 1)).toEqual([]);
  });

  it('refuses a malformed signal, the therapist sending one, and a stranger’s REST call, changing nothing', async () => {
    for (const bad of [
      {},
      { id: 'not-a-uuid' },
      { id: randomUUID(), partnerId: room.ids.b },
      { id: 'x'.repeat(5000) },
    ]) {
      expect(await call(room.partnerA, 'safety:signal', bad)).toMatchObject({
        ok: false,
        error: { code: 'BAD_REQUEST' },
      });
    }
    expect(await call(room.therapist, 'safety:signal', { id: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const stranger = new Browser(server.url);
    const res = await stranger.request('POST', `/api/join/${room.s.sessionId}/stop-signal`, { id: randomUUID() });
    expect(res.status).toBe(401);
    const bodyBad = await room.s.partnerA.request('POST', `/api/join/${room.s.sessionId}/stop-signal`, { id: 7 });
    expect(bodyBad.status).toBe(400);
    expect(await signalRows()).toEqual([]);
    // A partner cannot read or act on the therapist's safety state.
    for (const [event, payload] of [
      ['safety:state', {}],
      ['safety:dismiss', { partnerId: room.ids.a }],
      ['safety:protocol-start', { partnerId: room.ids.a }],
      ['safety:protocol-stop', {}],
    ] as const) {
      expect(await call(room.partnerB, event, payload)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
  });

  it('limits a partner to 10 signals a minute (socket and REST together)', async () => {
    for (let i = 0; i < 10; i++) {
      const via = i % 2 === 0;
      if (via) expect(await call(room.partnerA, 'safety:signal', { id: randomUUID() })).toMatchObject({ ok: true });
      else await room.s.partnerA.ok('POST', `/api/join/${room.s.sessionId}/stop-signal`, { id: randomUUID() });
    }
    expect(await call(room.partnerA, 'safety:signal', { id: randomUUID() })).toMatchObject({
      ok: false,
      error: { code: 'RATE_LIMITED' },
    });
    const rest = await room.s.partnerA.request('POST', `/api/join/${room.s.sessionId}/stop-signal`, {
      id: randomUUID(),
    });
    expect(rest.status).toBe(429);
    expect(await signalRows()).toHaveLength(10);
    // Sam's own limit is untouched.
    expect(await call(room.partnerB, 'safety:signal', { id: randomUUID() })).toMatchObject({ ok: true });
  });

  it('keeps the alert across a reload until the therapist dismisses it', async () => {
    await call(room.partnerA, 'safety:signal', { id: randomUUID() });
    room.therapist.close();
    const therapist = await connectSocket(room.s.therapist, room.s.sessionId);
    sockets.push(therapist);
    await call(therapist, 'session:hello', {});
    const state = await call<SafetyState>(therapist, 'safety:state', {});
    expect(state.ok && state.data.alerts.map((a) => a.name)).toEqual(['Alex']);
    const dismissed = await call<SafetyState>(therapist, 'safety:dismiss', { partnerId: room.ids.a });
    expect(dismissed).toEqual({ ok: true, data: { alerts: [], protocol: null } });
    const again = await call<SafetyState>(therapist, 'safety:state', {});
    expect(again.ok && again.data.alerts).toEqual([]);
  });
});
