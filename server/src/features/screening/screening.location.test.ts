/**
 * Where a partner is at a session's start reaches the therapist only: the therapist's socket hears it, Sam's
 * socket receives no packet in that window that it would not have received otherwise (against a control window),
 * and none of Sam's routes carries it. Stored per session per partner, across a restart of the reads.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MyLocationDto, RoomWhereaboutsDto, SessionLocationDto } from '@tandem/shared';
import { DB_KINDS, call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { recordPackets, shapeOf } from '../../test/packets.js';
import { admittedRoom, type Room } from '../../test/room.js';

const OTHER_PLACE = 'ZZHOTEL-ALEX-41';

describe.each(DB_KINDS)('the location at a session’s start (%s)', (db) => {
  let server: TestServer;
  let room: Room;

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('reaches the therapist’s socket only: no packet for Sam in the window against a control window', async () => {
    const { s } = room;
    const path = `/api/join/${s.sessionId}/location`;
    const sam = recordPackets(room.partnerB);
    const window = async (act: () => Promise<void>) => {
      const mark = sam.mark();
      await act();
      await call(room.partnerB, 'time:ping', {});
      return sam.since(mark);
    };
    for (let quiet = false, i = 0; !quiet && i < 20; i++) {
      quiet = (await window(() => Promise.resolve())).every((p) => shapeOf(p) === 'ack');
    }
    // Control: Alex reads their own location (tells nobody anything).
    const control = await window(async () => {
      expect((await s.partnerA.ok<MyLocationDto>('GET', path)).current).toBeNull();
    });
    const told = nextEvent<SessionLocationDto>(room.therapist, 'safety:location');
    const confirmed = await window(async () => {
      const mine = await s.partnerA.ok<MyLocationDto>('PUT', path, {
        usual: false,
        address: OTHER_PLACE,
        country: 'MX',
        private: false,
      });
      expect(mine.current).toMatchObject({ partnerId: room.ids.a, address: OTHER_PLACE, private: false });
      expect(await told).toMatchObject({ partnerId: room.ids.a, usual: false, address: OTHER_PLACE, country: 'MX' });
    });
    expect(control.map(shapeOf)).toEqual(['ack']);
    expect(confirmed.map(shapeOf)).toEqual(control.map(shapeOf));
    for (const p of confirmed) {
      expect(p.raw).not.toContain(OTHER_PLACE);
      expect(p.raw).not.toContain('location');
    }

    // The therapist's room view: where Alex is, and Mexico's number; Sam has not said yet.
    const where = await s.therapist.ok<RoomWhereaboutsDto>('GET', `/api/sessions/${s.sessionId}/whereabouts`);
    expect(where.partners.find((p) => p.partnerId === room.ids.a)).toMatchObject({
      location: { address: OTHER_PLACE, private: false },
      emergency: { number: '911' },
    });
    expect(where.partners.find((p) => p.partnerId === room.ids.b)).toMatchObject({ location: null, emergency: null });

    // Sam's routes: none of it.
    for (const url of [path, `/api/sessions/${s.sessionId}/whereabouts`, `/api/join/${s.sessionId}`]) {
      const res = await fetch(server.url + url, { headers: { cookie: s.partnerB.cookieHeader, origin: server.url } });
      expect(await res.text(), url).not.toContain(OTHER_PLACE);
    }
    // Stored: Sam's own answer is Sam's; Alex changes theirs to the usual place.
    await s.partnerB.ok('PUT', path, { usual: true, address: null, country: null, private: true });
    expect((await s.partnerB.ok<MyLocationDto>('GET', path)).current).toMatchObject({
      partnerId: room.ids.b,
      usual: true,
    });
    await s.partnerA.ok('PUT', path, { usual: true, address: null, country: null, private: true });
    const rows = await server.ctx.db.selectFrom('session_locations').selectAll().execute();
    expect(rows.map((r) => [r.partner_id, Number(r.usual), r.address]).sort()).toEqual(
      [
        [room.ids.a, 1, null],
        [room.ids.b, 1, null],
      ].sort(),
    );
  });

  it('refuses a bad location and a therapist’s cookie, changing nothing', async () => {
    const { s } = room;
    const path = `/api/join/${s.sessionId}/location`;
    for (const bad of [
      { usual: false, address: null, country: null, private: true },
      { usual: false, address: 'x', country: 'ZZ', private: true },
      { usual: true, address: 'somewhere', country: 'ES', private: true },
      { usual: true, address: null, country: null },
      { usual: false, address: 'y'.repeat(501), country: 'ES', private: true },
    ]) {
      expect((await s.partnerA.request('PUT', path, bad)).status).toBe(400);
    }
    expect(
      (await s.therapist.request('PUT', path, { usual: true, address: null, country: null, private: true })).status,
    ).toBeGreaterThanOrEqual(401);
    expect(await server.ctx.db.selectFrom('session_locations').selectAll().execute()).toEqual([]);
  });
});
