import { Suspense, lazy } from 'react';
import { Loading } from '../../components/feedback';

// The map (xyflow, Yjs, IndexedDB) is loaded only when a session room opens.
const CycleMap = lazy(() => import('./CycleMap'));

export function LazyCycleMap() {
  return (
    <Suspense fallback={<Loading />}>
      <CycleMap />
    </Suspense>
  );
}
