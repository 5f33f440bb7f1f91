import { afterEach, describe, expect, it } from 'vitest';
import type { MeasureResponseDto, MeasuresRoomState, MeasuresView, SessionRecordDto } from '@tandem/shared';
import { sessionRecordSchema } from '@tandem/shared/schemas';
import {
  DB_KINDS,
  call,
  connectSocket,
  nextEvent,
  redeem,
  jointSessionScenario,
  startTestServer,
  type TestServer,
} from '../../test/harness.js';
import { admittedRoom, manualClock, type Room } from '../../test/room.js';

const checkIn = (answers: Record<string, number | string>) => ({
  occasion: 'check-in',
  instrumentId: 'tandem.check-in',
  instrumentVersion: 1,
  answers,
});
const statusOf = (s: MeasuresRoomState, o: string) => s.occasions.find((x) => x.occasion === o)?.status;

describe.each(DB_KINDS)('the check-in and check-out in a live session (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clock = manualClock();
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('opens the check-in at the start; each partner’s answers reach their own devices and the therapist, never the other partner', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    const { s, ids } = room;
    const samHeard: string[] = [];
    room.partnerB.onAny((event: string, ...args: unknown[]) => samHeard.push(`${event} ${JSON.stringify(args)}`));

    const alexView = await call<MeasuresView>(room.partnerA, 'measures:state', {});
    expect(alexView.ok && statusOf(alexView.data, 'check-in')).toBe('open');
    expect(alexView.ok && statusOf(alexView.data, 'check-out')).toBe('pending');
    expect(alexView.ok && alexView.data.instruments.map((i) => `${i.id}@${i.version}`)).toEqual([
      'tandem.check-in@1',
      'tandem.check-out@1',
    ]);

    // The therapist gets Alex's answer; Sam does not.
    const toTherapist = nextEvent<MeasureResponseDto>(
      room.therapist,
      'measures:response',
      (r) => r.partnerId === ids.a,
    );
    const answered = await call<MeasureResponseDto>(
      room.partnerA,
      'measures:answer',
      checkIn({ how: 7, since: 'marker-a-91fe calmer week' }),
    );
    expect(answered).toMatchObject({ ok: true, data: { partnerId: ids.a, score: 7, occasion: 'check-in' } });
    expect((await toTherapist).answers).toEqual({ how: 7, since: 'marker-a-91fe calmer week' });

    // Sam answers his own; he gets his own back.
    const samOwn = nextEvent<MeasureResponseDto>(room.partnerB, 'measures:response');
    await call(room.partnerB, 'measures:answer', checkIn({ how: 3, since: 'marker-b-22c7' }));
    expect((await samOwn).partnerId).toBe(ids.b);

    // Sentinel: Sam's own state request is answered after anything the server sent him before it.
    const samView = await call<MeasuresView>(room.partnerB, 'measures:state', {});
    expect(samView.ok && samView.data.responses.map((r) => r.partnerId)).toEqual([ids.b]);
    const samBytes = samHeard.join('\n') + JSON.stringify(samView);
    expect(samBytes).not.toContain('marker-a-91fe');
    expect(samBytes).not.toContain(ids.a + '","answers');

    // REST: the record is the therapist's only (a partner's cookie is refused as such); Sam's join info carries nothing of Alex's.
    const samRecord = await s.partnerB.request('GET', `/api/sessions/${s.sessionId}/record`);
    expect(samRecord.status).toBe(403);
    const samJoin = await s.partnerB.request('GET', `/api/join/${s.sessionId}`);
    expect(JSON.stringify(samJoin.body)).not.toContain('marker-a-91fe');
    expect(JSON.stringify(samRecord.body)).not.toContain('marker-a-91fe');

    // The therapist sees both, side by side.
    const therapistView = await call<MeasuresView>(room.therapist, 'measures:state', {});
    expect(therapistView.ok && therapistView.data.responses.map((r) => [r.partnerId, r.score])).toEqual([
      [ids.a, 7],
      [ids.b, 3],
    ]);
    // Alex changes the answer while it is open: one row, updated.
    await call(room.partnerA, 'measures:answer', checkIn({ how: 8 }));
    const rows = await server.ctx.db
      .selectFrom('measure_responses')
      .selectAll()
      .where('partner_id', '=', ids.a)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ score: 8, instrument_id: 'tandem.check-in', instrument_version: 1 });
  });

  it('refuses bad answers and changes nothing', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    await call(room.partnerA, 'measures:state', {});
    const refusals: [unknown, string][] = [
      [checkIn({ how: 11 }), 'BAD_REQUEST'],
      [checkIn({ how: 2.5 }), 'BAD_REQUEST'],
      [checkIn({ mood: 4 }), 'BAD_REQUEST'],
      [checkIn({ since: 'x'.repeat(281) }), 'BAD_REQUEST'],
      [checkIn({ since: 'bad \u202e direction' }), 'BAD_REQUEST'],
      [{ ...checkIn({ how: 4 }), instrumentVersion: 2 }, 'CONFLICT'],
      [{ ...checkIn({ how: 4 }), instrumentId: 'tandem.check-out' }, 'CONFLICT'],
      [{ ...checkIn({ how: 4 }), occasion: 'check-out' }, 'CONFLICT'],
      [{ ...checkIn({ how: 4 }), occasion: 'weekly' }, 'BAD_REQUEST'],
      [{ ...checkIn({ how: 4 }), extra: true }, 'BAD_REQUEST'],
      ['not an object', 'BAD_REQUEST'],
    ];
    for (const [payload, code] of refusals) {
      expect(await call(room.partnerA, 'measures:answer', payload)).toMatchObject({ ok: false, error: { code } });
    }
    // The therapist does not answer; a partner does not open or close.
    expect(await call(room.therapist, 'measures:answer', checkIn({ how: 4 }))).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    for (const event of ['measures:open', 'measures:close']) {
      expect(await call(room.partnerA, event, { occasion: 'check-out' })).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN' },
      });
    }
    // Closed: refused.
    await call(room.therapist, 'measures:close', { occasion: 'check-in' });
    expect(await call(room.partnerA, 'measures:answer', checkIn({ how: 4 }))).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect(await server.ctx.db.selectFrom('measure_responses').selectAll().execute()).toEqual([]);
  });

  it('refuses a device still in the waiting room', async () => {
    server = await startTestServer({ db });
    const s = await jointSessionScenario(server);
    const t = await connectSocket(s.therapist, s.sessionId);
    await call(t, 'session:hello', {});
    await redeem(s.partnerA, s.tokenOf(0));
    const waiting = await connectSocket(s.partnerA, s.sessionId);
    await call(waiting, 'session:hello', {});
    room = { close: () => [t, waiting].forEach((x) => x.close()) } as Room;
    expect(await call(waiting, 'measures:state', {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(waiting, 'measures:answer', checkIn({ how: 5 }))).toMatchObject({ ok: false });
  });

  it('lets the therapist open and close either at any time; the room hears only open or closed', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    await call(room.therapist, 'measures:state', {});
    const samSees = nextEvent<MeasuresRoomState>(
      room.partnerB,
      'measures:update',
      (st) => statusOf(st, 'check-out') === 'open',
    );
    const opened = await call<MeasuresRoomState>(room.therapist, 'measures:open', { occasion: 'check-out' });
    expect(opened.ok && statusOf(opened.data, 'check-out')).toBe('open');
    expect(opened.ok && statusOf(opened.data, 'check-in')).toBe('closed');
    expect(Object.keys(await samSees)).toEqual(['occasions']);
    const answered = await call<MeasureResponseDto>(room.partnerB, 'measures:answer', {
      occasion: 'check-out',
      instrumentId: 'tandem.check-out',
      instrumentVersion: 1,
      answers: { heard: 9, mattered: 8, overall: 7 },
    });
    expect(answered).toMatchObject({ ok: true, data: { score: 32 } });
    const reopened = await call<MeasuresRoomState>(room.therapist, 'measures:open', { occasion: 'check-in' });
    expect(reopened.ok && statusOf(reopened.data, 'check-in')).toBe('open');
    expect(await call(room.partnerA, 'measures:answer', checkIn({ how: 5 }))).toMatchObject({ ok: true });
  });

  it('opens the check-out ten minutes before the planned end, and keeps answers and state across a restart', async () => {
    server = await startTestServer({ db, clock });
    room = await admittedRoom(server);
    await call(room.partnerA, 'measures:answer', checkIn({ how: 6, since: 'kept' }));
    expect(await call(room.partnerA, 'measures:answer', checkIn({ how: 6, since: 'kept' }))).toMatchObject({
      ok: true,
    });
    const opens = nextEvent<MeasuresRoomState>(
      room.partnerA,
      'measures:update',
      (st) => statusOf(st, 'check-out') === 'open',
    );
    clock.advance(41 * 60_000); // a 50-minute session: the check-out is due at 40 minutes
    const state = await opens;
    expect(statusOf(state, 'check-in')).toBe('closed');
    // In a live room the therapist's sign-in is kept fresh (the idle watch does it on its own timer, which this
    // clock jump skips): a request now, in the room, does the same before the restart.
    await room.s.therapist.ok('GET', '/api/auth/me');

    await server.stop();
    server = await server.restart();
    await room.reconnect();
    const after = await call<MeasuresView>(room.partnerA, 'measures:state', {});
    expect(after.ok && statusOf(after.data, 'check-out')).toBe('open');
    expect(after.ok && after.data.responses.map((r) => r.answers)).toEqual([{ how: 6, since: 'kept' }]);
  });

  it('limits how fast a partner answers', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    let last: unknown;
    for (let i = 0; i < 31; i++) last = await call(room.partnerA, 'measures:answer', checkIn({ how: i % 11 }));
    expect(last).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
  });

  it('shows both partners’ answers in the session record', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    const { s, ids } = room;
    await call(room.partnerA, 'measures:answer', checkIn({ how: 7, since: 'A line' }));
    await call(room.partnerB, 'measures:answer', checkIn({ how: 4 }));
    await call(room.therapist, 'measures:open', { occasion: 'check-out' });
    await call(room.partnerA, 'measures:answer', {
      occasion: 'check-out',
      instrumentId: 'tandem.check-out',
      instrumentVersion: 1,
      answers: { heard: 8, mattered: 7, approach: 9, overall: 6 },
    });
    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${s.sessionId}/record`);
    expect(() => sessionRecordSchema.parse(record)).not.toThrow();
    expect(record.measures.responses.map((r) => [r.occasion, r.partnerId, r.score])).toEqual([
      ['check-in', ids.a, 7],
      ['check-in', ids.b, 4],
      ['check-out', ids.a, 30],
    ]);
    expect(record.measures.instruments.map((i) => i.id)).toEqual(['tandem.check-in', 'tandem.check-out']);
  });
});
