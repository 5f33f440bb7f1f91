import { Suspense, lazy } from 'react';
import { loadStrings } from '../../i18n';

// The list and its strings load on demand: the link's first screens stay small.
const Summaries = lazy(async () => {
  const [module] = await Promise.all([import('./PartnerSummaries'), loadStrings(['summary', 'map'])]);
  return { default: module.PartnerSummaries };
});

/** A partner's released summaries, where a partner page shows them (nothing while loading, nothing if none). */
export function LazyPartnerSummaries({ sessionId }: { sessionId: string }) {
  return (
    <Suspense fallback={null}>
      <Summaries sessionId={sessionId} />
    </Suspense>
  );
}
