import { createContext, useContext, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import type { MeasureResponseDto, MeasuresRoomState, MeasuresView, Role, SessionOccasion } from '@tandem/shared';
import { useSessionEvent, useSessionSocket } from '../session/useSessionSocket';

export interface MeasuresValue {
  /** null until the first state arrives (or while not admitted). */
  view: MeasuresView | null;
  /** A partner's form on screen: the occasion it answers, while that occasion is open. */
  dialog: SessionOccasion | null;
  setDialog(occasion: SessionOccasion | null): void;
  /** Keeps an answer the server confirmed (the same one also arrives as an event). */
  remember(response: MeasureResponseDto): void;
}

export const MeasuresContext = createContext<MeasuresValue | null>(null);

export function useMeasures(): MeasuresValue {
  const value = useContext(MeasuresContext);
  if (!value) throw new Error('useMeasures must be used inside <MeasuresProvider>');
  return value;
}

function upsert(list: MeasureResponseDto[], r: MeasureResponseDto): MeasureResponseDto[] {
  const rest = list.filter((x) => !(x.occasion === r.occasion && x.partnerId === r.partnerId));
  return [...rest, r];
}

/**
 * The check-in and check-out state for this screen: asked for on entering the room (and on each reconnect),
 * kept current by `measures:update` (open or closed, for the room) and `measures:response` (answers, only ever
 * this partner's own, or both for the therapist). A partner's form opens by itself once per opening they have
 * not answered.
 */
export function MeasuresProvider({ role, children }: { role: Role; children: ReactNode }) {
  const { connection, self, emitWithAck } = useSessionSocket();
  const [view, setView] = useState<MeasuresView | null>(null);
  const [dialog, setDialog] = useState<SessionOccasion | null>(null);
  const [prompted, setPrompted] = useState<string | null>(null);
  const inRoom = connection === 'connected' && (self?.role === 'therapist' || self?.status === 'online');

  useEffect(() => {
    if (!inRoom) return;
    let cancelled = false;
    void emitWithAck('measures:state', {}).then((res) => {
      if (!cancelled && res.ok) setView(res.data);
    });
    return () => {
      cancelled = true;
    };
  }, [inRoom, emitWithAck]);

  useSessionEvent('measures:update', (state: MeasuresRoomState) => {
    setView((v) => (v ? { ...v, occasions: state.occasions } : v));
    // An occasion opened with questions this screen has not loaded (a practice's instrument): load them.
    const known = view?.instruments ?? [];
    const missing = state.occasions.some(
      (o) => !known.some((d) => d.id === o.instrumentId && d.version === o.instrumentVersion),
    );
    if (missing) {
      void emitWithAck('measures:state', {}).then((res) => {
        if (res.ok) setView(res.data);
      });
    }
  });
  const remember = (r: MeasureResponseDto) => setView((v) => (v ? { ...v, responses: upsert(v.responses, r) } : v));
  useSessionEvent('measures:response', remember);

  // Open the form once for each opening by the therapist this partner has not answered (adjusted while rendering,
  // not in an effect). An opening by the session's clock stays a quiet prompt in the partner's panel: a card over the
  // room nobody asked for would cover the call, the private panel and its stop signal as the partner arrives.
  const open = view?.occasions.find((o) => o.status === 'open') ?? null;
  const openKey = open ? `${open.occasion}:${open.openedAt ?? ''}` : null;
  if (role === 'partner' && view && openKey !== prompted) {
    setPrompted(openKey);
    const answered = open ? view.responses.some((r) => r.occasion === open.occasion) : true;
    if (open && !answered && open.openedBy === 'therapist') setDialog(open.occasion);
  }
  const shown = dialog && view?.occasions.find((o) => o.occasion === dialog)?.status === 'open' ? dialog : null;

  return (
    <MeasuresContext.Provider value={{ view, dialog: shown, setDialog, remember }}>{children}</MeasuresContext.Provider>
  );
}
