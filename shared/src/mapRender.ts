/**
 * The conflict-cycle map as a picture: map data -> a scene of plain primitives (rectangles, paths, text lines)
 * (this file) -> a standalone SVG string (mapSvg.ts: paths and text only, no foreignObject), the same in the browser
 * (export, PNG through a canvas) and on the server, where the PDF draws the same scene as vector paths (pdfkit).
 * Where lanes, arrows and cards go lives in mapLayout.ts; text measuring and wrapping in mapText.ts.
 * Pure: no DOM. Every text is escaped in the SVG; sizes and counts are bounded, whatever the doc holds.
 */
import {
  CYCLE_NODE_KINDS,
  MAP_SIDES,
  type CycleNodeKind,
  type MapEdgeData,
  type MapNodeData,
  type MapSide,
} from './map.js';
import {
  arrowItems,
  borderOf,
  cardGroup,
  COLORS,
  dashOf,
  HEAD_SIZE,
  HEADER,
  LABEL_SIZE,
  LANE_HEAD,
  laneItems,
  LINE,
  MARGIN,
  PAD,
  RENDER_CARD_WIDTH,
  sceneText,
  type Card,
} from './mapLayout.js';
import { estimateWidth, wrapText, type MeasureText } from './mapText.js';

export { exhaustive, n, RENDER_CARD_WIDTH } from './mapLayout.js';

export interface RenderNode extends MapNodeData {
  id: string;
}
export interface RenderEdge extends MapEdgeData {
  id?: string;
}

export interface MapRenderInput {
  nodes: readonly RenderNode[];
  edges: readonly RenderEdge[];
  /** Lane headings: the partners' names, and the shared lane's name. */
  sideNames: Record<MapSide, string>;
  /** Each kind's name in the reader's language. */
  kindNames: Record<CycleNodeKind, string>;
  text: {
    /** e.g. "Our cycle" */
    title: string;
    /** Already formatted for the reader, e.g. "30 November 2026". */
    date: string;
    /** Heading of the legend, e.g. "Legend". */
    legend: string;
    /** Shown on a card with no words. */
    emptyLabel: string;
  };
  /**
   * Cards to point out (a comparison: added, edited, removed), by id: a coloured halo and a word above the card
   * (the word, not the colour alone, tells what changed).
   */
  marks?: Readonly<Record<string, { change: MapMark; label: string }>>;
}

export const MAP_MARKS = ['added', 'edited', 'removed'] as const;
export type MapMark = (typeof MAP_MARKS)[number];

const MAX_NODES = 500;
const MAX_EDGES = 1000;
const MAX_LABEL = 400;
const MAX_COORD = 20_000;
const clampCoord = (v: number) => (Number.isFinite(v) ? Math.max(-MAX_COORD, Math.min(MAX_COORD, v)) : 0);

const estimate: MeasureText = (text, size) => estimateWidth(text, size);
/** A rectangle (rounded by `rx`), filled and/or stroked; `dash` is an SVG dash array ("6 4"). */
export interface SceneRect {
  type: 'rect';
  x: number;
  y: number;
  w: number;
  h: number;
  rx: number;
  fill: string;
  fillOpacity?: number;
  stroke?: string;
  strokeWidth?: number;
  dash?: string;
}
/** An arrow: an SVG path of one cubic curve (`M x y C ...`), ending in an arrowhead. */
export interface SceneArrow {
  type: 'arrow';
  d: string;
  /** The curve's last control point and end point: the arrowhead points from one to the other. */
  from: [number, number];
  to: [number, number];
  stroke: string;
  strokeWidth: number;
}
/** Lines of text; `y` is the first line's baseline, each next line `lineHeight` lower. */
export interface SceneText {
  type: 'text';
  x: number;
  y: number;
  size: number;
  bold: boolean;
  anchor: 'start' | 'middle' | 'end';
  fill?: string;
  lines: string[];
  lineHeight: number;
  className?: string;
}
export type ScenePrimitive = SceneRect | SceneArrow | SceneText;
export interface SceneGroup {
  className: string;
  items: ScenePrimitive[];
}
/** The map as drawable primitives, in px, in drawing order (groups: header, lanes, edges, one per card, legend). */
export interface MapScene {
  width: number;
  height: number;
  /** The picture's title ("Our cycle, 30 November 2026"). */
  title: string;
  background: string;
  textColor: string;
  groups: SceneGroup[];
}

/** Lays the map out as primitives. `measure` decides where words wrap and what fits (the estimate by default). */
export function buildMapScene(input: MapRenderInput, measure: MeasureText = estimate): MapScene {
  const inner = RENDER_CARD_WIDTH - 2 * PAD;
  const nodes = input.nodes
    .slice(0, MAX_NODES)
    .filter((nd) => (CYCLE_NODE_KINDS as readonly string[]).includes(nd.kind) && MAP_SIDES.includes(nd.side));
  const cards: Card[] = nodes.map((node) => {
    const label = node.label.slice(0, MAX_LABEL).trim() || input.text.emptyLabel;
    const lines = wrapText(label, LABEL_SIZE, inner, (t, size) => measure(t, size, false));
    return {
      node,
      x: clampCoord(node.x),
      y: clampCoord(node.y),
      h: PAD * 2 + HEAD_SIZE + 8 + lines.length * LINE,
      lines,
    };
  });
  const byId = new Map(cards.map((c) => [c.node.id, c]));

  const minX = cards.length ? Math.min(...cards.map((c) => c.x)) : 0;
  const minY = cards.length ? Math.min(...cards.map((c) => c.y)) : 0;
  const maxX = cards.length ? Math.max(...cards.map((c) => c.x + RENDER_CARD_WIDTH)) : RENDER_CARD_WIDTH;
  const maxY = cards.length ? Math.max(...cards.map((c) => c.y + c.h)) : 120;
  const ox = MARGIN + 16 - minX;
  const oy = HEADER + LANE_HEAD - minY;
  const contentW = maxX - minX + 32;
  const contentBottom = maxY + oy + 24;

  // The legend: sides (colour) and kinds (border style), wrapped into rows.
  const legendItems: { w: number; items: (x: number, y: number) => ScenePrimitive[] }[] = [];
  for (const side of MAP_SIDES) {
    if (side === 'shared' && !cards.some((c) => c.node.side === 'shared')) continue;
    const name = input.sideNames[side];
    legendItems.push({
      w: 30 + measure(name, 13, false),
      items: (x, y) => [
        {
          type: 'rect',
          x,
          y: y - 11,
          w: 18,
          h: 14,
          rx: 3,
          fill: COLORS[side].fill,
          stroke: COLORS[side].stroke,
          strokeWidth: 2,
        },
        sceneText(x + 24, y, 13, [name]),
      ],
    });
  }
  for (const kind of CYCLE_NODE_KINDS) {
    const b = borderOf(kind);
    const name = input.kindNames[kind];
    legendItems.push({
      w: 36 + measure(name, 13, false),
      items: (x, y) => [
        {
          type: 'rect',
          x,
          y: y - 11,
          w: 24,
          h: 14,
          rx: Math.min(b.radius, 7),
          fill: '#ffffff',
          stroke: '#444a48',
          strokeWidth: b.width,
          ...dashOf(b),
        },
        sceneText(x + 30, y, 13, [name]),
      ],
    });
  }
  const width = Math.max(640, Math.ceil(contentW + 2 * MARGIN));
  const rows: { x: number; item: (typeof legendItems)[number] }[][] = [[]];
  const legendStart = MARGIN + measure(input.text.legend, 13, true) + 20;
  let cx = legendStart;
  for (const item of legendItems) {
    if (cx + item.w > width - MARGIN && (rows[rows.length - 1]?.length ?? 0) > 0) {
      rows.push([]);
      cx = legendStart;
    }
    rows[rows.length - 1]?.push({ x: cx, item });
    cx += item.w + 18;
  }
  const legendTop = contentBottom + 16;
  const height = Math.ceil(legendTop + rows.length * 24 + MARGIN);

  const groups: SceneGroup[] = [];
  groups.push({
    className: 'map-header',
    items: [
      sceneText(MARGIN, 38, 22, [input.text.title], { bold: true }),
      sceneText(width - MARGIN, 38, 14, [input.text.date], { anchor: 'end', fill: '#55605d' }),
    ],
  });

  groups.push({ className: 'map-lanes', items: laneItems(cards, ox, contentBottom, input.sideNames) });
  groups.push({ className: 'map-edges', items: arrowItems(input.edges.slice(0, MAX_EDGES), byId, ox, oy) });
  for (const c of cards) groups.push(cardGroup(c, ox, oy, input, measure));

  const legend: ScenePrimitive[] = [sceneText(MARGIN, legendTop + 12, 13, [input.text.legend], { bold: true })];
  rows.forEach((row, i) => {
    for (const { x, item } of row) legend.push(...item.items(x, legendTop + 12 + i * 24));
  });
  groups.push({ className: 'map-legend', items: legend });

  return {
    width,
    height,
    title: `${input.text.title}, ${input.text.date}`,
    background: '#ffffff',
    textColor: '#1f2624',
    groups,
  };
}
