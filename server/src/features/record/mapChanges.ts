/** The map at the end of a session and what changed since the previous kept version (pure, from Yjs states). */
import * as Y from 'yjs';
import {
  CYCLE_NODE_KINDS,
  MAP_SIDES,
  type CycleNodeKind,
  type MapSide,
  type RecordCard,
  type RecordCardChange,
} from '@tandem/shared';

export interface MapContent {
  nodes: RecordCard[];
  edges: { id: string; source: string; target: string }[];
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Cards and connections of a map or board doc, read the way the client reads them (bad fields fall back). */
export function mapContent(state: Uint8Array | null): MapContent {
  if (!state || state.length === 0) return { nodes: [], edges: [] };
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    const nodes: RecordCard[] = [];
    for (const [id, v] of doc.getMap<unknown>('nodes').entries()) {
      if (!(v instanceof Y.Map)) continue;
      const kind = v.get('kind') as unknown;
      const side = v.get('side') as unknown;
      const label = v.get('label') as unknown;
      nodes.push({
        id,
        kind: CYCLE_NODE_KINDS.includes(kind as CycleNodeKind) ? (kind as CycleNodeKind) : 'note',
        side: MAP_SIDES.includes(side as MapSide) ? (side as MapSide) : 'shared',
        label: typeof label === 'string' ? label : '',
        x: num(v.get('x')),
        y: num(v.get('y')),
      });
    }
    const ids = new Set(nodes.map((n) => n.id));
    const edges: MapContent['edges'] = [];
    for (const [id, v] of doc.getMap<unknown>('edges').entries()) {
      if (!(v instanceof Y.Map)) continue;
      const source = v.get('source') as unknown;
      const target = v.get('target') as unknown;
      if (typeof source === 'string' && typeof target === 'string' && ids.has(source) && ids.has(target)) {
        edges.push({ id, source, target });
      }
    }
    return { nodes, edges };
  } finally {
    doc.destroy();
  }
}

const change = (n: RecordCard): RecordCardChange => ({ id: n.id, kind: n.kind, side: n.side, label: n.label });

/** Cards added, edited (words, kind or lane; a move alone is not an edit) and removed between two versions. */
export function mapChanges(before: MapContent, after: MapContent) {
  const old = new Map(before.nodes.map((n) => [n.id, n]));
  const now = new Map(after.nodes.map((n) => [n.id, n]));
  const added: RecordCardChange[] = [];
  const edited: RecordCardChange[] = [];
  for (const n of after.nodes) {
    const was = old.get(n.id);
    if (!was) added.push(change(n));
    else if (was.label !== n.label || was.kind !== n.kind || was.side !== n.side) {
      edited.push({ ...change(n), ...(was.label !== n.label ? { before: was.label } : {}) });
    }
  }
  const removed = before.nodes.filter((n) => !now.has(n.id)).map(change);
  return { added, edited, removed };
}
