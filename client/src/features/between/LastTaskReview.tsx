import { Suspense } from 'react';
import { Loading } from '../../components/feedback';
import { lazyWithStrings } from '../../i18n';
import { api } from '../../lib/api';
import { useQuery } from '../../lib/useQuery';
import { useSessionSocket } from '../session/useSessionSocket';

// The list and the between-sessions strings load only when there is a last task to show (not in a first session).
const LastTaskList = lazyWithStrings(async () => (await import('./LastTaskList')).LastTaskList, ['between']);

/**
 * In the therapist's room, beside the check-in: the last task before this session and each partner's latest tick
 * and reflection on it (the therapist's side only; partners' rooms never load it).
 */
export function LastTaskReview() {
  const { sessionId, snapshot } = useSessionSocket();
  const state = useQuery(`homework:${sessionId}`, (signal) => api.sessionHomework(sessionId, { signal }));
  const previous = state.data?.previous ?? [];
  if (!snapshot || (previous.length === 0 && !state.error)) return null;
  return (
    <Suspense fallback={<Loading />}>
      <LastTaskList previous={previous} snapshot={snapshot} error={state.error} onRetry={state.reload} />
    </Suspense>
  );
}
