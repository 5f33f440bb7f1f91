/** Reading and writing the map in its Y.Doc. Every local write is one transaction with LOCAL_ORIGIN (undoable). */
import * as Y from 'yjs';
import {
  CYCLE_NODE_KINDS,
  DOC_LIMITS,
  LANE_ORDER,
  LANE_X,
  MAP_SIDES,
  ROW_HEIGHT,
  buildTemplate,
  type BuiltTemplate,
  type CycleNodeKind,
  type MapEdgeData,
  type MapNodeData,
  type MapSide,
} from '@tandem/shared';
import { LOCAL_ORIGIN } from './collab';

export interface MapNode extends MapNodeData {
  id: string;
}
export interface MapEdge extends MapEdgeData {
  id: string;
}

export const nodesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('nodes');
export const edgesOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('edges');

const newId = () => crypto.randomUUID();

function isKind(v: unknown): v is CycleNodeKind {
  return typeof v === 'string' && (CYCLE_NODE_KINDS as readonly string[]).includes(v);
}
function isSide(v: unknown): v is MapSide {
  return typeof v === 'string' && (MAP_SIDES as readonly string[]).includes(v);
}
const num = (v: unknown, d = 0) => (typeof v === 'number' && Number.isFinite(v) ? v : d);

/** Nodes as plain data; anything malformed in the doc is skipped, never trusted. */
export function readNodes(doc: Y.Doc): MapNode[] {
  const out: MapNode[] = [];
  nodesOf(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const kind = m.get('kind');
    const side = m.get('side');
    if (!isKind(kind) || !isSide(side)) return;
    const label = m.get('label');
    out.push({ id, kind, side, label: typeof label === 'string' ? label : '', x: num(m.get('x')), y: num(m.get('y')) });
  });
  return out;
}

export function readEdges(doc: Y.Doc): MapEdge[] {
  const nodes = nodesOf(doc);
  const out: MapEdge[] = [];
  edgesOf(doc).forEach((m, id) => {
    if (!(m instanceof Y.Map)) return;
    const source = m.get('source');
    const target = m.get('target');
    if (typeof source !== 'string' || typeof target !== 'string') return;
    if (!nodes.has(source) || !nodes.has(target)) return;
    out.push({ id, source, target });
  });
  return out;
}

function nodeMap(data: MapNodeData): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(data)) m.set(k, v);
  return m;
}

/** A card's footprint for placement (cards are 200 px wide; most are under 120 px tall). */
const CARD_W = 200;
const CARD_H = 120;
const GAP = 16;

/** Where a new node of this kind goes: its row in its lane, or the first free space below it in the same lane. */
export function placeFor(doc: Y.Doc, kind: CycleNodeKind, side: MapSide): { x: number; y: number } {
  const all = readNodes(doc);
  const lane = all.filter((n) => n.side === side);
  const row = LANE_ORDER.indexOf(kind);
  const x = LANE_X[side];
  const start = row >= 0 ? row * ROW_HEIGHT : lane.reduce((max, n) => Math.max(max, n.y + ROW_HEIGHT), 0);
  const free = (y: number) =>
    !all.some((n) => Math.abs(n.x - x) < CARD_W + GAP && n.y < y + CARD_H + GAP && y < n.y + CARD_H + GAP);
  for (let y = start; y < start + 200 * ROW_HEIGHT; y += ROW_HEIGHT / 2) if (free(y)) return { x, y };
  return { x, y: start };
}

export function addNode(doc: Y.Doc, kind: CycleNodeKind, side: MapSide, label: string): string {
  const id = newId();
  const at = placeFor(doc, kind, side);
  doc.transact(() => nodesOf(doc).set(id, nodeMap({ kind, side, label, ...at })), LOCAL_ORIGIN);
  return id;
}

export function setLabel(doc: Y.Doc, id: string, label: string): void {
  const m = nodesOf(doc).get(id);
  if (m && m.get('label') !== label) doc.transact(() => m.set('label', label), LOCAL_ORIGIN);
}

export function moveNodes(doc: Y.Doc, moves: { id: string; x: number; y: number }[]): void {
  doc.transact(() => {
    for (const { id, x, y } of moves) {
      const m = nodesOf(doc).get(id);
      if (!m) continue;
      m.set('x', Math.round(x));
      m.set('y', Math.round(y));
    }
  }, LOCAL_ORIGIN);
}

/** Deletes nodes with their edges, and edges. */
export function deleteItems(doc: Y.Doc, nodeIds: string[], edgeIds: string[] = []): void {
  const nodes = nodesOf(doc);
  const edges = edgesOf(doc);
  const gone = new Set(nodeIds);
  doc.transact(() => {
    for (const id of nodeIds) nodes.delete(id);
    edges.forEach((m, id) => {
      if (edgeIds.includes(id) || gone.has(m.get('source') as string) || gone.has(m.get('target') as string))
        edges.delete(id);
    });
  }, LOCAL_ORIGIN);
}

export function connect(doc: Y.Doc, source: string, target: string): string | null {
  if (source === target) return null;
  const exists = readEdges(doc).some((e) => e.source === source && e.target === target);
  if (exists) return null;
  const id = newId();
  doc.transact(() => {
    const m = new Y.Map<unknown>();
    m.set('source', source);
    m.set('target', target);
    edgesOf(doc).set(id, m);
  }, LOCAL_ORIGIN);
  return id;
}

/** How a template joins a map that has cards: beside them, or instead of them. */
export type TemplateMode = 'add' | 'replace';

/** Writes a template into the doc (one undoable step): on an empty map as it is; else beside or instead. */
export function insertTemplate(doc: Y.Doc, template: BuiltTemplate, mode: TemplateMode = 'add'): void {
  const existing = mode === 'replace' ? [] : readNodes(doc);
  const offsetX = existing.length ? existing.reduce((max, n) => Math.max(max, n.x), 0) + CARD_W + 2 * ROW_HEIGHT : 0;
  const ids = new Map<string, string>();
  doc.transact(() => {
    if (mode === 'replace') {
      edgesOf(doc).clear();
      nodesOf(doc).clear();
    }
    for (const n of template.nodes) {
      const id = newId();
      ids.set(n.key, id);
      nodesOf(doc).set(id, nodeMap({ kind: n.kind, side: n.side, label: n.label, x: n.x + offsetX, y: n.y }));
    }
    for (const e of template.edges) {
      const source = ids.get(e.from);
      const target = ids.get(e.to);
      if (!source || !target) continue;
      const m = new Y.Map<unknown>();
      m.set('source', source);
      m.set('target', target);
      edgesOf(doc).set(newId(), m);
    }
  }, LOCAL_ORIGIN);
}

export { buildTemplate };

/** The cards and connections this device changed that the server has not confirmed (null: deleted here). */
export interface LocalEdits {
  nodes: Map<string, MapNode | null>;
  edges: Map<string, MapEdge | null>;
}

export function captureEdits(doc: Y.Doc, touched: { nodes: Set<string>; edges: Set<string> }): LocalEdits {
  const nodes = new Map(readNodes(doc).map((n) => [n.id, n]));
  const edges = new Map(readEdges(doc).map((e) => [e.id, e]));
  return {
    nodes: new Map([...touched.nodes].map((id) => [id, nodes.get(id) ?? null])),
    edges: new Map([...touched.edges].map((id) => [id, edges.get(id) ?? null])),
  };
}

/**
 * Writes edits kept from a refused batch onto the server's map, as new changes, skipping what this person may
 * not change (`may(side)`: their own side on the couple's map) and clamping words to the limit. Returns how
 * many cards and connections it wrote.
 */
export function replayEdits(doc: Y.Doc, edits: LocalEdits, may: (side: MapSide) => boolean): number {
  const nodes = nodesOf(doc);
  const edges = edgesOf(doc);
  const sideOf = (id: string): MapSide | null => {
    const s = nodes.get(id)?.get('side');
    return isSide(s) ? s : null;
  };
  const mayNode = (id: string) => {
    const s = sideOf(id);
    return s === null || may(s);
  };
  const mayEdge = (e: MapEdgeData) => [e.source, e.target].some((id) => sideOf(id) !== null && may(sideOf(id)!));
  let written = 0;
  doc.transact(() => {
    for (const [id, node] of edits.nodes) {
      if (!mayNode(id) || (node && !may(node.side))) continue;
      if (!node) {
        if (nodes.has(id)) {
          nodes.delete(id);
          written++;
        }
        continue;
      }
      const data: MapNodeData = { ...node, label: node.label.slice(0, DOC_LIMITS.labelChars) };
      const current = nodes.get(id);
      if (!current)
        nodes.set(id, nodeMap({ kind: data.kind, side: data.side, label: data.label, x: data.x, y: data.y }));
      else
        for (const k of ['kind', 'side', 'label', 'x', 'y'] as const)
          if (current.get(k) !== data[k]) current.set(k, data[k]);
      written++;
    }
    for (const [id, edge] of edits.edges) {
      const current = edges.get(id);
      if (!edge) {
        const was = current && { source: String(current.get('source')), target: String(current.get('target')) };
        if (was && mayEdge(was)) {
          edges.delete(id);
          written++;
        }
      } else if (!current && nodes.has(edge.source) && nodes.has(edge.target) && mayEdge(edge)) {
        const m = new Y.Map<unknown>();
        m.set('source', edge.source);
        m.set('target', edge.target);
        edges.set(id, m);
        written++;
      }
    }
  }, LOCAL_ORIGIN);
  return written;
}

/** Records which cards and connections this device's own transactions (not the server's) touch. */
export function trackLocalEdits(doc: Y.Doc): {
  touched: { nodes: Set<string>; edges: Set<string> };
  clear(): void;
  stop(): void;
} {
  const touched = { nodes: new Set<string>(), edges: new Set<string>() };
  const track = (into: Set<string>) => (events: Array<Y.YEvent<Y.Map<unknown>>>, tr: Y.Transaction) => {
    if (!tr.local) return;
    for (const e of events) {
      const id = e.path[0];
      if (typeof id === 'string') into.add(id);
      else for (const key of e.changes.keys.keys()) into.add(key);
    }
  };
  const onNodes = track(touched.nodes);
  const onEdges = track(touched.edges);
  nodesOf(doc).observeDeep(onNodes);
  edgesOf(doc).observeDeep(onEdges);
  return {
    touched,
    clear() {
      touched.nodes.clear();
      touched.edges.clear();
    },
    stop() {
      nodesOf(doc).unobserveDeep(onNodes);
      edgesOf(doc).unobserveDeep(onEdges);
    },
  };
}
