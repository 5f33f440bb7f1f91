import { afterEach, describe, expect, it } from 'vitest';
import { docName, type AuthStateDto, type DeviceDto, type SessionDto } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  call,
  connectSocket,
  jointSessionScenario,
  endedAndClosed,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';
import { manualClock } from '../../test/room.js';
import { collabClient, firstCloseCode, synced, type CollabClient } from '../../test/collab.js';

const EMAIL = 'rivera@example.org';
const PASSWORD = 'correct horse battery';
const MINUTE = 60_000;
const FIREFOX = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0';
const IPHONE =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1';

describe.each(DB_KINDS)('sign-ins: idle timeout, lifetime, devices (%s)', (db) => {
  let server: TestServer;
  let clock: ReturnType<typeof manualClock>;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const clients: CollabClient[] = [];
  const start = async () => {
    clock = manualClock();
    server = await startTestServer({ db, clock });
    s = await jointSessionScenario(server);
  };
  const device = async (userAgent?: string) => {
    const b = new Browser(server.url);
    if (userAgent) b.headers['user-agent'] = userAgent;
    await b.ok('POST', '/api/auth/login', { email: EMAIL, password: PASSWORD });
    return b;
  };
  const socketOf = async (b: Browser) => {
    const socket = await connectSocket(b, s.sessionId);
    sockets.push(socket);
    return socket;
  };
  /** The socket's arrival is handled (placed in its rooms, then the session marked live): ends can reach it. */
  const placed = async (b: Browser) => {
    const status = async () => (await b.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`)).status;
    await expect.poll(status, { timeout: 15_000 }).toBe('live');
  };
  const mapOf = (b: Browser) => {
    const c = collabClient(server.url, docName({ kind: 'map', id: s.couple.id }), { browser: b });
    clients.push(c);
    return c;
  };
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  it('ends an idle device’s sign-in and its live /collab connection, and keeps a device in a live session’s room', async () => {
    await start();
    const desk = s.therapist;
    const room = await device();
    const roomSocket = await socketOf(room);
    expect((await call(roomSocket, 'session:hello', {})).ok).toBe(true);
    const map = mapOf(desk);
    await synced(map);
    clock.advance(29 * MINUTE);
    // Not yet idle: this request is activity and starts the 30 minutes again.
    expect((await desk.request('GET', '/api/couples')).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await desk.request('GET', '/api/couples')).status).toBe(200);
    clock.advance(31 * MINUTE);
    // Idle now: the next request finds it so, ends the sign-in and closes what it had open.
    const closing = firstCloseCode(map);
    expect((await desk.request('GET', '/api/couples')).status).toBe(401);
    expect(await closing).toBe(4401);
    // The device is told why, once.
    expect(await desk.ok<AuthStateDto>('GET', '/api/auth/session')).toEqual({
      therapist: null,
      needsSetup: false,
      signedOutFor: 'idle',
    });
    expect(await desk.ok<AuthStateDto>('GET', '/api/auth/session')).toEqual({ therapist: null, needsSetup: false });
    // The device in the live room (no request for 89 minutes) is not idle: its socket and cookie still work.
    expect(roomSocket.connected).toBe(true);
    expect((await call(roomSocket, 'session:hello', {})).ok).toBe(true);
    expect((await room.request('GET', '/api/couples')).status).toBe(200);
    const audit = await server.ctx.db.selectFrom('audit_log').select('action').execute();
    expect(audit.map((a) => a.action).filter((a) => a === 'therapist.idle_sign_out')).toHaveLength(1);
  });

  it('counts the activity beacon as activity, a few a minute at most', async () => {
    await start();
    const b = s.therapist;
    clock.advance(29 * MINUTE);
    expect((await b.request('POST', '/api/auth/activity')).status).toBe(200);
    clock.advance(29 * MINUTE);
    expect((await b.request('POST', '/api/auth/activity')).status).toBe(200);
    for (let i = 0; i < 8; i++) await b.request('POST', '/api/auth/activity');
    expect((await b.request('POST', '/api/auth/activity')).status).toBe(429);
    // Without a sign-in it is refused as such.
    expect((await new Browser(server.url).request('POST', '/api/auth/activity')).status).toBe(401);
  });

  it('ends an idle sign-in’s Socket.IO connection once its session is no longer live', async () => {
    await start();
    const socket = await socketOf(s.therapist);
    expect((await call(socket, 'session:hello', {})).ok).toBe(true);
    // The room is live while its session is; a session set back (rescheduled) is not.
    await server.ctx.db.updateTable('sessions').set({ status: 'scheduled' }).where('id', '=', s.sessionId).execute();
    clock.advance(31 * MINUTE);
    const ended = endedAndClosed(socket);
    const res = await call(socket, 'session:hello', {});
    expect(res).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(await ended).toEqual({ reason: 'idle' });
    expect((await s.therapist.request('GET', '/api/couples')).status).toBe(401);
  });

  it('ends a sign-in 12 hours after it began however active it is', async () => {
    await start();
    const b = s.therapist;
    for (let elapsed = 0; elapsed + 20 * MINUTE < 12 * 60 * MINUTE; elapsed += 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect((await b.request('GET', '/api/couples')).status).toBe(200);
    }
    clock.advance(20 * MINUTE);
    expect((await b.request('GET', '/api/couples')).status).toBe(401);
  });

  it('lists the signed-in devices, this one marked, and signs one out: its cookie stops working and its socket ends', async () => {
    await start();
    const laptop = await device(FIREFOX);
    const phone = await device(IPHONE);
    const other = await addTherapist(server);
    const phoneSocket = await socketOf(phone);
    await placed(laptop);
    const list = await laptop.ok<DeviceDto[]>('GET', '/api/account/devices');
    expect(list).toHaveLength(3);
    expect(list[0]).toMatchObject({ current: true, summary: 'Firefox 128 · Windows 10' });
    const phoneRow = list.find((d) => d.summary.startsWith('Safari'));
    expect(phoneRow).toMatchObject({ current: false, summary: 'Safari 17 · iOS 17' });
    // Nothing of the token (or its hash) is in the list.
    const body = JSON.stringify(list);
    for (const b of [laptop, phone, s.therapist]) expect(body).not.toContain(b.cookie('tandem_session'));
    // Another therapist cannot sign my device out; a malformed id is refused.
    const theirs = await other.request('DELETE', `/api/account/devices/${phoneRow?.id ?? ''}`);
    expect(theirs.body).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect((await laptop.request('DELETE', '/api/account/devices/not-an-id')).status).toBe(400);
    const ended = endedAndClosed(phoneSocket);
    await laptop.ok('DELETE', `/api/account/devices/${phoneRow?.id ?? ''}`);
    expect(await ended).toEqual({ reason: 'signed-out' });
    expect((await phone.request('GET', '/api/couples')).status).toBe(401);
    expect((await laptop.request('GET', '/api/couples')).status).toBe(200);
    expect((await laptop.ok<DeviceDto[]>('GET', '/api/account/devices')).map((d) => d.id)).not.toContain(phoneRow?.id);
  });

  it('signs the other devices out at a password change, ending their sockets; this device stays', async () => {
    await start();
    const phone = await device(IPHONE);
    const phoneSocket = await socketOf(phone);
    await placed(s.therapist);
    const ended = endedAndClosed(phoneSocket);
    await s.therapist.ok('POST', '/api/auth/password', {
      currentPassword: PASSWORD,
      newPassword: 'lantern orbit pickle meadow',
    });
    expect(await ended).toEqual({ reason: 'signed-out' });
    expect((await phone.request('GET', '/api/couples')).status).toBe(401);
    expect((await s.therapist.request('GET', '/api/couples')).status).toBe(200);
    expect(await s.therapist.ok<DeviceDto[]>('GET', '/api/account/devices')).toHaveLength(1);
  });
});
