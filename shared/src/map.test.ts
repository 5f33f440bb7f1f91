import { describe, expect, it } from 'vitest';
import { MAP_TEMPLATE_IDS, buildTemplate, cycleOutline } from './map.js';

describe('map templates', () => {
  it('builds each template with the partners’ names, both languages, and edges between existing nodes', () => {
    for (const id of MAP_TEMPLATE_IDS) {
      for (const lang of ['en', 'es'] as const) {
        const t = buildTemplate(id, { a: 'Alex', b: 'Sam' }, lang);
        const keys = new Set(t.nodes.map((n) => n.key));
        expect(keys.size).toBe(t.nodes.length);
        for (const e of t.edges) {
          expect(keys.has(e.from), `${id} ${e.from}`).toBe(true);
          expect(keys.has(e.to), `${id} ${e.to}`).toBe(true);
        }
        for (const n of t.nodes) expect(n.label).not.toContain('{name}');
      }
    }
    const pw = buildTemplate('pursue-withdraw', { a: 'Alex', b: 'Sam' }, 'en');
    expect(pw.nodes.find((n) => n.key === 'a-action')?.label).toContain('Alex criticises');
    expect(pw.nodes.find((n) => n.key === 'b-action')?.label).toContain('Sam goes quiet');
    expect(pw.edges).toContainEqual({ from: 'a-action', to: 'b-trigger' });
    expect(buildTemplate('blank', { a: 'A', b: 'B' }, 'es').nodes).toEqual([]);
    expect(buildTemplate('attack-attack', { a: 'Alex', b: 'Sam' }, 'es').nodes[0]?.label).toContain('Alex');
  });

  it('outlines the cycle per partner in cycle order', () => {
    const outline = cycleOutline([
      { kind: 'need', side: 'a', label: 'N', x: 0, y: 0 },
      { kind: 'trigger', side: 'a', label: 'T', x: 0, y: 500 },
      { kind: 'note', side: 'shared', label: 'note', x: 0, y: 0 },
      { kind: 'action', side: 'b', label: 'B act', x: 0, y: 0 },
    ]);
    expect(outline).toEqual([
      {
        side: 'a',
        steps: [
          { kind: 'trigger', label: 'T' },
          { kind: 'need', label: 'N' },
        ],
      },
      { side: 'b', steps: [{ kind: 'action', label: 'B act' }] },
      { side: 'shared', steps: [{ kind: 'note', label: 'note' }] },
    ]);
  });
});
