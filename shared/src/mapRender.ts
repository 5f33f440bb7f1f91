/**
 * The conflict-cycle map as a picture: map data -> a scene of plain primitives (rectangles, paths, text lines)
 * (this file) -> a standalone SVG string (mapSvg.ts: paths and text only, no foreignObject), the same in the browser
 * (export, PNG through a canvas) and on the server, where the PDF draws the same scene as vector paths (pdfkit).
 * Text measuring and wrapping live in mapText.ts.
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
import { estimateWidth, wrapText, type MeasureText } from './mapText.js';

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
const MARK_COLORS: Record<MapMark, string> = { added: '#1b7f3b', edited: '#9a5b00', removed: '#b3261e' };

export const RENDER_CARD_WIDTH = 200;
const MAX_NODES = 500;
const MAX_EDGES = 1000;
const MAX_LABEL = 400;
const MAX_COORD = 20_000;
const LABEL_SIZE = 15;
const LINE = Math.round(LABEL_SIZE * 1.3);
const HEAD_SIZE = 11;
const PAD = 10;
const MARGIN = 32;
const HEADER = 64;
const LANE_HEAD = 36;

const COLORS: Record<MapSide, { stroke: string; fill: string }> = {
  a: { stroke: '#3b6ea5', fill: '#e8eff7' },
  b: { stroke: '#a0522d', fill: '#f6ece6' },
  shared: { stroke: '#6b7472', fill: '#f0f0ec' },
};
const NOTE_FILL = '#fffbea';

/** Kinds differ by border style as well as by name, never by colour alone (as on screen). */
function borderOf(kind: CycleNodeKind): { dash?: string; width: number; radius: number } {
  switch (kind) {
    case 'perception':
    case 'underlying-emotion':
      return { dash: '6 4', width: 2, radius: 6 };
    case 'need':
      return { width: 3, radius: 18 };
    case 'note':
      return { dash: '2 3', width: 2, radius: 6 };
    case 'trigger':
    case 'action':
    case 'reactive-emotion':
      return { width: 2, radius: 6 };
    default:
      return exhaustive(kind);
  }
}
export function exhaustive(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

const estimate: MeasureText = (text, size) => estimateWidth(text, size);
const clampCoord = (v: number) => (Number.isFinite(v) ? Math.max(-MAX_COORD, Math.min(MAX_COORD, v)) : 0);
/** A coordinate as SVG writes it (one decimal). */
export const n = (v: number) => String(Math.round(v * 10) / 10);

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

interface Card {
  node: RenderNode;
  x: number;
  y: number;
  h: number;
  lines: string[];
}

const dashOf = (b: { dash?: string }) => (b.dash ? { dash: b.dash } : {});

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
  const text = (
    x: number,
    y: number,
    size: number,
    lines: string[],
    more: Partial<Omit<SceneText, 'type' | 'x' | 'y' | 'size' | 'lines'>> = {},
  ): SceneText => ({ type: 'text', x, y, size, lines, bold: false, anchor: 'start', lineHeight: LINE, ...more });

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
        text(x + 24, y, 13, [name]),
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
        text(x + 30, y, 13, [name]),
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
      text(MARGIN, 38, 22, [input.text.title], { bold: true }),
      text(width - MARGIN, 38, 14, [input.text.date], { anchor: 'end', fill: '#55605d' }),
    ],
  });

  // Lanes: a soft band behind each side's cards, headed by the partner's name.
  const lanes: ScenePrimitive[] = [];
  for (const side of MAP_SIDES) {
    const own = cards.filter((c) => c.node.side === side);
    if (!own.length) continue;
    const x0 = Math.min(...own.map((c) => c.x)) + ox - 12;
    const x1 = Math.max(...own.map((c) => c.x + RENDER_CARD_WIDTH)) + ox + 12;
    const y0 = HEADER;
    lanes.push(
      {
        type: 'rect',
        x: x0,
        y: y0,
        w: x1 - x0,
        h: contentBottom - y0,
        rx: 10,
        fill: COLORS[side].fill,
        fillOpacity: 0.45,
      },
      text((x0 + x1) / 2, y0 + 24, 15, [input.sideNames[side]], {
        bold: true,
        anchor: 'middle',
        fill: COLORS[side].stroke,
        className: 'map-lane-name',
      }),
    );
  }
  groups.push({ className: 'map-lanes', items: lanes });

  // Arrows, under the cards.
  const arrows: ScenePrimitive[] = [];
  for (const e of input.edges.slice(0, MAX_EDGES)) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t || s === t) continue;
    const W = RENDER_CARD_WIDTH;
    let pts: [number, number, number, number, number, number, number, number];
    if (Math.abs(t.x - s.x) >= W + 20) {
      // Across lanes (the loop between partners): from the facing side of one card to the facing side of the other.
      const right = t.x > s.x;
      const sx = s.x + ox + (right ? W : 0);
      const sy = s.y + oy + s.h / 2;
      const tx = t.x + ox + (right ? -2 : W + 2);
      const ty = t.y + oy + t.h / 2;
      const dx = (tx - sx) / 2;
      pts = [sx, sy, sx + dx, sy, tx - dx, ty, tx, ty];
    } else {
      // Within a lane: from the bottom of one card to the top of the next (or back up, with short handles).
      const sx = s.x + ox + W / 2;
      const sy = s.y + oy + s.h;
      const tx = t.x + ox + W / 2;
      const ty = t.y + oy;
      const dy = ty > sy ? Math.max(40, (ty - sy) / 2) : 60;
      pts = [sx, sy, sx, sy + dy, tx, ty - dy, tx, ty - 2];
    }
    const r = pts.map((v) => Math.round(v * 10) / 10);
    const [x0, y0, x1, y1, x2, y2, x3, y3] = r as typeof pts;
    arrows.push({
      type: 'arrow',
      d: `M${n(x0)} ${n(y0)}C${n(x1)} ${n(y1)} ${n(x2)} ${n(y2)} ${n(x3)} ${n(y3)}`,
      from: x2 === x3 && y2 === y3 ? [x0, y0] : [x2, y2],
      to: [x3, y3],
      stroke: '#55605d',
      strokeWidth: 2,
    });
  }
  groups.push({ className: 'map-edges', items: arrows });

  for (const c of cards) {
    const b = borderOf(c.node.kind);
    const x = c.x + ox;
    const y = c.y + oy;
    const fill = c.node.kind === 'note' ? NOTE_FILL : COLORS[c.node.side].fill;
    const head = input.kindNames[c.node.kind].toUpperCase();
    const name = c.node.side === 'shared' ? '' : input.sideNames[c.node.side];
    // The lane names whose card it is; in the card only when it fits beside the kind.
    const fits = measure(head, HEAD_SIZE, true) + measure(name, HEAD_SIZE, false) + 20 <= inner;
    const mark = input.marks?.[c.node.id];
    const halo: ScenePrimitive[] = mark
      ? [
          {
            type: 'rect',
            x: x - 6,
            y: y - 6,
            w: RENDER_CARD_WIDTH + 12,
            h: c.h + 12,
            rx: b.radius + 4,
            fill: MARK_COLORS[mark.change],
            fillOpacity: 0.18,
            stroke: MARK_COLORS[mark.change],
            strokeWidth: 3,
            ...(mark.change === 'removed' ? { dash: '6 4' } : {}),
          },
          text(x + RENDER_CARD_WIDTH + 6, y - 10, HEAD_SIZE, [mark.label], {
            bold: true,
            anchor: 'end',
            fill: MARK_COLORS[mark.change],
            className: 'map-card-mark',
          }),
        ]
      : [];
    const items: ScenePrimitive[] = [
      ...halo,
      {
        type: 'rect',
        x,
        y,
        w: RENDER_CARD_WIDTH,
        h: c.h,
        rx: b.radius,
        fill,
        stroke: COLORS[c.node.side].stroke,
        strokeWidth: b.width,
        ...dashOf(b),
      },
      text(x + PAD, y + PAD + HEAD_SIZE, HEAD_SIZE, [head], { bold: true, fill: '#55605d' }),
    ];
    if (fits && name) {
      items.push(
        text(x + RENDER_CARD_WIDTH - PAD, y + PAD + HEAD_SIZE, HEAD_SIZE, [name], { anchor: 'end', fill: '#55605d' }),
      );
    }
    items.push(
      text(x + PAD, y + PAD + HEAD_SIZE + 8 + LABEL_SIZE, LABEL_SIZE, c.lines, { className: 'map-card-label' }),
    );
    groups.push({ className: mark ? `map-card map-card-${mark.change}` : 'map-card', items });
  }

  const legend: ScenePrimitive[] = [text(MARGIN, legendTop + 12, 13, [input.text.legend], { bold: true })];
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
