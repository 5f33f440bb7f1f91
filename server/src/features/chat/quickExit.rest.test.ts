import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ParticipantView, QuickExitAlert } from '@tandem/shared';
import { DB_KINDS, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';

describe.each(DB_KINDS)('quick exit over REST, as the page sends it while it unloads (%s)', (db) => {
  let server: TestServer;
  let room: Room;

  /** What Chromium sends for `fetch(url, { method: 'POST', keepalive: true })` from our own page: no body. */
  const quickExit = (headers: Record<string, string>) =>
    fetch(`${server.url}/api/join/${room.s.sessionId}/quick-exit`, {
      method: 'POST',
      keepalive: true,
      headers: {
        cookie: room.s.partnerA.cookieHeader,
        'sec-fetch-site': 'same-origin',
        'sec-fetch-mode': 'cors',
        'sec-fetch-dest': 'empty',
        ...headers,
      },
    });

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('answers ok, alerts the therapist, drops the cookie and ends the partner’s connections', async () => {
    const alert = nextEvent<QuickExitAlert>(room.therapist, 'alert:quick-exit');
    const left = nextEvent<ParticipantView[]>(room.therapist, 'presence:update', (l) =>
      l.some((p) => p.id === room.ids.a && p.status === 'left'),
    );
    const dropped = new Promise((resolve) => room.partnerA.once('disconnect', resolve));

    const res = await quickExit({ origin: server.url });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, data: null });
    expect(res.headers.getSetCookie().join('\n')).toMatch(new RegExp(`tandem_guest_${room.s.sessionId}=;.*Max-Age=0`));
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await alert).toMatchObject({ partnerId: room.ids.a, name: 'Alex' });
    await left;
    await dropped;

    const again = await quickExit({ origin: server.url });
    expect(again.status).toBe(401);
    expect(await again.json()).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
  });

  it('refuses a cross-site or opaque-origin quick exit and changes nothing', async () => {
    const alerts: QuickExitAlert[] = [];
    room.therapist.on('alert:quick-exit', (a) => alerts.push(a));
    // `Origin: null` is what a no-cors beacon carries under our no-referrer policy: not our page, refused.
    for (const origin of ['https://evil.example', 'null']) {
      const res = await quickExit({ origin, 'sec-fetch-site': 'cross-site' });
      expect(res.status, origin).toBe(403);
      expect(await res.json()).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    const participant = await server.ctx.db
      .selectFrom('session_participants')
      .select('admission')
      .where('session_id', '=', room.s.sessionId)
      .where('partner_id', '=', room.ids.a)
      .executeTakeFirstOrThrow();
    expect(participant.admission).toBe('admitted');
    expect(room.partnerA.connected).toBe(true);
    expect(alerts).toEqual([]);
  });
});
