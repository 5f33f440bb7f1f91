import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthEndedInfo, ChatMessageDto, IssuedInviteDto, ParticipantView, SelfView } from '@tandem/shared';
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
import { admittedRoom, type Room } from '../../test/room.js';
import { SOCKETS_PER_PERSON } from '../../realtime/socket.js';

const devicesOf = (list: ParticipantView[], partnerId: string) => list.find((p) => p.id === partnerId)?.devices ?? [];

/** Every event a socket receives, in order (to prove what it did NOT receive, up to a sentinel). */
function recordEvents(socket: ClientSocket): string[] {
  const seen: string[] = [];
  socket.onAny((event: string) => seen.push(event));
  return seen;
}

describe.each(DB_KINDS)('admission per device (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);

  /** Alex opens a link on a second device: a link for another device keeps the first one, a re-issue does not. */
  async function secondDevice(keepDevices: boolean): Promise<{ browser: Browser; socket: ClientSocket; id: string }> {
    const path = `/api/sessions/${room.s.sessionId}/invites/${room.ids.a}`;
    const issued = await room.s.therapist.ok<IssuedInviteDto>('POST', path, keepDevices ? { keepDevices } : undefined);
    const browser = new Browser(server.url);
    await redeem(browser, tokenFromUrl(issued.url));
    const waiting = nextEvent<ParticipantView[]>(room.therapist, 'presence:update', (l) =>
      devicesOf(l, room.ids.a).some((d) => d.status === 'waiting'),
    );
    const socket = track(await connectSocket(browser, room.s.sessionId));
    const list = await waiting;
    const id = devicesOf(list, room.ids.a).find((d) => d.status === 'waiting')?.id ?? '';
    return { browser, socket, id };
  }

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    sockets.push(room.therapist, room.partnerA, room.partnerB);
  });
  afterEach(async () => {
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('makes a second device wait for admission while the first stays admitted, and shows both to the therapist', async () => {
    const second = await secondDevice(true);
    const hello = await call<{ self: SelfView; participants: ParticipantView[]; partners: unknown[] }>(
      second.socket,
      'session:hello',
      {},
    );
    expect(hello.ok && hello.data.self.status).toBe('waiting');
    // Nothing but its own state: no people, no partners.
    expect(hello.ok && hello.data.participants).toEqual([]);
    expect(hello.ok && hello.data.partners).toEqual([]);
    // Its own join page asks for the policy again, and says it waits.
    const info = await second.browser.ok<{ admission: string; policyAcknowledged: boolean }>(
      'GET',
      `/api/join/${room.s.sessionId}`,
    );
    expect(info).toMatchObject({ admission: 'waiting', policyAcknowledged: false });
    // It may not act in the room.
    expect(await call(second.socket, 'chat:history', { partnerId: room.ids.a })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' },
    });
    const first = await call<{ self: SelfView }>(room.partnerA, 'session:hello', {});
    expect(first.ok && first.data.self.status).toBe('online');

    const therapistView = await call<{ participants: ParticipantView[] }>(room.therapist, 'session:hello', {});
    const devices = therapistView.ok ? devicesOf(therapistView.data.participants, room.ids.a) : [];
    expect(devices.map((d) => d.status).sort()).toEqual(['online', 'waiting']);
    expect(devices.every((d) => !Number.isNaN(Date.parse(d.joinedAt)))).toBe(true);
    // Partners never see devices.
    const samView = await call<{ participants: ParticipantView[] }>(room.partnerB, 'session:hello', {});
    expect(samView.ok && samView.data.participants.every((p) => p.devices === undefined)).toBe(true);

    // Admitting THAT device lets it in.
    const admitted = nextEvent<SelfView>(second.socket, 'self:update', (v) => v.status === 'online');
    expect(await call(room.therapist, 'lobby:admit', { partnerId: room.ids.a, deviceId: second.id })).toEqual({
      ok: true,
      data: null,
    });
    expect((await admitted).deviceId).toBe(second.id);
    expect((await call(second.socket, 'chat:history', { partnerId: room.ids.a })).ok).toBe(true);
  });

  it('cuts the old device when the link is re-issued, and the new device waits', async () => {
    const ended = nextEvent<AuthEndedInfo>(room.partnerA, 'auth:ended');
    const closed = new Promise((resolve) => room.partnerA.once('disconnect', resolve));
    const second = await secondDevice(false);
    expect(await ended).toEqual({ reason: 'replaced' });
    await closed;
    await expect(connectSocket(room.s.partnerA, room.s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
    const hello = await call<{ self: SelfView }>(second.socket, 'session:hello', {});
    expect(hello.ok && hello.data.self.status).toBe('waiting');
  });

  it('sends a waiting or declined device no chat:message, only its own admission state', async () => {
    const second = await secondDevice(true);
    const seen = recordEvents(second.socket);
    const toAlex = nextEvent<ChatMessageDto>(room.partnerA, 'chat:message');
    expect((await call(room.therapist, 'chat:send', { partnerId: room.ids.a, text: 'private one' })).ok).toBe(true);
    await toAlex;
    // Sentinel: the therapist declines the waiting device; its own state arrives after anything sent before it.
    const declined = nextEvent<SelfView>(second.socket, 'self:update', (v) => v.status === 'declined');
    await call(room.therapist, 'lobby:decline', { partnerId: room.ids.a, deviceId: second.id });
    await declined;
    expect(seen).not.toContain('chat:message');

    const again = nextEvent<ChatMessageDto>(room.partnerA, 'chat:message');
    expect((await call(room.therapist, 'chat:send', { partnerId: room.ids.a, text: 'private two' })).ok).toBe(true);
    await again;
    const admitted = nextEvent<SelfView>(second.socket, 'self:update', (v) => v.status === 'online');
    await call(room.therapist, 'lobby:admit', { partnerId: room.ids.a, deviceId: second.id });
    await admitted;
    expect(seen).not.toContain('chat:message');
    expect(seen.filter((e) => e !== 'self:update' && e !== 'presence:update')).toEqual([]);
  });

  it('lets the therapist remove one device while the other stays', async () => {
    const second = await secondDevice(true);
    await call(room.therapist, 'lobby:admit', { partnerId: room.ids.a, deviceId: second.id });
    const ended = nextEvent<AuthEndedInfo>(second.socket, 'auth:ended');
    const closed = new Promise((resolve) => second.socket.once('disconnect', resolve));
    const oneLeft = nextEvent<ParticipantView[]>(
      room.therapist,
      'presence:update',
      (l) => devicesOf(l, room.ids.a).length === 1,
    );
    expect(await call(room.therapist, 'lobby:remove-device', { partnerId: room.ids.a, deviceId: second.id })).toEqual({
      ok: true,
      data: null,
    });
    expect(await ended).toEqual({ reason: 'removed' });
    await closed;
    expect(devicesOf(await oneLeft, room.ids.a)[0]?.status).toBe('online');
    await expect(connectSocket(second.browser, room.s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
    expect(room.partnerA.connected).toBe(true);
    expect((await call(room.partnerA, 'chat:history', { partnerId: room.ids.a })).ok).toBe(true);
    const audit = await server.ctx.db
      .selectFrom('audit_log')
      .select(['actor_type', 'target_id'])
      .where('action', '=', 'lobby.remove_device')
      .execute();
    expect(audit).toEqual([{ actor_type: 'therapist', target_id: second.id }]);
    // A partner cannot remove anyone's device.
    expect(
      await call(room.partnerB, 'lobby:remove-device', { partnerId: room.ids.a, deviceId: second.id }),
    ).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('lets one partner hold at most SOCKETS_PER_PERSON sockets to the session; the others still connect', async () => {
    // Alex holds one socket already (the room's); his browser opens as many more as it is allowed, then one more.
    const extra: ClientSocket[] = [];
    for (let i = 1; i < SOCKETS_PER_PERSON; i++)
      extra.push(track(await connectSocket(room.s.partnerA, room.s.sessionId)));
    await expect(connectSocket(room.s.partnerA, room.s.sessionId)).rejects.toThrow('RATE_LIMITED');
    // Sam and the therapist are not counted with him, and the room still answers Alex's first socket.
    const sam = track(await connectSocket(room.s.partnerB, room.s.sessionId));
    const therapist = track(await connectSocket(room.s.therapist, room.s.sessionId));
    expect((await call(sam, 'session:hello', {})).ok).toBe(true);
    expect((await call(therapist, 'session:hello', {})).ok).toBe(true);
    expect((await call(room.partnerA, 'session:hello', {})).ok).toBe(true);

    // One of his closes: he may open one again.
    extra.pop()!.close();
    await expect
      .poll(async () => {
        try {
          track(await connectSocket(room.s.partnerA, room.s.sessionId));
          return true;
        } catch {
          return false;
        }
      })
      .toBe(true);
  });

  it('holds the limit when one partner opens many sockets at the same moment', async () => {
    // All handshakes are read from storage at once: counting the sockets already connected let every one through.
    const tries = await Promise.allSettled(
      Array.from({ length: 3 * SOCKETS_PER_PERSON }, () => connectSocket(room.s.partnerA, room.s.sessionId)),
    );
    for (const t of tries) if (t.status === 'fulfilled') track(t.value);
    const refused = tries.filter((t) => t.status === 'rejected');
    expect(tries.length - refused.length).toBe(SOCKETS_PER_PERSON - 1); // he holds one already
    for (const r of refused) expect(String((r as PromiseRejectedResult).reason)).toContain('RATE_LIMITED');
    expect((await call(room.partnerB, 'session:hello', {})).ok).toBe(true);
  });
});
