/** An open round, a partner's drafts and a pending reveal survive a server restart; the yes after it still works. */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { DraftsState, PartnerDrafts } from '@tandem/shared';
import { DB_KINDS, call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { askReveal, draft, ok, openRound, storedMap } from './draftsTest.js';

describe.each(DB_KINDS)('drafting across a server restart (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  afterEach(async () => {
    room.close();
    await server.dispose();
  });

  it('keeps the round, the drafts and the pending reveal, and reveals on the yes after the restart', async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
    const opened = await openRound(room.therapist);
    await draft(room.partnerA, 'trigger', 'The door slams');
    const mine = await draft(room.partnerA, 'action', 'I go quiet');
    const asked = nextEvent<PartnerDrafts>(room.partnerA, 'drafts:partner', (d) => d.pending !== null);
    await askReveal(room.therapist, room.ids.a, [mine.cards[1]!.id]);
    const pending = (await asked).pending!;
    const before = await ok<DraftsState>(call(room.partnerA, 'drafts:state', {}));

    await server.stop();
    server = await server.restart();
    await room.reconnect();

    const after = await ok<DraftsState>(call(room.partnerA, 'drafts:state', {}));
    expect(after).toEqual(before);
    expect(after.round?.id).toBe(opened.round?.id);
    expect(after.partners[0]!.pending).toEqual(pending);
    const therapist = await ok<DraftsState>(call(room.therapist, 'drafts:state', {}));
    expect(therapist.partners.map((p) => [p.partnerId, p.cards.length])).toEqual([
      [room.ids.a, 2],
      [room.ids.b, 0],
    ]);
    const sam = await ok<DraftsState>(call(room.partnerB, 'drafts:state', {}));
    expect(sam.partners.map((p) => p.partnerId)).toEqual([room.ids.b]);

    const answered = await ok<PartnerDrafts>(
      call(room.partnerA, 'drafts:answer', { revealId: pending.id, agree: true }),
    );
    const mapId = answered.cards[1]!.mapCardId!;
    const map = await storedMap(server, room.s.couple.id);
    expect(map.labels).toEqual([{ kind: 'action', side: 'a', label: 'I go quiet', x: 0, y: 0 }]);
    expect(
      await server.collab.withDoc(`map.${room.s.couple.id}`, (d) => d.getMap<Y.Map<unknown>>('nodes').has(mapId)),
    ).toBe(true);
  });
});
