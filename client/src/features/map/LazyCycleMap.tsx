import { Suspense, lazy } from 'react';
import { Loading } from '../../components/feedback';
import type { MapMode } from './MapViewToggle';

// The map (xyflow, Yjs, IndexedDB) is loaded only when a session room opens.
const CycleMap = lazy(() => import('./CycleMap'));

/** `mode`: the first view, the cycle as a list or the canvas (unset: the list on a phone, else the canvas). */
export function LazyCycleMap({ mode }: { mode?: MapMode } = {}) {
  return (
    <Suspense fallback={<Loading />}>
      <CycleMap {...(mode ? { mode } : {})} />
    </Suspense>
  );
}
