import { afterEach, describe, expect, it } from 'vitest';
import type { TimersView } from '@tandem/shared';
import { call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, manualClock, type Room } from '../../test/room.js';

describe('a pause that runs out', () => {
  let server: TestServer;
  let room: Room;
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('ends by itself at its deadline and brings everyone back together', async () => {
    const clock = manualClock();
    server = await startTestServer({ clock });
    room = await admittedRoom(server);
    await call(room.partnerA, 'pause:call', { minutes: 1 });
    const back = [room.therapist, room.partnerA, room.partnerB].map((sock) =>
      nextEvent<TimersView>(sock, 'timer:update', (v) => v.pause === null, 5_000),
    );
    clock.advance(59_700); // the wake-up fires about 300 ms later, at the deadline
    await Promise.all(back);
    const row = await server.ctx.db.selectFrom('pauses').selectAll().executeTakeFirstOrThrow();
    expect(row.end_reason).toBe('expired');
    expect(Number(row.ended_at)).toBe(Number(row.started_at) + 60_000);
  });
});
