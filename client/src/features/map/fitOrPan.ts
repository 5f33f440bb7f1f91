/**
 * Fit-to-view that keeps the words readable: the whole map when it fits at MIN_TEXT_ZOOM or more; otherwise that
 * zoom, panned to the top of one's own lane (or the first lane), so a phone shows cards, not the empty middle.
 */
import { useCallback } from 'react';
import { getNodesBounds, getViewportForBounds, useReactFlow, useStoreApi } from '@xyflow/react';
import type { MapSide } from '@tandem/shared';
import type { CycleFlowNode } from './CycleNode';

export const MIN_TEXT_ZOOM = 0.94;
export const FIT_VIEW = { padding: 0.08, minZoom: MIN_TEXT_ZOOM, maxZoom: 1 } as const;
const EDGE = 16;

export function useFitOrPan(side: MapSide | null): () => void {
  const flow = useReactFlow<CycleFlowNode>();
  const store = useStoreApi<CycleFlowNode>();
  return useCallback(() => {
    const nodes = flow.getNodes();
    const { width, height } = store.getState();
    if (!nodes.length || !width || !height) return;
    const all = getNodesBounds(nodes);
    const fits = Math.min(
      width / (all.width * (1 + 2 * FIT_VIEW.padding)),
      height / (all.height * (1 + 2 * FIT_VIEW.padding)),
    );
    if (fits >= MIN_TEXT_ZOOM) {
      // Set at once (flow.fitView is queued, and would land after a later viewport change).
      void flow.setViewport(
        getViewportForBounds(all, width, height, MIN_TEXT_ZOOM, FIT_VIEW.maxZoom, FIT_VIEW.padding),
      );
      return;
    }
    const zoom = Math.min(1, Math.max(MIN_TEXT_ZOOM, fits));
    const own = nodes.filter((n) => n.data.side === side);
    const lanes = own.length ? own : nodes.filter((n) => n.position.x === Math.min(...nodes.map((m) => m.position.x)));
    const lane = getNodesBounds(lanes.length ? lanes : nodes);
    const x =
      lane.width * zoom + 2 * EDGE <= width ? (width - lane.width * zoom) / 2 - lane.x * zoom : EDGE - lane.x * zoom;
    void flow.setViewport({ x, y: EDGE - lane.y * zoom, zoom });
  }, [flow, store, side]);
}
