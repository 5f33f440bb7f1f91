import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { MapSide } from '@tandem/shared';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { CollabConnection, type CollabLimitNotice, type CollabSnapshot } from './collab';
import {
  captureEdits,
  edgesOf,
  nodesOf,
  readEdges,
  readNodes,
  replayEdits,
  trackLocalEdits,
  type LocalEdits,
  type MapEdge,
  type MapNode,
} from './mapModel';

/** What this person may change on the map right now (set by the workspace on every render). */
export interface WritePolicy {
  editable: boolean;
  /** A partner's own side on the couple's map; null: any side. */
  ownSide: MapSide | null;
}

/**
 * The doc, connected for as long as the component lives. When the server refuses one of our edits (the map is
 * locked, the card is not on our side, the words are too long), every later edit of this Yjs client builds on
 * the refused one and would be refused too: we drop the local copy, offline store included, and start again
 * from the server's doc. Our other unconfirmed edits are not lost: the cards and connections this device
 * changed since the server last confirmed everything are carried over and written again as new changes, minus
 * what the policy does not allow (nothing while the map is locked). If that replay is refused too, it is
 * dropped. The same after a change too large or a full doc (the server closed us: resending would be refused
 * again), and the new connection carries the notice for the person. `resets` counts the restarts, `kept` how
 * many items the last one carried over.
 */
export function useCollabConnection(
  docName: string,
  sessionId: string,
  policyRef: { current: WritePolicy },
): { conn: CollabConnection | null; resets: number; kept: number } {
  const [resets, setResets] = useState(0);
  const [kept, setKept] = useState(0);
  const [notice, setNotice] = useState<CollabLimitNotice | null>(null);
  const carry = useRef<LocalEdits | null>(null);
  const conn = useMemo(
    () => (docName ? new CollabConnection(docName, { session: sessionId }, { notice }) : null),
    // A reset makes a fresh connection to the same doc.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docName, sessionId, resets],
  );
  useEffect(() => {
    if (!conn) return;
    const local = trackLocalEdits(conn.doc);
    // Edits carried over from the last reset go in once this copy holds the server's map.
    let replaying = false;
    const carried = carry.current;
    carry.current = null;
    const replay = (synced: boolean) => {
      if (!synced || !carried) return;
      conn.provider.off('sync', replay);
      const { editable, ownSide } = policyRef.current;
      if (!editable) return;
      replaying = replayEdits(conn.doc, carried, (side) => ownSide === null || side === ownSide) > 0;
    };
    if (carried) conn.provider.on('sync', replay);
    conn.start();
    const off = conn.subscribe(() => {
      const { denied, limit } = conn.state;
      if (denied || limit) {
        off();
        setNotice(limit);
        carry.current = replaying ? null : captureEdits(conn.doc, local.touched);
        const count = carry.current ? carry.current.nodes.size + carry.current.edges.size : 0;
        void conn.discardLocal().then(() => {
          setKept(count);
          setResets((n) => n + 1);
        });
        return;
      }
      // Everything sent so far is confirmed: nothing of ours is pending any more.
      if (conn.state.save === 'saved') {
        local.clear();
        replaying = false;
      }
    });
    return () => {
      off();
      conn.provider.off('sync', replay);
      local.stop();
      conn.stop();
    };
  }, [conn, policyRef]);
  return { conn, resets, kept };
}

export function useCollabState(conn: CollabConnection): CollabSnapshot {
  return useSyncExternalStore(conn.subscribe, conn.getSnapshot);
}

/** The map's nodes and edges as plain data, re-read whenever the doc changes. */
export function useMapData(doc: Y.Doc): { nodes: MapNode[]; edges: MapEdge[] } {
  const [data, setData] = useState(() => ({ nodes: readNodes(doc), edges: readEdges(doc) }));
  useEffect(() => {
    const refresh = () => setData({ nodes: readNodes(doc), edges: readEdges(doc) });
    refresh();
    const nodes = nodesOf(doc);
    const edges = edgesOf(doc);
    nodes.observeDeep(refresh);
    edges.observeDeep(refresh);
    return () => {
      nodes.unobserveDeep(refresh);
      edges.unobserveDeep(refresh);
    };
  }, [doc]);
  return data;
}

/** A card someone is dragging, where it is now (flow coordinates): shown live, the doc is written on the drop. */
export interface DragPosition {
  id: string;
  x: number;
  y: number;
}

/** Cards of one person's drag shown to the others (a multi-card drag beyond this shows on the drop). */
export const SHARED_DRAG_MAX = 24;

export interface PeerPresence {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
  drag: DragPosition[];
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A peer's drag from their awareness state: anything malformed is dropped, never trusted. */
function readDrag(value: unknown): DragPosition[] {
  if (!Array.isArray(value)) return [];
  const out: DragPosition[] = [];
  for (const d of value.slice(0, SHARED_DRAG_MAX) as unknown[]) {
    const { id, x, y } = (d ?? {}) as { id?: unknown; x?: unknown; y?: unknown };
    if (typeof id === 'string' && id.length <= 64 && finite(x) && finite(y)) out.push({ id, x, y });
  }
  return out;
}

function readPeers(awareness: Awareness): PeerPresence[] {
  const out: PeerPresence[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = (state as { user?: { name?: unknown; color?: unknown } }).user;
    if (!user || typeof user.name !== 'string') return;
    const cursor = (state as { cursor?: { x?: unknown; y?: unknown } | null }).cursor;
    const selection = (state as { selection?: unknown }).selection;
    out.push({
      clientId,
      name: user.name.slice(0, 60),
      color: typeof user.color === 'string' && /^#[0-9a-f]{6}$/i.test(user.color) ? user.color : '#56625f',
      cursor: cursor && finite(cursor.x) && finite(cursor.y) ? { x: cursor.x, y: cursor.y } : null,
      selection: Array.isArray(selection) ? selection.filter((s): s is string => typeof s === 'string') : [],
      drag: readDrag((state as { drag?: unknown }).drag),
    });
  });
  return out;
}

/**
 * Something derived from everyone else looking at this doc (awareness), re-derived only when others change and
 * kept as the same value while its `key` stays the same (`derive` and `key` are module-level functions): the names
 * of who is here change far less often than their pointers move.
 */
function usePeerValue<T>(awareness: Awareness | null, derive: (peers: PeerPresence[]) => T, key: (v: T) => string): T {
  const [value, setValue] = useState<T>(() => derive([]));
  useEffect(() => {
    if (!awareness) return;
    let last: string | null = null;
    const read = () => {
      const next = derive(readPeers(awareness));
      const k = key(next);
      if (k === last) return;
      last = k;
      setValue(next);
    };
    // Our own cursor moving (every pointer move on the canvas) changes nothing here: skip those events.
    const onChange = ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }) => {
      if ([...added, ...updated, ...removed].every((id) => id === awareness.clientID)) return;
      read();
    };
    read();
    awareness.on('change', onChange);
    return () => awareness.off('change', onChange);
  }, [awareness, derive, key]);
  return value;
}

const samePeers = (peers: PeerPresence[]) => JSON.stringify(peers);
const asIs = (peers: PeerPresence[]) => peers;

/** Everyone else looking at this doc, from awareness (the same array while nothing anyone shows has changed). */
export function usePeers(awareness: Awareness | null): PeerPresence[] {
  return usePeerValue(awareness, asIs, samePeers);
}

const namesOf = (peers: PeerPresence[]) => peers.map((p) => p.name);
const joined = (names: string[]) => names.join('\n');

/** The names of everyone else looking at this doc: changes only when someone arrives or leaves. */
export function usePeerNames(awareness: Awareness | null): string[] {
  return usePeerValue(awareness, namesOf, joined);
}

/** Per-user undo: only this person's own edits. */
export function useUndo(
  doc: Y.Doc,
  origin: unknown,
): { undo(): void; redo(): void; canUndo: boolean; canRedo: boolean } {
  const [manager] = useState(
    () => new Y.UndoManager([nodesOf(doc), edgesOf(doc)], { trackedOrigins: new Set([origin]), captureTimeout: 400 }),
  );
  const [, bump] = useState(0);
  useEffect(() => {
    const on = () => bump((n) => n + 1);
    manager.on('stack-item-added', on);
    manager.on('stack-item-popped', on);
    manager.on('stack-cleared', on);
    return () => {
      manager.off('stack-item-added', on);
      manager.off('stack-item-popped', on);
      manager.off('stack-cleared', on);
    };
  }, [manager]);
  // The manager lives as long as the doc (destroyed with it); React may remount this component at will.
  return {
    undo: () => manager.undo(),
    redo: () => manager.redo(),
    canUndo: manager.canUndo(),
    canRedo: manager.canRedo(),
  };
}
