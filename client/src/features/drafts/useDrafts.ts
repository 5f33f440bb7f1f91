import { useEffect, useState } from 'react';
import type { DraftsState, PartnerDrafts } from '@tandem/shared';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';

const EMPTY: DraftsState = { round: null, partners: [] };

function upsert(list: PartnerDrafts[], next: PartnerDrafts): PartnerDrafts[] {
  return list.some((p) => p.partnerId === next.partnerId)
    ? list.map((p) => (p.partnerId === next.partnerId ? next : p))
    : [...list, next];
}

/**
 * The drafting round and the drafts this person may see, from the server (kept in storage: a reload or a second
 * device shows the same). A partner only ever receives their own; the therapist both partners'.
 */
export function useDrafts() {
  const { connection, emitWithAck } = useSessionSocket();
  const [state, setState] = useState<DraftsState>(EMPTY);
  const [epoch, setEpoch] = useState(0);

  useEffect(() => {
    if (connection !== 'connected') return;
    let cancelled = false;
    void emitWithAck('drafts:state', {}).then((res) => {
      if (!cancelled && res.ok) setState(res.data);
    });
    return () => {
      cancelled = true;
    };
  }, [connection, emitWithAck, epoch]);

  useSessionEvent('drafts:round', ({ round }) => {
    if (round) setEpoch((n) => n + 1);
    else setState(EMPTY);
  });
  useSessionEvent('drafts:partner', (drafts) => {
    setState((s) => (s.round ? { ...s, partners: upsert(s.partners, drafts) } : s));
  });

  return {
    state,
    setState,
    /** An ack that carries one partner's drafts (the event also comes; whichever is first wins, both are equal). */
    setPartner: (drafts: PartnerDrafts) =>
      setState((s) => (s.round ? { ...s, partners: upsert(s.partners, drafts) } : s)),
  };
}
