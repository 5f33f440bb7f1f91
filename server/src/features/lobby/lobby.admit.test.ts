import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantView, SelfView, SessionSnapshot } from '@tandem/shared';
import {
  Browser,
  DB_KINDS,
  call,
  connectSocket,
  jointSessionScenario,
  nextEvent,
  redeem,
  startTestServer,
  type ClientSocket,
  type Scenario,
  type TestServer,
} from '../../test/harness.js';

describe.each(DB_KINDS)('lobby and admission (%s)', (db) => {
  let server: TestServer;
  let s: Scenario;
  const sockets: ClientSocket[] = [];
  const track = (socket: ClientSocket) => (sockets.push(socket), socket);

  beforeEach(async () => {
    server = await startTestServer({ db });
    s = await jointSessionScenario(server);
  });
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await server.dispose();
  });

  const partnerIds = () => s.couple.partners.map((p) => p.id) as [string, string];

  it('puts a partner in the waiting room until the therapist admits them', async () => {
    const [a] = partnerIds();
    const therapist = track(await connectSocket(s.therapist, s.sessionId));
    await redeem(s.partnerA, s.tokenOf(0));
    const waitingSeen = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'waiting'),
    );
    const partner = track(await connectSocket(s.partnerA, s.sessionId));
    await waitingSeen;

    const hello = await call<SessionSnapshot>(partner, 'session:hello', {});
    expect(hello.ok && hello.data.self.status).toBe('waiting');
    expect(hello.ok && hello.data.participants).toEqual([]);

    const admitted = nextEvent<SelfView>(partner, 'self:update', (v) => v.status === 'online');
    expect(await call(therapist, 'lobby:admit', { partnerId: a })).toEqual({ ok: true, data: null });
    await admitted;
    const after = await call<SessionSnapshot>(partner, 'session:hello', {});
    expect(after.ok && after.data.participants.map((p) => [p.name, p.status])).toEqual([
      ['Dr Rivera', 'online'],
      ['Alex', 'online'],
      ['Sam', 'absent'],
    ]);
  });

  it('refuses admit from a partner', async () => {
    const [a, b] = partnerIds();
    await redeem(s.partnerA, s.tokenOf(0));
    await redeem(s.partnerB, s.tokenOf(1));
    const pa = track(await connectSocket(s.partnerA, s.sessionId));
    const pb = track(await connectSocket(s.partnerB, s.sessionId));
    await call(pb, 'session:hello', {}); // B is placed in the waiting room
    const res = await call(pa, 'lobby:admit', { partnerId: b });
    expect(res).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const selfAdmit = await call(pa, 'lobby:admit', { partnerId: a });
    expect(selfAdmit).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const end = await call(pa, 'session:end', {});
    expect(end).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const row = await server.ctx.db
      .selectFrom('session_participants')
      .select('admission')
      .where('partner_id', '=', b)
      .executeTakeFirstOrThrow();
    expect(row.admission).toBe('waiting');
  });

  it('does not let a token for one session join another', async () => {
    const other = await s.therapist.ok<{ session: { id: string } }>('POST', '/api/sessions', {
      coupleId: s.couple.id,
      kind: 'joint',
    });
    const sessionX = await redeem(s.partnerA, s.tokenOf(0));
    expect(sessionX).toBe(s.sessionId);
    // Same cookie jar, other session id: no grant for that session.
    await expect(connectSocket(s.partnerA, other.session.id)).rejects.toThrow('UNAUTHENTICATED');
    // Even a cookie copied under the other session's name is refused.
    const stolen = new Browser(server.url);
    stolen.setCookie(`tandem_guest_${other.session.id}`, s.partnerA.cookie(`tandem_guest_${s.sessionId}`) ?? '');
    await expect(connectSocket(stolen, other.session.id)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('refuses forged, revoked and expired links', async () => {
    const forged = new Browser(server.url);
    const bad = await forged.request('POST', '/api/join/redeem', { token: 'A'.repeat(43) });
    expect(bad.status).toBe(410);
    expect(bad.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    forged.setCookie(`tandem_guest_${s.sessionId}`, 'forged-cookie-value');
    await expect(connectSocket(forged, s.sessionId)).rejects.toThrow('UNAUTHENTICATED');

    const [a, b] = partnerIds();
    await s.therapist.ok('DELETE', `/api/sessions/${s.sessionId}/invites/${a}`);
    const revoked = await s.partnerA.request('POST', '/api/join/redeem', { token: s.tokenOf(0) });
    expect(revoked.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });

    await server.ctx.db
      .updateTable('invites')
      .set({ expires_at: Date.now() - 1 })
      .where('partner_id', '=', b)
      .execute();
    const expired = await s.partnerB.request('POST', '/api/join/redeem', { token: s.tokenOf(1) });
    expect(expired.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  });

  it('drops a signed-in partner whose link is revoked, and refuses their cookie after', async () => {
    const [a] = partnerIds();
    await redeem(s.partnerA, s.tokenOf(0));
    const pa = track(await connectSocket(s.partnerA, s.sessionId));
    const dropped = new Promise((resolve) => pa.once('disconnect', resolve));
    await s.therapist.ok('DELETE', `/api/sessions/${s.sessionId}/invites/${a}`);
    await dropped;
    await expect(connectSocket(s.partnerA, s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('uses a link only once, but lets the same device open it again', async () => {
    await redeem(s.partnerA, s.tokenOf(0));
    const cookie = s.partnerA.cookie(`tandem_guest_${s.sessionId}`);
    const again = await new Browser(server.url).request('POST', '/api/join/redeem', { token: s.tokenOf(0) });
    expect(again.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    expect(await redeem(s.partnerA, s.tokenOf(0))).toBe(s.sessionId);
    expect(s.partnerA.cookie(`tandem_guest_${s.sessionId}`)).toBe(cookie);
    // Another partner's cookie does not unlock this link.
    await redeem(s.partnerB, s.tokenOf(1));
    const borrowed = new Browser(server.url);
    borrowed.setCookie(`tandem_guest_${s.sessionId}`, s.partnerB.cookie(`tandem_guest_${s.sessionId}`) ?? '');
    const res = await borrowed.request('POST', '/api/join/redeem', { token: s.tokenOf(0) });
    expect(res.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
  });

  it('refuses another therapist and an old protocol version', async () => {
    await expect(connectSocket(s.therapist, s.sessionId, { protocolVersion: 0 })).rejects.toThrow('PROTOCOL_MISMATCH');
    await s.therapist.ok('POST', '/api/auth/logout');
    await expect(connectSocket(s.therapist, s.sessionId)).rejects.toThrow('UNAUTHENTICATED');
  });

  it('lets an admitted partner who drops come back without re-admission', async () => {
    const [a] = partnerIds();
    const therapist = track(await connectSocket(s.therapist, s.sessionId));
    await redeem(s.partnerA, s.tokenOf(0));
    const first = await connectSocket(s.partnerA, s.sessionId);
    await nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'waiting'),
    );
    await call(therapist, 'lobby:admit', { partnerId: a });

    const reconnecting = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'reconnecting'),
    );
    first.close();
    await reconnecting;

    const back = nextEvent<ParticipantView[]>(therapist, 'presence:update', (l) =>
      l.some((p) => p.id === a && p.status === 'online'),
    );
    const second = track(await connectSocket(s.partnerA, s.sessionId));
    await back;
    const hello = await call<SessionSnapshot>(second, 'session:hello', {});
    expect(hello.ok && hello.data.self.status).toBe('online');
  });

  it('ends the session for everyone and stops the links', async () => {
    const therapist = track(await connectSocket(s.therapist, s.sessionId));
    await redeem(s.partnerA, s.tokenOf(0));
    const pa = track(await connectSocket(s.partnerA, s.sessionId));
    const told = nextEvent<{ endedAt: string }>(pa, 'session:ended');
    expect(await call(therapist, 'session:end', {})).toEqual({ ok: true, data: null });
    await told;
    await expect(connectSocket(s.partnerA, s.sessionId)).rejects.toThrow('SESSION_ENDED');
    const late = await s.partnerB.request('POST', '/api/join/redeem', { token: s.tokenOf(1) });
    expect(late.body).toMatchObject({ ok: false, error: { code: 'INVITE_INVALID' } });
    await expect(connectSocket(s.therapist, s.sessionId)).rejects.toThrow('SESSION_ENDED');
    const info = await s.partnerA.request('GET', `/api/join/${s.sessionId}`);
    expect(info.status).toBe(410);
    expect(info.body).toMatchObject({ ok: false, error: { code: 'SESSION_ENDED' } });
  });
});
