/**
 * Fit-to-view that keeps the words readable: the whole map when it fits at MIN_TEXT_ZOOM or more; otherwise that
 * zoom from the top of the map, with one's own lane in view (a phone shows cards, not the empty middle).
 */
import { useCallback } from 'react';
import { getNodesBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import type { MapSide } from '@tandem/shared';
import type { CycleFlowNode } from './CycleNode';

export const MIN_TEXT_ZOOM = 0.94;
export const FIT_VIEW = { padding: 0.08, minZoom: MIN_TEXT_ZOOM, maxZoom: 1 } as const;
const EDGE = 16;
/** The zoom buttons sit at the bottom left: cards start right of them, never under them. */
const LEFT = 56;

export function useFitOrPan(side: MapSide | null): () => void {
  const flow = useReactFlow<CycleFlowNode>();
  const store = useStoreApi<CycleFlowNode>();
  return useCallback(() => {
    const nodes = flow.getNodes();
    const { width, height } = store.getState();
    if (!nodes.length || !width || !height) return;
    const all = getNodesBounds(nodes);
    const fits = Math.min((width - LEFT - EDGE) / all.width, (height - 2 * EDGE) / all.height);
    const zoom = Math.min(FIT_VIEW.maxZoom, Math.max(MIN_TEXT_ZOOM, fits));
    let x: number;
    if (all.width * zoom <= width - LEFT - EDGE) x = LEFT + (width - LEFT - EDGE - all.width * zoom) / 2 - all.x * zoom;
    else {
      // Wider than the canvas: from the map's left edge, moved just enough to show one's own lane whole.
      x = LEFT - all.x * zoom;
      const own = nodes.filter((n) => n.data.side === side);
      if (own.length) {
        const lane = getNodesBounds(own);
        const right = (lane.x + lane.width) * zoom + x;
        if (right > width - EDGE) x -= right - (width - EDGE);
      }
    }
    // Taller than the canvas: from the top (the triggers), the rest a scroll away.
    const y =
      all.height * zoom <= height - 2 * EDGE ? (height - all.height * zoom) / 2 - all.y * zoom : EDGE - all.y * zoom;
    void flow.setViewport({ x, y, zoom });
  }, [flow, store, side]);
}
