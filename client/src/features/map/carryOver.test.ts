import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DOC_LIMITS } from '@tandem/shared';
import {
  addNode,
  captureEdits,
  connect,
  edgesOf,
  nodesOf,
  readEdges,
  readNodes,
  replayEdits,
  setLabel,
  trackLocalEdits,
} from './mapModel';

const sync = (from: Y.Doc, to: Y.Doc) => Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
const label = (d: Y.Doc, id: string) => nodesOf(d).get(id)?.get('label');

/** The server's map with a card on each side; Alex's device (slot a) has it, and tracks its own edits. */
function scene() {
  const server = new Y.Doc();
  const a1 = addNode(server, 'trigger', 'a', 'Alex asks');
  const b1 = addNode(server, 'trigger', 'b', 'Sam goes quiet');
  const alex = new Y.Doc();
  sync(server, alex);
  const local = trackLocalEdits(alex);
  return { server, alex, a1, b1, local };
}

describe('carrying a refused batch’s other edits over to the server’s map', () => {
  it('writes the device’s other offline edits again, without the refused part, on top of what others did meanwhile', () => {
    const { server, alex, a1, b1, local } = scene();
    // Offline: his own new card, words on his card, a connection, and one change the server refuses.
    const mine = addNode(alex, 'need', 'a', 'To be heard');
    setLabel(alex, a1, 'Alex asks twice');
    connect(alex, mine, b1);
    const refused = addNode(alex, 'action', 'b', 'on Sam’s side');
    // Meanwhile the therapist adds a card.
    const t1 = addNode(server, 'note', 'shared', 'the therapist’s');

    const edits = captureEdits(alex, local.touched);
    const fresh = new Y.Doc(); // our client starts again from the server's doc
    sync(server, fresh);
    expect(replayEdits(fresh, edits, (side) => side === 'a')).toBe(3);

    expect(label(fresh, mine)).toBe('To be heard');
    expect(label(fresh, a1)).toBe('Alex asks twice');
    expect(readEdges(fresh).some((e) => e.source === mine && e.target === b1)).toBe(true);
    expect(nodesOf(fresh).has(refused)).toBe(false);
    expect(label(fresh, t1)).toBe('the therapist’s');
    expect(label(fresh, b1)).toBe('Sam goes quiet');
    // What the replay sends builds only on the server's doc: it applies there as is.
    sync(fresh, server);
    expect(
      readNodes(server)
        .map((n) => n.label)
        .sort(),
    ).toEqual(
      readNodes(fresh)
        .map((n) => n.label)
        .sort(),
    );
  });

  it('keeps deletions of one’s own cards, and clamps words to the limit', () => {
    const { server, alex, a1, local } = scene();
    const long = addNode(alex, 'need', 'a', 'x'.repeat(DOC_LIMITS.labelChars + 50));
    nodesOf(alex).delete(a1);
    const fresh = new Y.Doc();
    sync(server, fresh);
    replayEdits(fresh, captureEdits(alex, local.touched), (side) => side === 'a');
    expect(nodesOf(fresh).has(a1)).toBe(false);
    expect(label(fresh, long)).toHaveLength(DOC_LIMITS.labelChars);
  });

  it('writes nothing when the person may not change any side (the map is locked)', () => {
    const { server, alex, a1, local } = scene();
    setLabel(alex, a1, 'while locked');
    const fresh = new Y.Doc();
    sync(server, fresh);
    const before = Y.encodeStateAsUpdate(fresh);
    expect(replayEdits(fresh, captureEdits(alex, local.touched), () => false)).toBe(0);
    expect(Y.encodeStateAsUpdate(fresh)).toEqual(before);
  });

  it('forgets edits once the server has confirmed them, and never records the server’s own', () => {
    const { server, alex, a1, local } = scene();
    setLabel(alex, a1, 'confirmed');
    local.clear();
    addNode(server, 'note', 'shared', 'from the server');
    sync(server, alex);
    expect(captureEdits(alex, local.touched)).toEqual({ nodes: new Map(), edges: new Map() });
    expect(edgesOf(alex).size).toBe(0);
  });
});
