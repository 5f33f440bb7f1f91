import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import { CollabConnection, type CollabLimitNotice, type CollabSnapshot } from './collab';
import { readEdges, readNodes, nodesOf, edgesOf, type MapEdge, type MapNode } from './mapModel';

/**
 * The doc, connected for as long as the component lives. When the server refuses one of our edits (the map is
 * locked, or the card is not on our side), every later edit of this Yjs client builds on the refused one and
 * would be refused too: we drop the local copy, offline store included, and start again from the server's doc.
 * The same after a change too large or a full doc (the server closed us: resending would be refused again), and
 * the new connection carries the notice for the person. `resets` counts how often that happened.
 */
export function useCollabConnection(
  docName: string,
  sessionId: string,
): { conn: CollabConnection | null; resets: number } {
  const [resets, setResets] = useState(0);
  const [notice, setNotice] = useState<CollabLimitNotice | null>(null);
  const conn = useMemo(
    () => (docName ? new CollabConnection(docName, { session: sessionId }, { notice }) : null),
    // A reset makes a fresh connection to the same doc.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docName, sessionId, resets],
  );
  useEffect(() => {
    if (!conn) return;
    conn.start();
    const off = conn.subscribe(() => {
      const { denied, limit } = conn.state;
      if (!denied && !limit) return;
      off();
      setNotice(limit);
      void conn.discardLocal().then(() => setResets((n) => n + 1));
    });
    return () => {
      off();
      conn.stop();
    };
  }, [conn]);
  return { conn, resets };
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

export interface PeerPresence {
  clientId: number;
  name: string;
  color: string;
  cursor: { x: number; y: number } | null;
  selection: string[];
}

/** Everyone else looking at this doc, from awareness. */
export function usePeers(awareness: Awareness): PeerPresence[] {
  const [peers, setPeers] = useState<PeerPresence[]>([]);
  useEffect(() => {
    const read = () => {
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
          cursor:
            cursor && typeof cursor.x === 'number' && typeof cursor.y === 'number'
              ? { x: cursor.x, y: cursor.y }
              : null,
          selection: Array.isArray(selection) ? selection.filter((s): s is string => typeof s === 'string') : [],
        });
      });
      setPeers(out);
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return peers;
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
