/**
 * Text PostgreSQL cannot store (a NUL character: SQLSTATE 22021) is the client's mistake, not a server error:
 * a typed BAD_REQUEST on every channel, and nothing is written.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CreatedSessionDto } from '@tandem/shared';
import { DB_KINDS, call, jointSessionScenario, startTestServer, type TestServer } from '../test/harness.js';
import { admittedRoom, type Room } from '../test/room.js';

describe.each(DB_KINDS)('a NUL character in free text (%s)', (db) => {
  let server: TestServer;
  let room: Room | undefined;

  beforeEach(async () => {
    server = await startTestServer({ db });
  });
  afterEach(async () => {
    room?.close();
    room = undefined;
    await server.dispose();
  });

  it('a session title with a NUL never answers 500, and PostgreSQL refuses it as BAD_REQUEST', async () => {
    const s = await jointSessionScenario(server);
    const before = await server.ctx.db.selectFrom('sessions').select('id').execute();
    const res = await s.therapist.request<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      title: 'Week\u0000three',
    });
    expect(res.status).not.toBe(500);
    if (db === 'postgres') {
      expect(res.status).toBe(400);
      expect(res.body.ok ? 'ok' : res.body.error.code).toBe('BAD_REQUEST');
      const after = await server.ctx.db.selectFrom('sessions').select('id').execute();
      expect(after).toHaveLength(before.length);
    }
  });

  it('a private message with a NUL is never INTERNAL, and PostgreSQL refuses it as BAD_REQUEST', async () => {
    room = await admittedRoom(server);
    const ack = await call(room.therapist, 'chat:send', { partnerId: room.ids.a, text: 'hello\u0000there' });
    const code = ack.ok ? 'ok' : ack.error.code;
    expect(code).not.toBe('INTERNAL');
    if (db === 'postgres') {
      expect(code).toBe('BAD_REQUEST');
      const rows = await server.ctx.db.selectFrom('chat_messages').select('id').execute();
      expect(rows).toEqual([]);
    }
  });
});
