/**
 * Export the map as a picture drawn from its data (not from the screen): no one's selection or presence,
 * the same SVG the server can draw (`renderMapSvg` in shared); the PNG is that SVG painted on a canvas.
 */
import { CYCLE_NODE_KINDS, renderMapSvg, type CycleNodeKind, type MapRenderInput, type MapSide } from '@tandem/shared';
import type { TFunction } from 'i18next';
import type { MapEdge, MapNode } from './mapModel';

export type ExportFormat = 'png' | 'svg';
/** Largest PNG side in device pixels (a huge map is scaled down rather than failing). */
const MAX_PNG_SIDE = 8000;

export function mapPicture(
  nodes: MapNode[],
  edges: MapEdge[],
  sideNames: Record<MapSide, string>,
  t: TFunction,
  language: string,
  now = new Date(),
): string {
  const input: MapRenderInput = {
    nodes,
    edges,
    sideNames,
    kindNames: Object.fromEntries(CYCLE_NODE_KINDS.map((k) => [k, t(`map.kind.${k}`)])) as Record<
      CycleNodeKind,
      string
    >,
    text: {
      title: t('map.export.title'),
      date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(now),
      legend: t('map.export.legend'),
      emptyLabel: t('map.emptyLabel'),
    },
  };
  return renderMapSvg(input);
}

async function svgToPng(svg: string): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'async';
    img.src = url;
    await img.decode();
    const w = img.naturalWidth || 640;
    const h = img.naturalHeight || 480;
    const scale = Math.min(2, MAX_PNG_SIDE / Math.max(w, h));
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(w * scale);
    canvas.height = Math.round(h * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No canvas here.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0, w, h);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The picture could not be made.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export async function downloadMap(svg: string, format: ExportFormat, fileBase: string): Promise<void> {
  const blob = format === 'svg' ? new Blob([svg], { type: 'image/svg+xml' }) : await svgToPng(svg);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileBase}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
