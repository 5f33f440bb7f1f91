import { Suspense } from 'react';
import { lazyWithStrings } from '../../i18n';

// The list and its strings load on demand: the link's first screens stay small.
const Summaries = lazyWithStrings(
  async () => (await import('./PartnerSummaries')).PartnerSummaries,
  ['summary', 'map'],
);

/** A partner's released summaries, where a partner page shows them (nothing while loading, nothing if none). */
export function LazyPartnerSummaries({ sessionId }: { sessionId: string }) {
  return (
    <Suspense fallback={null}>
      <Summaries sessionId={sessionId} />
    </Suspense>
  );
}
