/** A map scene (mapRender.ts) as a standalone SVG document: rectangles, paths and text, no foreignObject. */
import { buildMapScene, exhaustive, n, type MapRenderInput, type MapScene, type ScenePrimitive } from './mapRender.js';
import { escapeXml } from './mapText.js';

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";

function primitiveSvg(p: ScenePrimitive): string {
  switch (p.type) {
    case 'rect':
      return (
        `<rect x="${n(p.x)}" y="${n(p.y)}" width="${n(p.w)}" height="${n(p.h)}" rx="${n(p.rx)}" fill="${p.fill}"` +
        (p.fillOpacity !== undefined ? ` fill-opacity="${p.fillOpacity}"` : '') +
        (p.stroke ? ` stroke="${p.stroke}" stroke-width="${p.strokeWidth ?? 1}"` : '') +
        (p.dash ? ` stroke-dasharray="${p.dash}"` : '') +
        '/>'
      );
    case 'arrow':
      return `<path class="map-edge" d="${p.d}" fill="none" stroke="${p.stroke}" stroke-width="${p.strokeWidth}" marker-end="url(#arrow)"/>`;
    case 'text': {
      const spans = p.lines.map(
        (l, i) => `<tspan x="${n(p.x)}" dy="${i === 0 ? 0 : p.lineHeight}">${escapeXml(l)}</tspan>`,
      );
      const body = p.className === 'map-card-label' ? spans.join('') : p.lines.map(escapeXml).join(' ');
      return (
        `<text${p.className ? ` class="${p.className}"` : ''} x="${n(p.x)}" y="${n(p.y)}" font-size="${p.size}"` +
        (p.bold ? ' font-weight="600"' : '') +
        (p.anchor !== 'start' ? ` text-anchor="${p.anchor}"` : '') +
        (p.fill ? ` fill="${p.fill}"` : '') +
        `>${body}</text>`
      );
    }
    default:
      return exhaustive(p);
  }
}

/** A scene as a standalone SVG document. */
export function sceneToSvg(scene: MapScene): string {
  const { width, height } = scene;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" font-family="${escapeXml(FONT)}" fill="${scene.textColor}">`,
    `<title>${escapeXml(scene.title)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse">' +
      '<path d="M0 0L10 5L0 10z" fill="#55605d"/></marker></defs>',
    `<rect width="${width}" height="${height}" fill="${scene.background}"/>`,
  ];
  for (const g of scene.groups) out.push(`<g class="${g.className}">`, ...g.items.map(primitiveSvg), '</g>');
  out.push('</svg>');
  return out.join('');
}

/** The map as a standalone SVG document. */
export function renderMapSvg(input: MapRenderInput): string {
  return sceneToSvg(buildMapScene(input));
}
