/**
 * The conflict-cycle map as a picture: map data -> a standalone SVG string (paths and text only, no
 * foreignObject), the same in the browser (export, PNG through a canvas) and on the server (summaries).
 * Pure: no DOM. Every text is escaped; sizes and counts are bounded, whatever the doc holds.
 */
import {
  CYCLE_NODE_KINDS,
  MAP_SIDES,
  type CycleNodeKind,
  type MapEdgeData,
  type MapNodeData,
  type MapSide,
} from './map.js';

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
}

export const RENDER_CARD_WIDTH = 200;
const MAX_NODES = 500;
const MAX_EDGES = 1000;
const MAX_LABEL = 400;
const MAX_COORD = 20_000;
const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
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
function exhaustive(x: never): never {
  throw new Error(`unexpected ${String(x)}`);
}

/** XML-escapes text for element content and attribute values; drops characters XML forbids. */
export function escapeXml(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

/** A rough width of a text in px: enough to wrap words inside a card without measuring fonts. */
export function estimateWidth(text: string, size: number): number {
  let w = 0;
  for (const ch of text) {
    if (/[ilI.,:;'!|]/.test(ch)) w += 0.3;
    else if (/[mwMW@]/.test(ch)) w += 0.85;
    else if (/[A-Z]/.test(ch)) w += 0.66;
    else if (ch === ' ') w += 0.3;
    else w += 0.55;
  }
  return w * size;
}

/** Words wrapped into lines no wider than `max` px (a word longer than a line is cut). */
export function wrapText(text: string, size: number, max: number): string[] {
  const lines: string[] = [];
  for (const para of text.split(/\r?\n/)) {
    let line = '';
    for (const word of para.split(/\s+/).filter(Boolean)) {
      const next = line ? `${line} ${word}` : word;
      if (estimateWidth(next, size) <= max) {
        line = next;
        continue;
      }
      if (line) lines.push(line);
      line = '';
      let rest = word;
      while (estimateWidth(rest, size) > max) {
        let cut = 1;
        const chars = [...rest];
        while (cut < chars.length && estimateWidth(chars.slice(0, cut + 1).join(''), size) <= max) cut++;
        lines.push(chars.slice(0, cut).join(''));
        rest = chars.slice(cut).join('');
      }
      line = rest;
    }
    lines.push(line);
  }
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

const clampCoord = (v: number) => (Number.isFinite(v) ? Math.max(-MAX_COORD, Math.min(MAX_COORD, v)) : 0);
const n = (v: number) => String(Math.round(v * 10) / 10);

interface Card {
  node: RenderNode;
  x: number;
  y: number;
  h: number;
  lines: string[];
}

function textLines(x: number, y: number, lines: string[], attrs: string): string {
  const spans = lines.map((l, i) => `<tspan x="${n(x)}" dy="${i === 0 ? 0 : LINE}">${escapeXml(l)}</tspan>`);
  return `<text x="${n(x)}" y="${n(y)}" ${attrs}>${spans.join('')}</text>`;
}

/** The map as a standalone SVG document. */
export function renderMapSvg(input: MapRenderInput): string {
  const inner = RENDER_CARD_WIDTH - 2 * PAD;
  const nodes = input.nodes
    .slice(0, MAX_NODES)
    .filter((nd) => (CYCLE_NODE_KINDS as readonly string[]).includes(nd.kind) && MAP_SIDES.includes(nd.side));
  const cards: Card[] = nodes.map((node) => {
    const label = node.label.slice(0, MAX_LABEL).trim() || input.text.emptyLabel;
    const lines = wrapText(label, LABEL_SIZE, inner);
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
  const legendItems: { w: number; svg: (x: number, y: number) => string }[] = [];
  for (const side of MAP_SIDES) {
    if (side === 'shared' && !cards.some((c) => c.node.side === 'shared')) continue;
    const name = input.sideNames[side];
    legendItems.push({
      w: 30 + estimateWidth(name, 13),
      svg: (x, y) =>
        `<rect x="${n(x)}" y="${n(y - 11)}" width="18" height="14" rx="3" fill="${COLORS[side].fill}" stroke="${COLORS[side].stroke}" stroke-width="2"/>` +
        `<text x="${n(x + 24)}" y="${n(y)}" font-size="13">${escapeXml(name)}</text>`,
    });
  }
  for (const kind of CYCLE_NODE_KINDS) {
    const b = borderOf(kind);
    const name = input.kindNames[kind];
    legendItems.push({
      w: 36 + estimateWidth(name, 13),
      svg: (x, y) =>
        `<rect x="${n(x)}" y="${n(y - 11)}" width="24" height="14" rx="${Math.min(b.radius, 7)}" fill="#ffffff" stroke="#444a48" stroke-width="${b.width}"${b.dash ? ` stroke-dasharray="${b.dash}"` : ''}/>` +
        `<text x="${n(x + 30)}" y="${n(y)}" font-size="13">${escapeXml(name)}</text>`,
    });
  }
  const width = Math.max(640, Math.ceil(contentW + 2 * MARGIN));
  const rows: { x: number; item: (typeof legendItems)[number] }[][] = [[]];
  let cx = MARGIN + estimateWidth(input.text.legend, 13) + 20;
  for (const item of legendItems) {
    if (cx + item.w > width - MARGIN && (rows[rows.length - 1]?.length ?? 0) > 0) {
      rows.push([]);
      cx = MARGIN + estimateWidth(input.text.legend, 13) + 20;
    }
    rows[rows.length - 1]?.push({ x: cx, item });
    cx += item.w + 18;
  }
  const legendTop = contentBottom + 16;
  const height = Math.ceil(legendTop + rows.length * 24 + MARGIN);

  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT)}" fill="#1f2624">`,
    `<title>${escapeXml(`${input.text.title}, ${input.text.date}`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">' +
      '<path d="M0 0L10 5L0 10z" fill="#55605d"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${MARGIN}" y="38" font-size="22" font-weight="600">${escapeXml(input.text.title)}</text>`,
    `<text x="${width - MARGIN}" y="38" font-size="14" text-anchor="end" fill="#55605d">${escapeXml(input.text.date)}</text>`,
  );

  // Lanes: a soft band behind each side's cards, headed by the partner's name.
  out.push('<g class="map-lanes">');
  for (const side of MAP_SIDES) {
    const own = cards.filter((c) => c.node.side === side);
    if (!own.length) continue;
    const x0 = Math.min(...own.map((c) => c.x)) + ox - 12;
    const x1 = Math.max(...own.map((c) => c.x + RENDER_CARD_WIDTH)) + ox + 12;
    const y0 = HEADER;
    out.push(
      `<rect x="${n(x0)}" y="${n(y0)}" width="${n(x1 - x0)}" height="${n(contentBottom - y0)}" rx="10" fill="${COLORS[side].fill}" fill-opacity="0.45"/>`,
      `<text class="map-lane-name" x="${n((x0 + x1) / 2)}" y="${n(y0 + 24)}" font-size="15" font-weight="600" text-anchor="middle" fill="${COLORS[side].stroke}">${escapeXml(input.sideNames[side])}</text>`,
    );
  }
  out.push('</g>');

  // Arrows, under the cards.
  out.push('<g class="map-edges" fill="none" stroke="#55605d" stroke-width="2">');
  for (const e of input.edges.slice(0, MAX_EDGES)) {
    const s = byId.get(e.source);
    const t = byId.get(e.target);
    if (!s || !t || s === t) continue;
    const W = RENDER_CARD_WIDTH;
    let d: string;
    if (Math.abs(t.x - s.x) >= W + 20) {
      // Across lanes (the loop between partners): from the facing side of one card to the facing side of the other.
      const right = t.x > s.x;
      const sx = s.x + ox + (right ? W : 0);
      const sy = s.y + oy + s.h / 2;
      const tx = t.x + ox + (right ? -2 : W + 2);
      const ty = t.y + oy + t.h / 2;
      const dx = (tx - sx) / 2;
      d = `M${n(sx)} ${n(sy)}C${n(sx + dx)} ${n(sy)} ${n(tx - dx)} ${n(ty)} ${n(tx)} ${n(ty)}`;
    } else {
      // Within a lane: from the bottom of one card to the top of the next (or back up, with short handles).
      const sx = s.x + ox + W / 2;
      const sy = s.y + oy + s.h;
      const tx = t.x + ox + W / 2;
      const ty = t.y + oy;
      const dy = ty > sy ? Math.max(40, (ty - sy) / 2) : 60;
      d = `M${n(sx)} ${n(sy)}C${n(sx)} ${n(sy + dy)} ${n(tx)} ${n(ty - dy)} ${n(tx)} ${n(ty - 2)}`;
    }
    out.push(`<path class="map-edge" d="${d}" marker-end="url(#arrow)"/>`);
  }
  out.push('</g>');

  out.push('<g class="map-cards">');
  for (const c of cards) {
    const b = borderOf(c.node.kind);
    const x = c.x + ox;
    const y = c.y + oy;
    const fill = c.node.kind === 'note' ? NOTE_FILL : COLORS[c.node.side].fill;
    const head = input.kindNames[c.node.kind].toUpperCase();
    const name = c.node.side === 'shared' ? '' : input.sideNames[c.node.side];
    // The lane names whose card it is; in the card only when it fits beside the kind.
    const fits = estimateWidth(head, HEAD_SIZE) + estimateWidth(name, HEAD_SIZE) + 20 <= inner;
    const side = fits ? name : '';
    out.push(
      '<g class="map-card">',
      `<rect x="${n(x)}" y="${n(y)}" width="${RENDER_CARD_WIDTH}" height="${n(c.h)}" rx="${b.radius}" fill="${fill}" stroke="${COLORS[c.node.side].stroke}" stroke-width="${b.width}"${b.dash ? ` stroke-dasharray="${b.dash}"` : ''}/>`,
      `<text x="${n(x + PAD)}" y="${n(y + PAD + HEAD_SIZE)}" font-size="${HEAD_SIZE}" font-weight="600" fill="#55605d">${escapeXml(head)}</text>`,
      side
        ? `<text x="${n(x + RENDER_CARD_WIDTH - PAD)}" y="${n(y + PAD + HEAD_SIZE)}" font-size="${HEAD_SIZE}" text-anchor="end" fill="#55605d">${escapeXml(side)}</text>`
        : '',
      textLines(x + PAD, y + PAD + HEAD_SIZE + 8 + LABEL_SIZE, c.lines, `font-size="${LABEL_SIZE}"`),
      '</g>',
    );
  }
  out.push('</g>');

  out.push(
    `<g class="map-legend"><text x="${MARGIN}" y="${n(legendTop + 12)}" font-size="13" font-weight="600">${escapeXml(input.text.legend)}</text>`,
  );
  rows.forEach((row, i) => {
    for (const { x, item } of row) out.push(item.svg(x, legendTop + 12 + i * 24));
  });
  out.push('</g></svg>');
  return out.join('');
}
