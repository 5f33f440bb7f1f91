/**
 * Stop signals in the therapist's session record: each one with its time, its partner and when the therapist
 * dismissed it. Nothing of them is in any answer a partner can reach (their join info, their own label, the
 * summaries released to them), searched byte by byte for each signal's time, its id and the words naming it.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PartnerSummaryDto, ReleasedSummaryItemDto, SessionRecordDto, SummaryDraftBody } from '@tandem/shared';
import { sessionRecordSchema } from '@tandem/shared/schemas';
import { DB_KINDS, call, startTestServer, type Browser, type TestServer } from '../../test/harness.js';
import { admittedRoom, manualClock, type Room } from '../../test/room.js';

const draft: SummaryDraftBody = {
  include: { map: true, exercises: true, task: true, nextSession: true },
  message: 'OK-MESSAGE-71',
  language: 'en',
};

describe.each(DB_KINDS)('stop signals in the session record (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const clock = manualClock();

  beforeEach(async () => {
    server = await startTestServer({ db, clock });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('lists each signal with its partner and dismissal for the therapist; no partner answer holds any of it', async () => {
    const { s, ids } = room;
    const sid = s.sessionId;
    const signalIds = [randomUUID(), randomUUID(), randomUUID()];
    // Alex twice (dismissed), Sam once (never dismissed); a few seconds apart on the server's clock.
    for (const [socket, id] of [
      [room.partnerA, signalIds[0]],
      [room.partnerB, signalIds[1]],
      [room.partnerA, signalIds[2]],
    ] as const) {
      clock.advance(4_321);
      expect(await call(socket, 'safety:signal', { id })).toEqual({ ok: true, data: null });
    }
    clock.advance(60_000);
    expect(await call(room.therapist, 'safety:dismiss', { partnerId: ids.a })).toMatchObject({ ok: true });
    await s.therapist.ok('POST', `/api/sessions/${sid}/end`);

    const rows = await server.ctx.db
      .selectFrom('stop_signals')
      .selectAll()
      .where('session_id', '=', sid)
      .orderBy('at')
      .execute();
    const iso = (ms: number | string | bigint) => new Date(Number(ms)).toISOString();
    const record = await s.therapist.ok<SessionRecordDto>('GET', `/api/sessions/${sid}/record`);
    expect(() => sessionRecordSchema.parse(record)).not.toThrow();
    const dismissedAt = iso(rows[0]!.dismissed_at!);
    expect(record.stopSignals).toEqual([
      { partnerId: ids.a, partnerName: 'Alex', at: iso(rows[0]!.at), dismissedAt },
      { partnerId: ids.b, partnerName: 'Sam', at: iso(rows[1]!.at), dismissedAt: null },
      { partnerId: ids.a, partnerName: 'Alex', at: iso(rows[2]!.at), dismissedAt },
    ]);
    expect(Date.parse(dismissedAt) - Date.parse(record.stopSignals[2]!.at)).toBeGreaterThanOrEqual(60_000);

    // The couple's summary and each partner's own, released.
    const base = `/api/sessions/${sid}/summaries`;
    for (const key of ['couple', ids.a, ids.b]) {
      const saved = await s.therapist.ok<PartnerSummaryDto>('PUT', `${base}/${key}`, draft);
      await s.therapist.ok('POST', `${base}/${key}/release`, { contentHash: saved.contentHash });
    }

    const markers = [
      ...rows.flatMap((r) => [iso(r.at), String(r.at)]),
      dismissedAt,
      String(rows[0]!.dismissed_at),
      ...signalIds,
      'stopSignal',
      'stop_signal',
      'stop-signal',
      'safety',
      'dismiss',
    ];
    for (const who of [s.partnerA, s.partnerB] as Browser[]) {
      const list = await who.ok<ReleasedSummaryItemDto[]>('GET', `/api/join/${sid}/summaries`);
      expect(list).toHaveLength(2);
      const paths = [
        `/api/join/${sid}`,
        `/api/join/${sid}/stop-signal`,
        `/api/join/${sid}/summaries`,
        ...list.map((i) => `/api/join/${sid}/summaries/${i.id}`),
        `/api/sessions/${sid}/record`,
        `/api/sessions/${sid}/record.pdf`,
      ];
      let all = '';
      for (const path of paths) {
        const res = await fetch(server.url + path, { headers: { cookie: who.cookieHeader, origin: server.url } });
        all += Buffer.from(await res.arrayBuffer()).toString('latin1');
      }
      // Proof the search reads the summaries: the message released to them is there.
      expect(all).toContain(draft.message);
      for (const marker of markers) expect(all.includes(marker), `${marker} in a partner's answer`).toBe(false);
    }
  });
});
