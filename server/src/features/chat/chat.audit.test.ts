import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChatMessageDto } from '@tandem/shared';
import { DB_KINDS, call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('the audit log records the therapist reading a private line (%s)', (db) => {
  let server: TestServer;
  let room: Room;

  const reads = () =>
    server.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'chat.read_by_therapist')
      .orderBy('at')
      .execute();

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('writes one row, ids only, each time the therapist opens or marks read a partner’s line', async () => {
    const { a } = room.ids;
    const sent = await call<ChatMessageDto>(room.partnerA, 'chat:send', {
      partnerId: a,
      text: 'I am scared to say this',
    });
    if (!sent.ok) throw new Error('send failed');

    expect((await call(room.therapist, 'chat:history', { partnerId: a })).ok).toBe(true);
    expect(await reads()).toHaveLength(1);

    const read = nextEvent(room.partnerA, 'chat:read');
    expect((await call(room.therapist, 'chat:read', { partnerId: a, upToId: sent.data.id })).ok).toBe(true);
    await read;
    expect(await reads()).toHaveLength(2);

    await room.s.therapist.ok('GET', `/api/partners/${a}/chat`);
    const rows = await reads();
    expect(rows).toHaveLength(3);
    for (const row of rows) {
      expect(row).toMatchObject({ actor_type: 'therapist', actor_id: room.ids.therapist, target_id: a });
      expect(JSON.stringify(row)).not.toContain('scared');
    }
    expect(rows.map((r) => r.session_id)).toEqual([room.s.sessionId, room.s.sessionId, null]);
  });

  it('writes nothing when a partner reads their own line or nothing new was read', async () => {
    const { a } = room.ids;
    const sent = await call<ChatMessageDto>(room.therapist, 'chat:send', { partnerId: a, text: 'Take your time.' });
    if (!sent.ok) throw new Error('send failed');
    expect((await call(room.partnerA, 'chat:history', { partnerId: a })).ok).toBe(true);
    expect((await call(room.partnerA, 'chat:read', { partnerId: a, upToId: sent.data.id })).ok).toBe(true);
    // The therapist's own message is not "unread" for the therapist: nothing was read, nothing is written.
    expect((await call(room.therapist, 'chat:read', { partnerId: a, upToId: sent.data.id })).ok).toBe(true);
    expect(await reads()).toHaveLength(0);
  });
});
