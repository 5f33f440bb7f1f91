/** The shared workspace: the couple's conflict-cycle map (or a partner's individual board), live over Yjs. */
import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import '@xyflow/react/dist/style.css';
import { useTranslation } from 'react-i18next';
import {
  buildTemplate,
  translateTemplateLabel,
  type CycleNodeKind,
  type Language,
  type MapSide,
  type MapTemplateId,
  type SessionSnapshot,
} from '@tandem/shared';
import { Loading } from '../../components/feedback';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';
import { LOCAL_ORIGIN, SHARED_SELECTION_MAX, type CollabConnection } from './collab';
import { MapCanvas } from './MapCanvas';
import { MIN_TEXT_ZOOM, useFitOrPan } from './fitOrPan';
import { MapOutline } from './MapOutline';
import { MapToolbar } from './MapToolbar';
import { addNode, connect, deleteItems, insertTemplate, nodesOf, setLabel, type TemplateMode } from './mapModel';
import { MapViewToggle, useMapMode, type MapMode } from './MapViewToggle';
import { LimitNotice, SaveIndicator } from './SaveIndicator';
import { InTabRow } from '../room/ControlsSlot';
import { useCollabConnection, useCollabState, useMapData, usePeerNames, useUndo, type WritePolicy } from './useCollab';
import './map.css';

// Loaded when first used: the therapist's map history, and the picture export (with the shared SVG renderer).
const MapHistory = lazy(async () => ({ default: (await import('./MapHistory')).MapHistory }));
const loadExport = () => import('./exportMap');

const PEER_COLORS = ['#3b6ea5', '#a0522d', '#2f6b70', '#7b4f9d', '#8a6d1f'];
function colorFor(id: string): string {
  let h = 0;
  for (const c of id) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return PEER_COLORS[h % PEER_COLORS.length] ?? '#2f6b70';
}

function MapWorkspace(props: {
  conn: CollabConnection;
  snapshot: SessionSnapshot;
  resets: number;
  kept: number;
  policyRef: { current: WritePolicy };
  mode: MapMode;
  onModeChange: (mode: MapMode) => void;
}) {
  const { conn, snapshot, resets, kept, policyRef, mode, onModeChange: setMode } = props;
  const { t, i18n } = useTranslation();
  const { emitWithAck } = useSessionSocket();
  const flow = useReactFlow();
  const containerRef = useRef<HTMLDivElement>(null);
  const collab = useCollabState(conn);
  const { nodes: docNodes, edges } = useMapData(conn.doc);
  // Names only here: others' pointers and drags re-render the canvas, not the toolbar and the outline.
  const peerNames = usePeerNames(conn.provider.awareness);
  const undo = useUndo(conn.doc, LOCAL_ORIGIN);
  const self = snapshot.self;
  const isTherapist = self.role === 'therapist';
  // A co-therapist edits but does not lock; a supervisor only watches.
  const runs = isTherapist && (self.seat ?? 'lead') === 'lead';
  const watching = self.seat === 'supervisor';
  const mySlot = snapshot.partners.find((p) => p.id === self.id)?.slot;

  const [locked, setLocked] = useState(snapshot.mapLocked);
  const [lockPending, setLockPending] = useState(false);
  useSessionEvent('map:lock', (s) => setLocked(s.locked));
  const onBoard = snapshot.kind === 'individual';
  const editable = !watching && (isTherapist || onBoard || !locked);

  const sideNames = useMemo<Record<MapSide, string>>(
    () => ({
      a: snapshot.partners.find((p) => p.slot === 'a')?.name ?? 'A',
      b: snapshot.partners.find((p) => p.slot === 'b')?.name ?? 'B',
      shared: t('map.side.shared'),
    }),
    [snapshot.partners, t],
  );
  // Template cards read in this screen's language (words someone changed stay as written).
  const lang: Language = i18n.language === 'es' ? 'es' : 'en';
  const nodes = useMemo(
    () => docNodes.map((n) => ({ ...n, label: translateTemplateLabel(n.label, sideNames, lang) })),
    [docNodes, sideNames, lang],
  );
  const individualSlot = onBoard
    ? snapshot.partners.find((p) => p.id === snapshot.workspaceDoc.slice('board.'.length))?.slot
    : undefined;
  // On the couple's map a partner adds and edits on their own side (the server refuses anything else).
  const ownSide: MapSide | null = isTherapist || onBoard ? null : (mySlot ?? null);
  const sides: MapSide[] = ownSide ? [ownSide] : onBoard ? [individualSlot ?? 'a', 'shared'] : ['a', 'b', 'shared'];
  useEffect(() => {
    policyRef.current = { editable, ownSide };
  });
  const [side, setSide] = useState<MapSide>(mySlot ?? individualSlot ?? 'a');
  const fitOrPan = useFitOrPan(ownSide);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [selection, setSelection] = useState<string[]>([]);
  const sharedSelection = useRef('');
  const [historyOpen, setHistoryOpen] = useState(false);

  // Who I am to the others looking at this map.
  useEffect(() => {
    conn.provider.awareness.setLocalStateField('user', { name: self.name, color: colorFor(self.id), role: self.role });
  }, [conn, self.name, self.id, self.role]);
  const onSelectionChange = useCallback(
    (ids: string[]) => {
      // xyflow reports selection often (on every move of a dragged card); only a real change counts, and only
      // that is told to the others (each awareness write is a message to everyone).
      const key = ids.join(',');
      if (key === sharedSelection.current) return;
      sharedSelection.current = key;
      setSelection(ids);
      conn.provider.awareness.setLocalStateField('selection', ids.slice(0, SHARED_SELECTION_MAX));
    },
    [conn],
  );

  const selected = selection.length === 1 ? (nodes.find((n) => n.id === selection[0]) ?? null) : null;
  const canChange = (n: { side: MapSide } | null) => editable && !!n && (ownSide === null || n.side === ownSide);
  const selectedMine = canChange(selected);
  const words = (id: string) => nodes.find((n) => n.id === id)?.label || t('map.emptyLabel');
  const arrows =
    selected && editable
      ? edges
          .filter(
            (e) =>
              (e.source === selected.id || e.target === selected.id) &&
              (selectedMine ||
                canChange(nodes.find((n) => n.id === (e.source === selected.id ? e.target : e.source)) ?? null)),
          )
          .map((e) => ({ id: e.id, label: t('map.edgeAria', { from: words(e.source), to: words(e.target) }) }))
      : [];

  // A connection needs one end on one's own side. The same array while the cards' kinds and words are the same: a
  // card moved changes nothing in the list (it re-rendered every option on each drop).
  const othersKey = JSON.stringify(
    nodes
      .filter((n) => n.id !== selected?.id && (selectedMine || canChange(n)))
      .map(({ id, kind, label }) => ({ id, kind, label })),
  );
  const others = useMemo(
    () => JSON.parse(othersKey) as Pick<(typeof nodes)[number], 'id' | 'kind' | 'label'>[],
    [othersKey],
  );
  const selectedId = selected?.id ?? null;
  const onConnect = useCallback(
    (target: string) => void (selectedId && target && connect(conn.doc, selectedId, target)),
    [conn, selectedId],
  );

  /** Adds a card in free space in its lane, shows it, and opens its editor (the next keys type into it). */
  const add = (kind: CycleNodeKind, where: MapSide = side) => {
    const id = addNode(conn.doc, kind, where, '');
    setEditingId(id);
    const m = nodesOf(conn.doc).get(id);
    const x = Number(m?.get('x') ?? 0);
    const y = Number(m?.get('y') ?? 0);
    requestAnimationFrame(
      () => void flow.setCenter(x + 100, y + 60, { zoom: Math.max(flow.getZoom(), MIN_TEXT_ZOOM) }),
    );
    return id;
  };

  const onKeyDown = (e: React.KeyboardEvent) => {
    if (!editable || (e.target as HTMLElement).closest('textarea, input')) return;
    const mod = e.ctrlKey || e.metaKey;
    if (mod && e.key.toLowerCase() === 'z') {
      e.preventDefault();
      if (e.shiftKey) undo.redo();
      else undo.undo();
    } else if (mod && e.key.toLowerCase() === 'y') {
      e.preventDefault();
      undo.redo();
    } else if (e.key === 'Enter' && selected && selectedMine && !editingId) {
      e.preventDefault();
      setEditingId(selected.id);
    }
  };

  const lockMap = async (next: boolean) => {
    setLockPending(true);
    const res = await emitWithAck('map:lock', { locked: next });
    setLockPending(false);
    if (res.ok) setLocked(res.data.locked);
  };

  const doExport = (format: 'png' | 'svg') => {
    void loadExport().then(({ mapPicture, downloadMap }) => {
      const svg = mapPicture(nodes, edges, sideNames, t, lang);
      return downloadMap(svg, format, `cycle-map-${new Date().toISOString().slice(0, 10)}`);
    });
  };

  return (
    <div
      className="map-workspace"
      ref={containerRef}
      onKeyDown={onKeyDown}
      data-editable={editable || undefined}
      data-mode={mode}
    >
      <div className="map-status-row">
        <InTabRow>
          <SaveIndicator state={collab.save} />
        </InTabRow>
        <LimitNotice notice={collab.notice} />
        {!editable ? (
          <p className="map-locked-note" role="status">
            {t('map.lockedNote')}
          </p>
        ) : null}
        {resets > 0 && !collab.notice ? (
          <p role="status" className="map-locked-note">
            {t(kept > 0 ? 'map.changeRefusedKept' : 'map.changeRefused')}
          </p>
        ) : null}
        {collab.refusedCode !== null ? (
          <p role="alert" className="notice notice-error">
            {t('map.refused')}
          </p>
        ) : null}
      </div>
      <MapToolbar
        editable={editable}
        showAdd={mode === 'canvas'}
        isTherapist={isTherapist}
        sides={sides}
        sideNames={sideNames}
        side={side}
        onSideChange={setSide}
        onAdd={(kind: CycleNodeKind) => void add(kind)}
        hasCards={nodes.length > 0}
        onInsertTemplate={(id: MapTemplateId, how: TemplateMode) => {
          insertTemplate(conn.doc, buildTemplate(id, { a: sideNames.a, b: sideNames.b }, lang), how);
          requestAnimationFrame(fitOrPan);
        }}
        arrows={arrows}
        onRemoveArrow={(edgeId) => deleteItems(conn.doc, [], [edgeId])}
        selected={selected}
        selectedMine={selectedMine}
        others={others}
        onEdit={() => selected && setEditingId(selected.id)}
        onConnect={onConnect}
        onDelete={() => selected && deleteItems(conn.doc, [selected.id])}
        undo={undo}
        lock={{ locked, canLock: runs && !onBoard, pending: lockPending, onChange: (v) => void lockMap(v) }}
        onExport={doExport}
        onHistory={isTherapist ? () => setHistoryOpen(true) : null}
      />
      <MapViewToggle mode={mode} onChange={setMode} />
      {mode === 'canvas' ? (
        <MapCanvas
          doc={conn.doc}
          awareness={conn.provider.awareness}
          nodes={nodes}
          edges={edges}
          editable={editable}
          ownSide={ownSide}
          sideNames={sideNames}
          editingId={editingId}
          onEditingChange={setEditingId}
          onSelectionChange={onSelectionChange}
        />
      ) : null}
      {peerNames.length > 0 ? (
        <p className="map-peers">{t('map.lookingNow', { names: peerNames.join(', ') })}</p>
      ) : null}
      <MapOutline
        nodes={nodes}
        sideNames={sideNames}
        editing={
          mode === 'list' && editable
            ? {
                canChange,
                addSides: sides,
                editingId,
                onEditingChange: setEditingId,
                onCommit: (id, label) => setLabel(conn.doc, id, label),
                onAdd: (kind, where) => void add(kind, where),
              }
            : undefined
        }
      />
      {historyOpen ? (
        <Suspense fallback={null}>
          <MapHistory coupleId={snapshot.coupleId} sideNames={sideNames} onClose={() => setHistoryOpen(false)} />
        </Suspense>
      ) : null}
    </div>
  );
}

/** The map feature. `mode` picks the first view (list or canvas); unset: the list on a phone, else the canvas. */
export default function CycleMap(props: { mode?: MapMode } = {}) {
  const { snapshot, sessionId } = useSessionSocket();
  const policyRef = useRef<WritePolicy>({ editable: false, ownSide: null });
  // Kept here: a map that starts again from the server's (a refused change) stays in the same view.
  const [mode, setMode] = useMapMode(props.mode);
  const { conn, resets, kept } = useCollabConnection(snapshot?.workspaceDoc ?? '', sessionId, policyRef);
  if (!snapshot || !conn || !snapshot.workspaceDoc) return <Loading />;
  return (
    <ReactFlowProvider key={resets}>
      <MapWorkspace
        conn={conn}
        snapshot={snapshot}
        resets={resets}
        kept={kept}
        policyRef={policyRef}
        mode={mode}
        onModeChange={setMode}
      />
    </ReactFlowProvider>
  );
}
