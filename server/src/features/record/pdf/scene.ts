/**
 * The shared map renderer's scene drawn as PDF vector graphics (pdfkit): rounded rectangles, cubic curves with
 * arrowheads, and text in the document's registered fonts (`body`, `bold`).
 */
import type { MapScene, ScenePrimitive } from '@tandem/shared';
import { B, R } from './fonts.js';

type Doc = PDFKit.PDFDocument;

/** The map's scene as PDF vector graphics: rounded rectangles, cubic curves with arrowheads, and text. */
export function drawScene(doc: Doc, scene: MapScene, left: number, top: number, scale: number): void {
  doc.save();
  doc.rect(left, top, scene.width * scale, scene.height * scale).clip();
  doc.translate(left, top).scale(scale);
  doc.rect(0, 0, scene.width, scene.height).fill(scene.background);
  for (const group of scene.groups) for (const p of group.items) drawPrimitive(doc, scene, p);
  doc.restore();
}

function dashed(doc: Doc, dash: string | undefined): void {
  if (!dash) return void doc.undash();
  const [on = 1, off = on] = dash.split(/\s+/).map(Number);
  doc.dash(on, { space: off });
}

function drawPrimitive(doc: Doc, scene: MapScene, p: ScenePrimitive): void {
  doc.save();
  switch (p.type) {
    case 'rect':
      doc.roundedRect(p.x, p.y, p.w, p.h, p.rx);
      if (p.fillOpacity !== undefined) doc.fillOpacity(p.fillOpacity);
      if (p.stroke) {
        doc.lineWidth(p.strokeWidth ?? 1);
        dashed(doc, p.dash);
        doc.fillAndStroke(p.fill, p.stroke);
      } else doc.fill(p.fill);
      break;
    case 'arrow': {
      doc.path(p.d).lineWidth(p.strokeWidth).undash().stroke(p.stroke);
      const [fx, fy] = p.from;
      const [tx, ty] = p.to;
      const a = Math.atan2(ty - fy, tx - fx);
      const len = 12;
      const half = 5.5;
      const bx = tx - len * Math.cos(a);
      const by = ty - len * Math.sin(a);
      doc
        .moveTo(tx, ty)
        .lineTo(bx + half * Math.sin(a), by - half * Math.cos(a))
        .lineTo(bx - half * Math.sin(a), by + half * Math.cos(a))
        .closePath()
        .fill(p.stroke);
      break;
    }
    case 'text': {
      doc
        .font(p.bold ? B : R)
        .fontSize(p.size)
        .fillColor(p.fill ?? scene.textColor);
      p.lines.forEach((line, i) => {
        const w = doc.widthOfString(line);
        const x = p.anchor === 'start' ? p.x : p.anchor === 'end' ? p.x - w : p.x - w / 2;
        doc.text(line, x, p.y + i * p.lineHeight, { lineBreak: false, baseline: 'alphabetic' });
      });
      break;
    }
    default: {
      const never: never = p;
      throw new Error(`unknown primitive ${String(never)}`);
    }
  }
  doc.restore();
}
