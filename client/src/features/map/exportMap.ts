/** Export the map as an image, the way xyflow recommends: render its viewport with html-to-image. */
import { toPng, toSvg } from 'html-to-image';
import { getNodesBounds, getViewportForBounds, type Node } from '@xyflow/react';

export type ExportFormat = 'png' | 'svg';

export async function exportMap(
  container: HTMLElement,
  nodes: Node[],
  format: ExportFormat,
  fileBase: string,
): Promise<void> {
  const viewport = container.querySelector<HTMLElement>('.react-flow__viewport');
  if (!viewport) throw new Error('The map is not on screen.');
  const bounds = getNodesBounds(nodes);
  const width = Math.min(4000, Math.max(640, Math.ceil(bounds.width + 160)));
  const height = Math.min(4000, Math.max(480, Math.ceil(bounds.height + 160)));
  const vp = getViewportForBounds(bounds, width, height, 0.2, 2, 0.08);
  const options = {
    backgroundColor: '#ffffff',
    width,
    height,
    style: {
      width: `${width}px`,
      height: `${height}px`,
      transform: `translate(${vp.x}px, ${vp.y}px) scale(${vp.zoom})`,
    },
  };
  const url = format === 'png' ? await toPng(viewport, { ...options, pixelRatio: 2 }) : await toSvg(viewport, options);
  const a = document.createElement('a');
  a.href = url;
  a.download = `${fileBase}.${format}`;
  document.body.append(a);
  a.click();
  a.remove();
}
