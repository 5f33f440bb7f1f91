/**
 * A's drafting is A's and the therapist's: while A drafts, edits, deletes, is asked to reveal and says no, B's
 * every Socket.IO packet, every frame of B's map and panel docs and every REST body B reads holds none of A's words
 * (unique markers, byte search), and B receives no packet in that window that a control window lacks (sentinel
 * round trips close each window). Positive controls: the therapist's packets hold the markers, and after A's yes
 * B's map frames do.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { docName, type DraftsState, type PartnerDrafts } from '@tandem/shared';
import { DB_KINDS, call, nextEvent, startTestServer, type TestServer } from '../../test/harness.js';
import { collabClient, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { recordPackets, shapeOf, type Packet } from '../../test/packets.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { askReveal, draft, frameLog, ok, openRound } from './draftsTest.js';

const MARK = { trigger: 'ZZDRAFT-TRIGGER-71', edited: 'ZZDRAFT-EDITED-72', gone: 'ZZDRAFT-GONE-73' };
const markers = Object.values(MARK);

describe.each(DB_KINDS)('private drafting on the wire (%s)', (db) => {
  let server: TestServer;
  let room: Room;
  const docs: CollabClient[] = [];

  beforeEach(async () => {
    server = await startTestServer({ db });
    room = await admittedRoom(server);
  });
  afterEach(async () => {
    for (const d of docs.splice(0)) d.destroy();
    room.close();
    await server.dispose();
  });

  it('sends B nothing of A’s drafting, reveal request or refusal, against a control window', async () => {
    // The round's opening is a joint instruction: everyone hears it, before the windows.
    const bHeard = nextEvent(room.partnerB, 'drafts:round');
    await openRound(room.therapist);
    await bHeard;
    const bMap = collabClient(server.url, docName({ kind: 'map', id: room.s.couple.id }), {
      browser: room.s.partnerB,
      sessionId: room.s.sessionId,
    });
    const bPanel = collabClient(server.url, docName({ kind: 'panel', id: room.ids.b }), {
      browser: room.s.partnerB,
      sessionId: room.s.sessionId,
    });
    docs.push(bMap, bPanel);
    await Promise.all([synced(bMap), synced(bPanel)]);
    const bPackets = recordPackets(room.partnerB);
    const tPackets = recordPackets(room.therapist);
    const frames = { map: frameLog(bMap), panel: frameLog(bPanel) };
    const rest = async () => {
      const base = `/api/join/${room.s.sessionId}`;
      const bodies = [];
      for (const path of [base, `${base}/chat`, `${base}/stop-label`]) {
        const res = await room.s.partnerB.request('GET', path);
        bodies.push(`${res.status} ${JSON.stringify(res.body)}`);
      }
      return bodies;
    };
    /** B's packets, frames and REST bodies from `act` to B's own sentinels (a ping and each doc's round trip). */
    const window = async (act: () => Promise<void>) => {
      const m = { p: bPackets.mark(), map: frames.map.mark(), panel: frames.panel.mark() };
      await act();
      await call(room.partnerB, 'time:ping', {});
      await bMap.roundTrip();
      await bPanel.roundTrip();
      return {
        packets: bPackets.since(m.p),
        frames: [...frames.map.since(m.map), ...frames.panel.since(m.panel)],
        rest: await rest(),
      };
    };
    const shapes = (ps: Packet[]) => ps.map(shapeOf);
    /** Sync answers and the like, without awareness renewals (they come on a timer per client). */
    const syncFrames = (fs: Buffer[]) => fs.filter((f) => f[0] !== 1).length;

    for (let quiet = false, i = 0; !quiet && i < 20; i++) {
      const w = await window(() => Promise.resolve());
      quiet = w.packets.every((p) => shapeOf(p) === 'ack');
    }
    const control = await window(async () => {
      await call(room.partnerA, 'time:ping', {});
      await call(room.therapist, 'drafts:state', {});
    });

    let revealId = '';
    const drafting = await window(async () => {
      const first = await draft(room.partnerA, 'trigger', MARK.trigger);
      const second = await draft(room.partnerA, 'action', MARK.gone);
      const [trigger, gone] = second.cards;
      expect(first.cards).toHaveLength(1);
      await draft(room.partnerA, 'underlying-emotion', MARK.edited, trigger!.id);
      await ok(call(room.partnerA, 'drafts:delete', { id: gone!.id }));
      const asked = nextEvent<PartnerDrafts>(room.partnerA, 'drafts:partner', (d) => d.pending !== null);
      await askReveal(room.therapist, room.ids.a, [trigger!.id]);
      revealId = (await asked).pending!.id;
      const refused = await ok<PartnerDrafts>(call(room.partnerA, 'drafts:answer', { revealId, agree: false }));
      expect(refused.last).toMatchObject({ id: revealId, outcome: 'refused' });
    });

    expect(shapes(control.packets)).toEqual(['ack']);
    expect(shapes(drafting.packets)).toEqual(shapes(control.packets));
    expect(syncFrames(drafting.frames)).toBe(syncFrames(control.frames));
    expect(drafting.rest).toEqual(control.rest);
    const everything = [
      ...drafting.packets.map((p) => p.raw),
      ...drafting.frames.map((f) => f.toString('latin1')),
      ...drafting.rest,
    ];
    for (const text of everything) {
      for (const m of [...markers, revealId, room.ids.a, 'drafts']) expect(text).not.toContain(m);
    }

    // Positive control: the same search finds A's words where they were sent (the therapist's packets).
    const therapistSaw = tPackets.packets.map((p) => p.raw).join('\n');
    expect(therapistSaw).toContain(MARK.edited);
    expect(therapistSaw).toContain(MARK.gone);
    expect(therapistSaw).toContain(revealId);

    // And once A says yes, B's map frames carry the words: the frame search reads real content.
    const own = await ok<DraftsState>(call(room.partnerA, 'drafts:state', {}));
    expect(own.partners.map((p) => p.partnerId)).toEqual([room.ids.a]);
    const trigger = own.partners[0]!.cards[0]!;
    const before = frames.map.mark();
    const asked = nextEvent<PartnerDrafts>(room.partnerA, 'drafts:partner', (d) => d.pending !== null);
    await askReveal(room.therapist, room.ids.a, [trigger.id]);
    const again = (await asked).pending!.id;
    await ok(call(room.partnerA, 'drafts:answer', { revealId: again, agree: true }));
    await waitFor(() => frames.map.since(before).some((f) => f.toString('latin1').includes(MARK.edited)));
    expect(frames.map.since(before).some((f) => f.toString('latin1').includes(MARK.gone))).toBe(false);
  });
});
