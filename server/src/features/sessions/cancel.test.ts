/**
 * Cancelling a scheduled session (issue 16): its links stop working at once (a partner opening one is told it was
 * cancelled), devices signed in with them are ended, and a session that started or ended is never cancelled.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthEndedInfo, CancelledDto, CreatedSessionDto, SessionDto } from '@tandem/shared';
import { LIMITS } from '../../lib/rateLimit.js';
import {
  Browser,
  DB_KINDS,
  addTherapist,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  tokenFromUrl,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

const DAY = 86_400_000;

describe.each(DB_KINDS)('cancelling a session (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const so of sockets.splice(0)) so.close();
    await server.dispose();
  });

  const book = () =>
    s.therapist.ok<CreatedSessionDto>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
      scheduledAt: new Date(Date.now() + DAY).toISOString(),
    });

  it('stops its links at once: a redeemed partner’s socket ends, an unused link says it was cancelled', async () => {
    const booked = await book();
    const id = booked.session.id;
    const [alexLink, samLink] = booked.invites;
    const alex = new Browser(server.url);
    await redeem(alex, tokenFromUrl(alexLink!.url));
    const socket = await connectSocket(alex, id);
    sockets.push(socket);
    const closed = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const told = nextEvent<AuthEndedInfo>(socket, 'auth:ended');

    const res = await s.therapist.ok<CancelledDto>('POST', `/api/sessions/${id}/cancel`, {});
    expect(res.cancelled).toEqual([id]);
    expect(await told).toEqual({ reason: 'session-cancelled' });
    await closed;

    // The unused link: refused, and it says why.
    const sam = new Browser(server.url);
    const refused = await sam.request('POST', '/api/join/redeem', { token: tokenFromUrl(samLink!.url) });
    expect(refused.status).toBe(410);
    expect(refused.body.ok ? null : refused.body.error.code).toBe('SESSION_CANCELLED');
    // The device already in: its cookie opens nothing but the news, and reconnecting is refused.
    const info = await alex.request('GET', `/api/join/${id}`);
    expect(info.status).toBe(410);
    expect(info.body.ok ? null : info.body.error.code).toBe('SESSION_CANCELLED');
    await expect(connectSocket(alex, id)).rejects.toThrow();
    // Alex's link opened again on another device: refused too.
    const again = await new Browser(server.url).request('POST', '/api/join/redeem', {
      token: tokenFromUrl(alexLink!.url),
    });
    expect(again.body.ok ? null : again.body.error.code).toBe('SESSION_CANCELLED');

    const after = await s.therapist.ok<SessionDto>('GET', `/api/sessions/${id}`);
    expect(after.status).toBe('cancelled');
    expect(after.cancelledAt).not.toBeNull();
    expect(after.invites.every((i) => i.state === 'revoked')).toBe(true);
    // A cancelled session takes no new link, no move, no second cancel, no start.
    const partner = s.couple.partners[0]!.id;
    expect((await s.therapist.request('POST', `/api/sessions/${id}/invites/${partner}`, {})).status).toBe(409);
    const move = { scheduledAt: new Date(Date.now() + 2 * DAY).toISOString() };
    expect((await s.therapist.request('PATCH', `/api/sessions/${id}`, move)).status).toBe(409);
    expect((await s.therapist.request('POST', `/api/sessions/${id}/cancel`, {})).status).toBe(409);
    await expect(connectSocket(s.therapist, id)).rejects.toThrow();
    const row = await server.ctx.db.selectFrom('sessions').select('status').where('id', '=', id).executeTakeFirst();
    expect(row?.status).toBe('cancelled');
  });

  it('refuses to cancel a live or ended session, and changes nothing', async () => {
    // The therapist opening the room makes it live.
    sockets.push(await connectSocket(s.therapist, s.sessionId));
    const status = async () => (await s.therapist.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`)).status;
    await expect.poll(status, { timeout: 10_000 }).toBe('live');
    const refused = await s.therapist.request('POST', `/api/sessions/${s.sessionId}/cancel`, {});
    expect(refused.status).toBe(409);
    expect((await s.therapist.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`)).status).toBe('live');
    await redeem(s.partnerA, s.tokenOf(0));

    await s.therapist.ok('POST', `/api/sessions/${s.sessionId}/end`);
    expect((await s.therapist.request('POST', `/api/sessions/${s.sessionId}/cancel`, {})).status).toBe(409);
    const ended = await s.therapist.ok<SessionDto>('GET', `/api/sessions/${s.sessionId}`);
    expect(ended).toMatchObject({ status: 'ended', cancelledAt: null });
  });

  it('refuses bad input and other people', async () => {
    const booked = await book();
    const path = `/api/sessions/${booked.session.id}/cancel`;
    for (const body of [{ following: 'yes' }, { following: true, extra: 1 }, '[]']) {
      expect((await s.therapist.request('POST', path, body)).status).toBe(400);
    }
    expect((await s.therapist.request('POST', '/api/sessions/not-an-id!/cancel', {})).status).toBe(400);
    const other = await addTherapist(server);
    expect([403, 404]).toContain((await other.request('POST', path, {})).status);
    await redeem(s.partnerA, tokenFromUrl(booked.invites[0]!.url));
    expect((await s.partnerA.request('POST', path, {})).status).toBe(401);
    expect((await s.therapist.ok<SessionDto>('GET', `/api/sessions/${booked.session.id}`)).status).toBe('scheduled');
  });
  it('counts a therapist’s session routes: over the budget a change is refused and changes nothing', async () => {
    const id = s.sessionId;
    const { points } = LIMITS.sessionsPerTherapist;
    // The set-up booked the session through the same budget: `points` more reads use it all up.
    for (let i = 0; i < points; i += 1) await s.therapist.request('GET', `/api/sessions/${id}`);
    const over = await s.therapist.request('PATCH', `/api/sessions/${id}`, { title: 'Renamed' });
    expect(over.status).toBe(429);
    expect(over.body).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED' } });
    const row = await server.ctx.db.selectFrom('sessions').select('title').where('id', '=', id).executeTakeFirst();
    expect(row?.title).not.toBe('Renamed');
    // Another therapist's budget is their own.
    const other = await addTherapist(server);
    expect((await other.request('GET', `/api/sessions/${id}`)).status).toBe(403);
  });
});
