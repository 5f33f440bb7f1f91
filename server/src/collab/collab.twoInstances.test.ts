/**
 * One doc written through two processes on one PostgreSQL while both compact it (issue 17): every acknowledged
 * update survives in storage, nothing is doubled, and a late joiner on either process gets it all. (Live relay
 * between the processes is not part of this: each writer here sees only its own process's copy.)
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName } from '@tandem/shared';
import { jointSessionScenario } from '../test/harness.js';
import { addCard, collabClient, labelOf, synced, waitFor, type CollabClient } from '../test/collab.js';
import { storedDoc, twoInstances, type TwoInstances } from '../test/twoInstances.js';

const CARDS = 24;
const nodes = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');

describe('one doc on two processes with compaction (postgres)', () => {
  let w: TwoInstances;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await w.dispose();
  });

  it('keeps every acknowledged update of both processes through concurrent compactions; late joiners get all', async () => {
    w = await twoInstances();
    const s = await jointSessionScenario(w.one);
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const therapistOn = (url: string) => {
      const c = collabClient(url, mapDoc, { browser: s.therapist.at(url) });
      clients.push(c);
      return c;
    };
    const [one, two] = [w.one, w.two];
    const writers = [therapistOn(one.url), therapistOn(two.url)] as const;
    await Promise.all(writers.map((c) => synced(c)));

    // Both write, card by card (some edited after), while both processes keep compacting the doc.
    let writing = true;
    const compactors = [one, two].map(async (p) => {
      while (writing) {
        await p.collabStore.compact(mapDoc);
        await new Promise((r) => setImmediate(r));
      }
    });
    const expected = new Map<string, string>();
    for (let i = 0; i < CARDS; i++) {
      writers.forEach((c, k) => {
        const id = `p${k + 1}-${i}`;
        addCard(c.doc, id, 'shared', `card ${i}`);
        expected.set(id, `card ${i}`);
        if (i % 3 === 0) {
          c.doc.getMap<Y.Map<unknown>>('nodes').get(id)?.set('label', `edited ${i}`);
          expected.set(id, `edited ${i}`);
        }
      });
      const [d1, d2] = [one.collab.loadedDoc(mapDoc)!, two.collab.loadedDoc(mapDoc)!];
      await waitFor(
        () => labelOf(d1, `p1-${i}`) === expected.get(`p1-${i}`) && labelOf(d2, `p2-${i}`) === expected.get(`p2-${i}`),
        5000,
        `card ${i} on both processes`,
      );
    }
    await Promise.all([one.collabStore.drain(), two.collabStore.drain()]);
    writing = false;
    await Promise.all(compactors);

    const union = (doc: Y.Doc) => Object.fromEntries([...nodes(doc).keys()].sort().map((k) => [k, labelOf(doc, k)]));
    const want = Object.fromEntries([...expected.keys()].sort().map((k) => [k, expected.get(k)]));
    const stored = await storedDoc(one, mapDoc);
    expect(union(stored)).toEqual(want);
    stored.destroy();

    // Everyone leaves: each process unloads (and compacts) its copy; the log is then fully folded.
    for (const c of clients.splice(0)) c.destroy();
    await waitFor(() => one.collab.stats().docs === 0 && two.collab.stats().docs === 0, 10_000, 'both unloaded');
    await Promise.all([one.collabStore.compact(mapDoc), two.collabStore.compact(mapDoc)]);
    const rows = await one.ctx.db.selectFrom('collab_updates').select('id').where('doc_name', '=', mapDoc).execute();
    expect(rows).toHaveLength(0);
    const snapshot = await storedDoc(two, mapDoc);
    expect(union(snapshot)).toEqual(want);
    expect(nodes(snapshot).size).toBe(2 * CARDS); // nothing doubled or lost
    snapshot.destroy();

    // A late joiner on either process loads the doc from storage and gets every card of both.
    const late = [therapistOn(one.url), therapistOn(two.url)];
    await Promise.all(late.map((c) => synced(c)));
    for (const c of late) expect(union(c.doc)).toEqual(want);
  });
});
