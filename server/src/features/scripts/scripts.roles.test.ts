import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptRunView } from '@tandem/shared';
import { DB_KINDS, call, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('who takes a script’s roles (%s)', (db) => {
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

  it('refuses one partner as both speaker and listener, and starts nothing', async () => {
    const res = await call(room.therapist, 'script:start', {
      scriptId: 'speaker-listener',
      assignments: { speaker: room.ids.a, listener: room.ids.a },
    });
    expect(res).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    const state = await call<ScriptRunView | null>(room.therapist, 'script:state', {});
    expect(state).toEqual({ ok: true, data: null });
  });
});
