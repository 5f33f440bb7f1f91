/**
 * Where the map's pieces go in its scene (mapRender.ts): the lanes behind each side's cards, the arrows between
 * cards, and each card with its kind, owner, words and (in a comparison) its mark. Sizes, colours and border styles
 * are the picture's, the same on screen, in SVG and in the PDF.
 */
import { MAP_SIDES, type CycleNodeKind, type MapSide } from './map.js';
import type {
  MapMark,
  MapRenderInput,
  RenderEdge,
  RenderNode,
  SceneGroup,
  ScenePrimitive,
  SceneText,
} from './mapRender.js';
import type { MeasureText } from './mapText.js';

export const MARK_COLORS: Record<MapMark, string> = { added: '#1b7f3b', edited: '#9a5b00', removed: '#b3261e' };

export const RENDER_CARD_WIDTH = 200;
export const LABEL_SIZE = 15;
export const LINE = Math.round(LABEL_SIZE * 1.3);
export const HEAD_SIZE = 11;
export const PAD = 10;
export const MARGIN = 32;
export const HEADER = 64;
export const LANE_HEAD = 36;

export const COLORS: Record<MapSide, { stroke: string; fill: string }> = {
  a: { stroke: '#3b6ea5', fill: '#e8eff7' },
  b: { stroke: '#a0522d', fill: '#f6ece6' },
  shared: { stroke: '#6b7472', fill: '#f0f0ec' },
};
const NOTE_FILL = '#fffbea';

/** Kinds differ by border style as well as by name, never by colour alone (as on screen). */
export function borderOf(kind: CycleNodeKind): { dash?: string; width: number; radius: number } {
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

/** A coordinate as SVG writes it (one decimal). */
export const n = (v: number) => String(Math.round(v * 10) / 10);

/** A card placed: its node, its top-left corner on the map's own grid, its height and its wrapped words. */
export interface Card {
  node: RenderNode;
  x: number;
  y: number;
  h: number;
  lines: string[];
}

export const dashOf = (b: { dash?: string }) => (b.dash ? { dash: b.dash } : {});

/** A text primitive with the scene's defaults (left-aligned, regular, the label's line height). */
export const sceneText = (
  x: number,
  y: number,
  size: number,
  lines: string[],
  more: Partial<Omit<SceneText, 'type' | 'x' | 'y' | 'size' | 'lines'>> = {},
): SceneText => ({ type: 'text', x, y, size, lines, bold: false, anchor: 'start', lineHeight: LINE, ...more });

/** A soft band behind each side's cards, headed by the partner's name; `ox` shifts the map's grid into the picture. */
export function laneItems(
  cards: Card[],
  ox: number,
  bottom: number,
  sideNames: Record<MapSide, string>,
): ScenePrimitive[] {
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
        h: bottom - y0,
        rx: 10,
        fill: COLORS[side].fill,
        fillOpacity: 0.45,
      },
      sceneText((x0 + x1) / 2, y0 + 24, 15, [sideNames[side]], {
        bold: true,
        anchor: 'middle',
        fill: COLORS[side].stroke,
        className: 'map-lane-name',
      }),
    );
  }
  return lanes;
}

/** The arrows, from card to card (across lanes from facing sides; within a lane from bottom to top). */
export function arrowItems(
  edges: readonly RenderEdge[],
  byId: Map<string, Card>,
  ox: number,
  oy: number,
): ScenePrimitive[] {
  // Arrows, under the cards.
  const arrows: ScenePrimitive[] = [];
  for (const e of edges) {
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
  return arrows;
}

/** One card's group: the mark's halo and word, the card, its kind, its owner's name where it fits, and its words. */
export function cardGroup(
  c: Card,
  ox: number,
  oy: number,
  input: Pick<MapRenderInput, 'kindNames' | 'sideNames' | 'marks'>,
  measure: MeasureText,
): SceneGroup {
  const inner = RENDER_CARD_WIDTH - 2 * PAD;
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
        sceneText(x + RENDER_CARD_WIDTH + 6, y - 10, HEAD_SIZE, [mark.label], {
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
    sceneText(x + PAD, y + PAD + HEAD_SIZE, HEAD_SIZE, [head], { bold: true, fill: '#55605d' }),
  ];
  if (fits && name) {
    items.push(
      sceneText(x + RENDER_CARD_WIDTH - PAD, y + PAD + HEAD_SIZE, HEAD_SIZE, [name], {
        anchor: 'end',
        fill: '#55605d',
      }),
    );
  }
  items.push(
    sceneText(x + PAD, y + PAD + HEAD_SIZE + 8 + LABEL_SIZE, LABEL_SIZE, c.lines, { className: 'map-card-label' }),
  );
  return { className: mark ? `map-card map-card-${mark.change}` : 'map-card', items };
}
