/**
 * One doc written through two processes that relay to each other through Redis (issue 17): each writer sees the
 * other's edits live, each update is stored once (by the process its client reached, never again by the one it
 * was relayed to), and with both processes compacting meanwhile every acknowledged update survives.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { docName } from '@tandem/shared';
import { jointSessionScenario } from '../test/harness.js';
import { addCard, collabClient, labelOf, synced, waitFor, type CollabClient } from '../test/collab.js';
import { storedDoc, twoInstances, type TwoInstances } from '../test/twoInstances.js';

const CARDS = 12;
const nodes = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');

describe('one doc on two processes relaying through Redis (postgres)', () => {
  let w: TwoInstances;
  const clients: CollabClient[] = [];
  afterEach(async () => {
    for (const c of clients.splice(0)) c.destroy();
    await w.dispose();
  });

  it('relays each edit live, stores it once, and keeps everything through concurrent compactions', async () => {
    w = await twoInstances({ redis: true });
    const s = await jointSessionScenario(w.one);
    const mapDoc = docName({ kind: 'map', id: s.couple.id });
    const rows = async () =>
      (await w.one.ctx.db.selectFrom('collab_updates').select('id').where('doc_name', '=', mapDoc).execute()).length;
    const writers = [w.one.url, w.two.url].map((url) => {
      const c = collabClient(url, mapDoc, { browser: s.therapist.at(url) });
      clients.push(c);
      return c;
    }) as [CollabClient, CollabClient];
    await Promise.all(writers.map((c) => synced(c)));
    const before = await rows();

    // Phase 1: one update per card on each side; each arrives on the other side through the relay.
    for (let i = 0; i < CARDS; i++) {
      writers.forEach((c, k) => addCard(c.doc, `p${k + 1}-${i}`, 'shared', `card ${i}`));
    }
    await waitFor(
      () => writers.every((c) => nodes(c.doc).size === 2 * CARDS),
      10_000,
      'every card on both writers (relayed live)',
    );
    await Promise.all([w.one.collabStore.drain(), w.two.collabStore.drain()]);
    expect((await rows()) - before).toBe(2 * CARDS); // stored once each, never again where relayed

    // Phase 2: edits on both sides while both processes keep compacting.
    let compacting = true;
    const compactors = [w.one, w.two].map(async (p) => {
      while (compacting) {
        await p.collabStore.compact(mapDoc);
        await new Promise((r) => setImmediate(r));
      }
    });
    for (let i = 0; i < CARDS; i++) {
      writers.forEach((c, k) =>
        nodes(c.doc)
          .get(`p${k + 1}-${i}`)
          ?.set('label', `edited ${i}`),
      );
    }
    await waitFor(
      () =>
        writers.every((c) => [...nodes(c.doc).keys()].every((id) => String(labelOf(c.doc, id)).startsWith('edited'))),
      10_000,
      'every edit on both writers',
    );
    await Promise.all([w.one.collabStore.drain(), w.two.collabStore.drain()]);
    compacting = false;
    await Promise.all(compactors);

    const stored = await storedDoc(w.two, mapDoc);
    expect(nodes(stored).size).toBe(2 * CARDS);
    for (const id of nodes(stored).keys()) expect(labelOf(stored, id)).toMatch(/^edited \d+$/);
    stored.destroy();
  });
});
