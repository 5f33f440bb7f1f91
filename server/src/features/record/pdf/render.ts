/**
 * A document model -> a tagged PDF (PDF/UA-style structure: Document, H1-H3, P, L/LI, Figure with Alt text, the
 * language set, the title shown), drawn with pdfkit in DejaVu Sans embedded as a subset. The map is drawn from the
 * shared renderer's scene as vector paths and text, never as an image. Running heads and page numbers are
 * artifacts, outside the structure. Characters the font has no glyph for (emoji) are replaced by a visible
 * placeholder, never dropped silently and never left to break a line's layout.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { buildMapScene, type MapScene } from '@tandem/shared';
import { drawScene } from './scene.js';
import { B, R, pdfFonts } from './fonts.js';
import type { PdfBlock, PdfDocumentModel, PdfListItem } from './model.js';

type Doc = PDFKit.PDFDocument;
type Struct = PDFKit.PDFStructureElement;

const MARGIN = 54;
const TOP = 72;
const BOTTOM = 64;
const TEXT = '#1f2624';
const MUTED = '#55605d';
const RULE = '#c9cfcc';
/** Shown where the font has no glyph (an emoji, a script it lacks). */
export const MISSING_GLYPH = '\u25A1';

interface GlyphFont {
  hasGlyphForCodePoint(cp: number): boolean;
}
/** pdfkit keeps the fontkit font of an embedded face on `_font.font` (not in its types). */
const fontkitOf = (doc: Doc): GlyphFont | undefined => (doc as unknown as { _font?: { font?: GlyphFont } })._font?.font;

/** Code points that only modify the one before them (variation selectors, joiners, skin tones, tags). */
const MODIFIER = /^(?:[\uFE00-\uFE0F]|\u200D|\u20E3|[\u{1F3FB}-\u{1F3FF}]|[\u{E0020}-\u{E007F}])$/u;

const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });
/** Latin, Greek and Cyrillic letters and common punctuation: all in DejaVu Sans, no lookup needed. */
const COVERED = /^[\n\x20-\x7e\u00a0-\u024f\u0370-\u03ff\u0400-\u04ff\u2010-\u2027\u2030-\u205e\u20ac]*$/;

/** The text with every grapheme the font cannot draw replaced by MISSING_GLYPH; modifiers of drawable ones dropped. */
export function printable(text: string, font: GlyphFont): string {
  if (COVERED.test(text)) return text;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    if (segment === '\n' || segment === '\r\n' || segment === '\t') {
      out += segment === '\t' ? ' ' : '\n';
      continue;
    }
    const base = [...segment].filter((ch) => !MODIFIER.test(ch));
    if (base.length === 0) continue;
    out += base.every((ch) => font.hasGlyphForCodePoint(ch.codePointAt(0) ?? 0)) ? base.join('') : MISSING_GLYPH;
  }
  return out;
}

/** Renders the model; resolves with the PDF's bytes. */
export function renderPdf(model: PdfDocumentModel): Promise<Buffer> {
  const fonts = pdfFonts();
  const doc: Doc = new PDFDocument({
    size: 'LETTER',
    margins: { top: TOP, bottom: BOTTOM, left: MARGIN, right: MARGIN },
    bufferPages: true,
    autoFirstPage: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: model.lang,
    displayTitle: true,
    info: { Title: model.title, Author: model.author, Subject: model.subject, Creator: 'Tandem' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(R, fonts.regular);
  doc.registerFont(B, fonts.bold);
  doc.font(R);
  const glyphs = fontkitOf(doc);
  const clean = (s: string) => (glyphs ? printable(s, glyphs) : s);

  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = () => doc.page.width - MARGIN * 2;
  const para = (text: string, opts: PDFKit.Mixins.TextOptions = {}) =>
    doc.text(clean(text), MARGIN, doc.y, { width: width(), lineGap: 2, ...opts });

  const blocks = model.blocks;
  blocks.forEach((block, i) =>
    drawBlock(doc, root, block, { para, clean, width, next: blocks[i + 1], after: blocks[i + 2] }),
  );
  root.end();

  // Running head and page numbers on every page, as artifacts (not read as content).
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.markContent('Artifact', { type: 'Pagination' });
    doc.font(R).fontSize(8.5).fillColor(MUTED);
    doc.text(clean(model.runningHead), MARGIN, 36, { width: width(), lineBreak: false, ellipsis: true });
    doc
      .moveTo(MARGIN, 50)
      .lineTo(doc.page.width - MARGIN, 50)
      .lineWidth(0.5)
      .strokeColor(RULE)
      .stroke();
    const label = model.pageLabel.replace('{n}', String(i + 1)).replace('{total}', String(range.count));
    const y = doc.page.height - 40;
    doc.text(clean(model.runningFoot), MARGIN, y, { width: width() * 0.7, lineBreak: false, ellipsis: true });
    doc.text(label, MARGIN, y, { width: width(), align: 'right', lineBreak: false });
    doc.endMarkedContent();
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

interface Helpers {
  para: (text: string, opts?: PDFKit.Mixins.TextOptions) => Doc;
  clean: (s: string) => string;
  width: () => number;
  /** The block after this one: a heading stays on the page of what it heads. */
  next: PdfBlock | undefined;
  /** The block after that (label/value rows that describe a chart keep with it, and their heading with both). */
  after: PdfBlock | undefined;
}

/** How much room the block after a heading needs on the same page. */
function followingHeight(h: Pick<Helpers, 'width' | 'next' | 'after' | 'clean'>, doc: Doc): number {
  const next = h.next;
  if (next?.type === 'map') return mapLayout(doc, next, h).height + 8;
  if (next?.type === 'chart') return chartHeight(next, h) + 8;
  if (next?.type === 'fields' && h.after?.type === 'chart') return next.rows.length * 16 + chartHeight(h.after, h);
  return 36;
}

interface MapLayout {
  scene: MapScene;
  scale: number;
  height: number;
}
const layouts = new WeakMap<PdfBlock, MapLayout>();

/** The map's scene measured in the document's fonts, and its scale to fit the page (computed once per block). */
function mapLayout(
  doc: Doc,
  block: Extract<PdfBlock, { type: 'map' }>,
  h: Pick<Helpers, 'clean' | 'width'>,
): MapLayout {
  const known = layouts.get(block);
  if (known) return known;
  const m = block.map;
  const scene = buildMapScene(
    {
      ...m,
      nodes: m.nodes.map((n) => ({ ...n, label: h.clean(n.label) })),
      sideNames: { a: h.clean(m.sideNames.a), b: h.clean(m.sideNames.b), shared: h.clean(m.sideNames.shared) },
    },
    (text, size, bold) =>
      doc
        .font(bold ? B : R)
        .fontSize(size)
        .widthOfString(text),
  );
  // Room for the heading above it on the same page.
  const maxH = doc.page.height - TOP - BOTTOM - 64;
  let scale = Math.min(0.75, h.width() / scene.width);
  if (scene.height * scale > maxH) scale = maxH / scene.height;
  const layout = { scene, scale, height: scene.height * scale };
  layouts.set(block, layout);
  return layout;
}

/** A Figure's Alt text and its box on the page (pdfkit writes the box as a Layout attribute; not in its types). */
function figureOptions(alt: string, bbox: [number, number, number, number]): { alt: string } {
  return { alt, bbox } as { alt: string };
}

/** A chart's height on the page: its own, scaled down with its width when wider than the text column. */
function chartHeight(block: Extract<PdfBlock, { type: 'chart' }>, h: Pick<Helpers, 'width'>): number {
  return block.height * Math.min(1, h.width() / block.width);
}

/** Starts a new page when less than `need` points are left on this one. */
function keep(doc: Doc, need: number): void {
  if (doc.y + need > doc.page.height - doc.page.margins.bottom) doc.addPage();
}

function drawBlock(doc: Doc, root: Struct, block: PdfBlock, h: Helpers): void {
  switch (block.type) {
    case 'heading': {
      const size = block.level === 1 ? 18 : block.level === 2 ? 13.5 : 11;
      const before = block.level === 1 ? 0 : block.level === 2 ? 14 : 8;
      doc.y += before;
      keep(doc, size * 2.5 + followingHeight(h, doc));
      root.add(
        doc.struct(`H${block.level}`, {}, () => {
          doc.font(B).fontSize(size).fillColor(TEXT);
          h.para(block.text);
        }),
      );
      doc.y += block.level === 1 ? 6 : 3;
      if (block.level === 2) {
        doc.markContent('Artifact', { type: 'Layout' });
        doc
          .moveTo(54, doc.y - 1)
          .lineTo(doc.page.width - 54, doc.y - 1)
          .lineWidth(0.5)
          .strokeColor(RULE)
          .stroke();
        doc.endMarkedContent();
        doc.y += 4;
      }
      return;
    }
    case 'paragraph':
      root.add(
        doc.struct('P', {}, () => {
          doc
            .font(R)
            .fontSize(10)
            .fillColor(block.muted ? MUTED : TEXT);
          h.para(block.text);
        }),
      );
      doc.y += 4;
      return;
    case 'notice': {
      keep(doc, 40);
      const text = h.clean(block.text);
      doc.font(B).fontSize(10.5);
      const textH = doc.heightOfString(text, { width: h.width() - 20 });
      const top = doc.y;
      const color = block.tone === 'warning' ? '#8a4b00' : '#2f5f3a';
      doc.markContent('Artifact', { type: 'Layout' });
      doc
        .roundedRect(54, top, h.width(), textH + 14, 4)
        .lineWidth(1.2)
        .fillAndStroke(block.tone === 'warning' ? '#fff4e0' : '#eaf5ec', color);
      doc.endMarkedContent();
      root.add(
        doc.struct('P', {}, () => {
          doc.font(B).fontSize(10.5).fillColor(color);
          doc.text(text, 64, top + 7, { width: h.width() - 20 });
        }),
      );
      doc.y = top + textH + 14 + 8;
      doc.x = 54;
      return;
    }
    case 'fields':
      // Label/value rows that describe the chart after them stay on its page (about 16 points a row).
      if (h.next?.type === 'chart') keep(doc, block.rows.length * 16 + chartHeight(h.next, h) + 8);
      for (const row of block.rows) {
        keep(doc, 28);
        root.add(
          doc.struct('P', {}, () => {
            doc
              .font(B)
              .fontSize(10)
              .fillColor(TEXT)
              .text(`${h.clean(row.label)}: `, 54, doc.y, { width: h.width(), continued: true, lineGap: 2 });
            doc.font(R).text(h.clean(row.value) || '—', { lineGap: 2 });
          }),
        );
        doc.y += 3;
      }
      doc.y += 2;
      return;
    case 'list':
      drawList(doc, root, block.items, 0, h);
      doc.x = MARGIN;
      doc.y += 2;
      return;
    case 'map': {
      const { scene, scale, height: boxH } = mapLayout(doc, block, h);
      keep(doc, boxH + 8);
      const top = doc.y;
      const left = 54 + (h.width() - scene.width * scale) / 2;
      root.add(
        doc.struct(
          'Figure',
          figureOptions(h.clean(block.alt), [left, top, left + scene.width * scale, top + boxH]),
          () => {
            drawScene(doc, scene, left, top, scale);
          },
        ),
      );
      doc.x = 54;
      doc.y = top + boxH + 6;
      if (block.caption) {
        root.add(
          doc.struct('Caption', {}, () => {
            doc.font(R).fontSize(9).fillColor(MUTED);
            h.para(block.caption ?? '');
          }),
        );
      }
      doc.y += 6;
      return;
    }
    case 'chart': {
      const height = chartHeight(block, h);
      const width = Math.min(h.width(), block.width);
      keep(doc, height + 8);
      const top = doc.y;
      const left = MARGIN;
      root.add(
        doc.struct('Figure', figureOptions(h.clean(block.alt), [left, top, left + width, top + height]), () => {
          // The chart's text is drawn in the embedded DejaVu Sans whatever family the SVG names.
          SVGtoPDF(doc as unknown as Parameters<typeof SVGtoPDF>[0], block.svg, left, top, {
            width,
            height,
            // The chart's units are points (its width is chosen for the page), not CSS pixels.
            assumePt: true,
            fontCallback: (_family, bold) => (bold ? B : R),
          });
        }),
      );
      doc.x = MARGIN;
      doc.y = top + height + 10;
      return;
    }
    default: {
      const never: never = block;
      throw new Error(`unknown block ${String(never)}`);
    }
  }
}

/** A tagged list (L > LI > Lbl + LBody); an item's own list sits in its LBody, indented. */
function drawList(doc: Doc, parent: Struct, items: PdfListItem[], level: number, h: Helpers): void {
  const list = doc.struct('L');
  parent.add(list);
  const indent = MARGIN + 4 + level * 16;
  for (const item of items) {
    const text = typeof item === 'string' ? item : item.text;
    keep(doc, 24);
    const top = doc.y;
    const li = doc.struct('LI');
    list.add(li);
    li.add(
      doc.struct('Lbl', {}, () => {
        doc
          .font(R)
          .fontSize(10)
          .fillColor(MUTED)
          .text(level === 0 ? '•' : '–', indent, top, { lineBreak: false });
      }),
    );
    const body = doc.struct('LBody');
    li.add(body);
    body.add(() => {
      doc
        .font(R)
        .fontSize(level === 0 ? 10 : 9.5)
        .fillColor(level === 0 ? TEXT : MUTED)
        .text(h.clean(text), indent + 12, top, { width: h.width() - (indent + 12 - MARGIN), lineGap: 2 });
    });
    doc.y += 3;
    if (typeof item !== 'string' && item.sub.length > 0) drawList(doc, body, item.sub, level + 1, h);
    body.end();
    li.end();
  }
  list.end();
}
