import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LANE_X, buildTemplate } from '@tandem/shared';
import { addNode, insertTemplate, placeFor, readEdges, readNodes } from './mapModel';

const overlaps = (p: { x: number; y: number }, q: { x: number; y: number }) =>
  Math.abs(p.x - q.x) < 216 && Math.abs(p.y - q.y) < 136;

describe('placing a new card', () => {
  it('puts it in its own lane, in free space below the cards already there', () => {
    const doc = new Y.Doc();
    insertTemplate(doc, buildTemplate('pursue-withdraw', { a: 'Alex', b: 'Sam' }, 'en'));
    for (let i = 0; i < 5; i++) {
      const before = readNodes(doc);
      const at = placeFor(doc, 'trigger', 'a');
      expect(at.x).toBe(LANE_X.a);
      for (const n of before) expect(overlaps(at, n), `${n.label} at ${n.x},${n.y}`).toBe(false);
      addNode(doc, 'trigger', 'a', `new ${i}`);
    }
  });
});

describe('inserting a template on a map that has cards', () => {
  const names = { a: 'Alex', b: 'Sam' };

  it('adds beside the cards already there, overlapping none', () => {
    const doc = new Y.Doc();
    insertTemplate(doc, buildTemplate('pursue-withdraw', names, 'en'));
    const first = readNodes(doc);
    insertTemplate(doc, buildTemplate('attack-attack', names, 'en'), 'add');
    const all = readNodes(doc);
    expect(all.length).toBe(first.length * 2);
    const added = all.filter((n) => !first.some((f) => f.id === n.id));
    for (const n of added) for (const f of first) expect(overlaps(n, f)).toBe(false);
  });

  it('replaces the cards and arrows already there, in one step', () => {
    const doc = new Y.Doc();
    insertTemplate(doc, buildTemplate('pursue-withdraw', names, 'en'));
    addNode(doc, 'note', 'shared', 'keep?');
    const template = buildTemplate('withdraw-withdraw', names, 'en');
    insertTemplate(doc, template, 'replace');
    expect(
      readNodes(doc)
        .map((n) => n.label)
        .sort(),
    ).toEqual(template.nodes.map((n) => n.label).sort());
    expect(readEdges(doc).length).toBe(template.edges.length);
  });
});
