/**
 * The therapist's map lock across two processes on one PostgreSQL (issue 17): locked through process 1, a partner's
 * very next map edit on process 2 is refused, with nothing applied or stored; unlocked, it goes through; the side
 * rule still holds there.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName } from '@tandem/shared';
import { call } from '../../test/harness.js';
import { admittedRoom, type Room } from '../../test/room.js';
import { addCard, collabClient, labelOf, synced, waitFor, type CollabClient } from '../../test/collab.js';
import { storedDoc, twoInstances, type TwoInstances } from '../../test/twoInstances.js';

const nodes = (doc: Y.Doc) => doc.getMap<unknown>('nodes');

describe('the map lock on two processes (postgres)', () => {
  let w: TwoInstances;
  let room: Room;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    room.close();
    await w.dispose();
  });

  it('a lock set on process 1 refuses a partner’s next edit on process 2 at once; unlocking lets it through', async () => {
    w = await twoInstances();
    room = await admittedRoom(w.one);
    const { s } = room;
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const partnerOn = (browser: typeof s.partnerA, url: string) => {
      const c = collabClient(url, mapDoc, { browser: browser.at(url), sessionId: s.sessionId });
      clients.push(c);
      return c;
    };
    const a = partnerOn(s.partnerA, w.two.url); // Alex on process 2
    const b = partnerOn(s.partnerB, w.one.url); // Sam on process 1
    await Promise.all([synced(a), synced(b)]);
    const onTwo = () => w.two.collab.loadedDoc(mapDoc)!;
    addCard(a.doc, 'before', 'a', 'ok');
    await waitFor(() => labelOf(onTwo(), 'before') === 'ok', 5000, 'an unlocked edit on process 2');

    // The lock call returns on process 1; the very next edits, on either process, are refused.
    expect(await call(room.therapist, 'map:lock', { locked: true })).toEqual({ ok: true, data: { locked: true } });
    addCard(a.doc, 'sneaky', 'a', 'edit');
    addCard(b.doc, 'sneaky-b', 'b', 'edit');
    await waitFor(() => a.denied() >= 1 && b.denied() >= 1, 5000, 'both refusals');
    expect(nodes(onTwo()).get('sneaky')).toBeUndefined();
    expect(nodes(w.one.collab.loadedDoc(mapDoc)!).get('sneaky-b')).toBeUndefined();
    await Promise.all([w.one.collabStore.drain(), w.two.collabStore.drain()]);
    const stored = await storedDoc(w.one, mapDoc);
    expect(labelOf(stored, 'before')).toBe('ok');
    expect(nodes(stored).get('sneaky')).toBeUndefined();
    expect(nodes(stored).get('sneaky-b')).toBeUndefined();
    stored.destroy();

    // Unlocked on process 1: a fresh client of Alex's on process 2 edits his side again, and only his side.
    expect(await call(room.therapist, 'map:lock', { locked: false })).toEqual({ ok: true, data: { locked: false } });
    const a2 = partnerOn(s.partnerA, w.two.url);
    await synced(a2);
    addCard(a2.doc, 'after', 'a', 'unlocked again');
    await waitFor(() => labelOf(onTwo(), 'after') === 'unlocked again', 5000, 'an edit after unlocking');
    addCard(a2.doc, 'theirs', 'b', 'not my side');
    await waitFor(() => a2.denied() >= 1, 5000, 'the side rule’s refusal');
    expect(nodes(onTwo()).get('theirs')).toBeUndefined();
  });
});
