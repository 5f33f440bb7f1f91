import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Background,
  ControlButton,
  Controls,
  MarkerType,
  ReactFlow,
  ViewportPortal,
  applyNodeChanges,
  useNodesInitialized,
  useReactFlow,
  type Edge,
  type NodeChange,
  type EdgeChange,
  type Connection,
  type AriaLabelConfig,
} from '@xyflow/react';
import { useTranslation } from 'react-i18next';
import type * as Y from 'yjs';
import type { Awareness } from 'y-protocols/awareness';
import type { MapSide } from '@tandem/shared';
import { CycleNode, type CycleFlowNode, type CycleNodeData } from './CycleNode';
import { connect, deleteItems, moveNodes, setLabel, type MapEdge, type MapNode } from './mapModel';
import { usePeers } from './useCollab';
import { usePresenceWriter } from './presenceWriter';
import { FIT_VIEW, useFitOrPan } from './fitOrPan';

const nodeTypes = { cycle: CycleNode };

const PRO_OPTIONS = { hideAttribution: true };
const DELETE_KEYS = ['Delete', 'Backspace'];

type Watchers = CycleNodeData['watchers'];
const NO_WATCHERS: Watchers = [];

/** The same object when nothing in it changed: xyflow and the memoised card then skip that card. */
function sameData(a: CycleNodeData, b: CycleNodeData): boolean {
  for (const key of Object.keys(b) as (keyof CycleNodeData)[]) if (a[key] !== b[key]) return false;
  return Object.keys(a).length === Object.keys(b).length;
}
function reuse(was: CycleFlowNode | undefined, next: CycleFlowNode): CycleFlowNode {
  if (!was) return next;
  const data = sameData(was.data, next.data) ? was.data : next.data;
  const same =
    data === was.data &&
    was.position.x === next.position.x &&
    was.position.y === next.position.y &&
    was.draggable === next.draggable &&
    was.deletable === next.deletable &&
    was.connectable === next.connectable &&
    was.ariaLabel === next.ariaLabel;
  return same ? was : { ...next, data };
}

const ARROW = { type: MarkerType.ArrowClosed, width: 18, height: 18 };

/** Gives back last time's object for every arrow that did not change: xyflow then leaves that arrow alone. */
class SameEdges {
  private last = new Map<string, Edge>();
  next(edges: Edge[]): Edge[] {
    const out = edges.map((e) => {
      const was = this.last.get(e.id);
      const same =
        was &&
        was.source === e.source &&
        was.target === e.target &&
        was.deletable === e.deletable &&
        was.ariaLabel === e.ariaLabel;
      return same ? was : e;
    });
    this.last = new Map(out.map((e) => [e.id, e]));
    return out;
  }
}

interface MapCanvasProps {
  doc: Y.Doc;
  awareness: Awareness | null;
  nodes: MapNode[];
  edges: MapEdge[];
  editable: boolean;
  /** A partner on the couple's map changes only the cards on their side (null: every card). */
  ownSide: MapSide | null;
  sideNames: Record<MapSide, string>;
  editingId: string | null;
  onEditingChange: (id: string | null) => void;
  onSelectionChange: (ids: string[]) => void;
}

/** The map drawn with xyflow; nodes and edges come from the Y.Doc, edits go straight back into it. */
export function MapCanvas(props: MapCanvasProps) {
  const { doc, awareness, nodes, edges, editable, ownSide, sideNames, editingId, onEditingChange } = props;
  const { onSelectionChange } = props;
  const { t } = useTranslation();
  const flow = useReactFlow();
  const peers = usePeers(awareness);
  const presence = usePresenceWriter(awareness);
  const [flowNodes, setFlowNodes] = useState<CycleFlowNode[]>([]);
  const dragging = useRef(new Set<string>());

  // The first view, once the cards are there and measured: the whole map, or one's own lane readable.
  const fitOrPan = useFitOrPan(ownSide);
  const initialized = useNodesInitialized();
  const fitted = useRef(false);
  useEffect(() => {
    if (!initialized || fitted.current || !flowNodes.length) return;
    fitted.current = true;
    fitOrPan();
  }, [initialized, flowNodes.length, fitOrPan]);

  const commitLabel = useCallback((id: string, label: string) => setLabel(doc, id, label), [doc]);
  // Which cards this person may change (the server enforces the same rule on every update).
  // The same function while the set of cards is the same (a card moved or reworded changes no callback below).
  const mineKey = nodes
    .filter((n) => editable && (ownSide === null || n.side === ownSide))
    .map((n) => n.id)
    .join(' ');
  const mine = useMemo(() => {
    const ids = new Set(mineKey.split(' '));
    return (id: string | null | undefined) => id != null && ids.has(id);
  }, [mineKey]);
  const edgeIsMine = useCallback((e: { source: string; target: string }) => mine(e.source) || mine(e.target), [mine]);
  const endEdit = useCallback(() => onEditingChange(null), [onEditingChange]);

  // Who has each card selected: from the peers' selections only, so their cursors moving re-render no card.
  const watchersKey = JSON.stringify(peers.map((p) => [p.name, p.color, p.selection]));
  const watchersOf = useMemo(() => {
    const byId = new Map<string, Watchers>();
    for (const [name, color, selection] of JSON.parse(watchersKey) as [string, string, string[]][]) {
      for (const id of selection) byId.set(id, [...(byId.get(id) ?? []), { name, color }]);
    }
    return (id: string) => byId.get(id) ?? NO_WATCHERS;
  }, [watchersKey]);

  // Cards others are dragging, where they are now (their drag is written to the doc when they drop the card).
  const peerDragKey = JSON.stringify(peers.flatMap((p) => p.drag.map((d) => [d.id, d.x, d.y])));
  const peerDrag = useMemo(
    () => new Map((JSON.parse(peerDragKey) as [string, number, number][]).map(([id, x, y]) => [id, { x, y }])),
    [peerDragKey],
  );

  // Everything about each card but where it is: not derived again (its words looked up in two languages) when
  // only a card someone else drags moves.
  const cards = useMemo(
    () =>
      nodes.map((n) => ({
        n,
        node: {
          id: n.id,
          type: 'cycle' as const,
          // Shown before it is measured, so a new card's editor can take focus at once.
          initialWidth: 200,
          initialHeight: 100,
          draggable: mine(n.id),
          deletable: mine(n.id),
          connectable: editable,
          ariaLabel: t('map.nodeAria', { kind: t(`map.kind.${n.kind}`), side: sideNames[n.side], label: n.label }),
          data: {
            kind: n.kind,
            side: n.side,
            label: n.label,
            sideName: sideNames[n.side],
            editable: mine(n.id),
            connectable: editable,
            editing: editingId === n.id && mine(n.id),
            watchers: watchersOf(n.id),
            onCommit: commitLabel,
            onEditEnd: endEdit,
          },
        },
      })),
    [nodes, watchersOf, editable, mine, sideNames, editingId, commitLabel, endEdit, t],
  );

  // Y.Doc -> xyflow nodes, keeping what xyflow owns (measurements, selection, a drag in progress), and the same
  // object for every card that did not change.
  useEffect(() => {
    setFlowNodes((prev) => {
      const old = new Map(prev.map((n) => [n.id, n]));
      return cards.map(({ n, node }): CycleFlowNode => {
        const was = old.get(n.id);
        const position = was && dragging.current.has(n.id) ? was.position : (peerDrag.get(n.id) ?? { x: n.x, y: n.y });
        return reuse(was, { ...(was ?? {}), ...node, position });
      });
    });
  }, [cards, peerDrag]);

  const [edgeCache] = useState(() => new SameEdges());
  const flowEdges = useMemo<Edge[]>(() => {
    const words = new Map(nodes.map((n) => [n.id, n.label || t('map.emptyLabel')]));
    return edgeCache.next(
      edges.map((e) => ({
        id: e.id,
        source: e.source,
        target: e.target,
        markerEnd: ARROW,
        deletable: edgeIsMine(e),
        // Read by the cards' words; not a tab stop before the cards (the selected card's tools remove an arrow).
        focusable: false,
        ariaLabel: t('map.edgeAria', { from: words.get(e.source) ?? '', to: words.get(e.target) ?? '' }),
      })),
    );
  }, [nodes, edges, edgeIsMine, t, edgeCache]);

  const onNodesChange = useCallback(
    (changes: NodeChange<CycleFlowNode>[]) => {
      setFlowNodes((nds) => applyNodeChanges(changes, nds));
      if (!editable) return;
      const moves: { id: string; x: number; y: number }[] = [];
      let final = false;
      const removed: string[] = [];
      for (const c of changes) {
        if ((c.type === 'position' || c.type === 'remove') && !mine(c.id)) continue;
        if (c.type === 'position' && c.position) {
          moves.push({ id: c.id, x: c.position.x, y: c.position.y });
          if (c.dragging) dragging.current.add(c.id);
          else {
            dragging.current.delete(c.id);
            final = true;
          }
        } else if (c.type === 'remove') removed.push(c.id);
      }
      // A drag moves the card here at once (xyflow's own state) and shows it to the others live through awareness
      // (a few times a second); the shared doc is written once, when it is dropped: one update for everyone instead
      // of one per mouse move, each of which re-rendered the map on every screen. Keyboard moves are final at once.
      if (moves.length && final) {
        moveNodes(doc, moves);
        presence.drag(null, true);
      } else if (moves.length) presence.drag(moves);
      if (removed.length) deleteItems(doc, removed);
    },
    [doc, editable, mine, presence],
  );

  const onEdgesChange = useCallback(
    (changes: EdgeChange[]) => {
      if (!editable) return;
      const removable = new Set(edges.filter(edgeIsMine).map((e) => e.id));
      const removed = changes.flatMap((c) => (c.type === 'remove' && removable.has(c.id) ? [c.id] : []));
      if (removed.length) deleteItems(doc, [], removed);
    },
    [doc, editable, edges, edgeIsMine],
  );

  const handleSelection = useCallback(
    ({ nodes: sel }: { nodes: CycleFlowNode[] }) => onSelectionChange(sel.map((n) => n.id)),
    [onSelectionChange],
  );

  const onConnect = useCallback(
    (c: Connection) => void (editable && edgeIsMine(c) && connect(doc, c.source, c.target)),
    [doc, editable, edgeIsMine],
  );
  const isValidConnection = useCallback((c: Edge | Connection) => edgeIsMine(c), [edgeIsMine]);

  // Props given to xyflow keep their identity between renders (each new object is another store update per move).
  const ariaLabelConfig = useMemo(
    (): Partial<AriaLabelConfig> => ({
      'node.a11yDescription.default': t('map.a11y.nodeHelp'),
      'node.a11yDescription.keyboardDisabled': t('map.a11y.nodeHelp'),
      'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) =>
        t('map.a11y.moved', { direction: t(`map.a11y.direction.${direction}`, { defaultValue: direction }), x, y }),
      'edge.a11yDescription.default': t('map.a11y.edgeHelp'),
      'handle.ariaLabel': t('map.a11y.handle'),
      'controls.ariaLabel': t('map.a11y.controls'),
      'controls.zoomIn.ariaLabel': t('map.a11y.zoomIn'),
      'controls.zoomOut.ariaLabel': t('map.a11y.zoomOut'),
      'controls.fitView.ariaLabel': t('map.a11y.fitView'),
      'controls.interactive.ariaLabel': t('map.a11y.interactive'),
    }),
    [t],
  );

  const onNodeDoubleClick = useCallback(
    (_e: React.MouseEvent, n: CycleFlowNode) => void (mine(n.id) && onEditingChange(n.id)),
    [mine, onEditingChange],
  );

  // Pointer presence (sent with a drag in progress, at most at the server's awareness rate).
  const onPointerMove = useCallback(
    (e: React.PointerEvent) => presence.pointer(flow.screenToFlowPosition({ x: e.clientX, y: e.clientY })),
    [presence, flow],
  );
  const onPointerLeave = useCallback(() => presence.pointer(null), [presence]);

  // The same elements while nothing they show changed: a card dragged re-renders this component on every move,
  // and new children would re-render the background, the controls and the pointers each time.
  const background = useMemo(() => <Background gap={24} color="#d9d7cf" />, []);
  const controls = useMemo(
    () => (
      <Controls showInteractive={false} showFitView={false}>
        <ControlButton
          className="react-flow__controls-fitview"
          onClick={fitOrPan}
          title={t('map.a11y.fitView')}
          aria-label={t('map.a11y.fitView')}
        >
          <svg viewBox="0 0 16 16" aria-hidden="true">
            <path d="M1 5V1h4M11 1h4v4M15 11v4h-4M5 15H1v-4" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
        </ControlButton>
      </Controls>
    ),
    [fitOrPan, t],
  );
  const pointers = useMemo(
    () => (
      <ViewportPortal>
        {peers
          .filter((p) => p.cursor)
          .map((p) => (
            <div
              key={p.clientId}
              className="peer-cursor"
              aria-hidden="true"
              style={{ transform: `translate(${p.cursor?.x ?? 0}px, ${p.cursor?.y ?? 0}px)`, color: p.color }}
            >
              <svg width="14" height="18" viewBox="0 0 14 18">
                <path d="M0 0 L14 10 L7 11 L4 18 Z" fill="currentColor" />
              </svg>
              <span style={{ background: p.color }}>{p.name}</span>
            </div>
          ))}
      </ViewportPortal>
    ),
    [peers],
  );

  return (
    <div className="map-canvas" onPointerMove={onPointerMove} onPointerLeave={onPointerLeave}>
      <ReactFlow<CycleFlowNode>
        nodes={flowNodes}
        edges={flowEdges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        isValidConnection={isValidConnection}
        onSelectionChange={handleSelection}
        onNodeDoubleClick={onNodeDoubleClick}
        nodesDraggable={editable}
        nodesConnectable={editable}
        edgesFocusable={false}
        nodesFocusable
        deleteKeyCode={editable ? DELETE_KEYS : null}
        // Double-click edits a card; on a card one may not change it must not zoom the map away instead.
        zoomOnDoubleClick={false}
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        maxZoom={2}
        proOptions={PRO_OPTIONS}
        ariaLabelConfig={ariaLabelConfig}
      >
        {background}
        {controls}
        {pointers}
      </ReactFlow>
    </div>
  );
}
