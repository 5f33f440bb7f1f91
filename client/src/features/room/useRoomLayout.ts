import { useSyncExternalStore } from 'react';

/** Phones in portrait (narrow) and in landscape (short and not wide): the call-first layout. */
export const PHONE_QUERY = '(max-width: 760px), (max-height: 500px) and (max-width: 1000px)';

export type RoomLayout = 'phone' | 'desk';

function subscribe(onChange: () => void): () => void {
  const mq = window.matchMedia(PHONE_QUERY);
  mq.addEventListener('change', onChange);
  return () => mq.removeEventListener('change', onChange);
}

/** Which layout the room uses now; follows a resized window or a rotated phone. */
export function useRoomLayout(): RoomLayout {
  return useSyncExternalStore(
    subscribe,
    () => (window.matchMedia(PHONE_QUERY).matches ? 'phone' : 'desk'),
    () => 'desk',
  );
}
