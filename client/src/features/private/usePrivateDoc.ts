import { useEffect, useMemo, useSyncExternalStore } from 'react';
import { CollabConnection } from '../map/collab';

/**
 * A private doc (a partner's panel, the therapist's notes). Never kept in IndexedDB: a partner's device may be
 * shared or watched, so private words live only on the server and in this tab.
 */
export function usePrivateDoc(docName: string | null, sessionId: string): CollabConnection | null {
  const conn = useMemo(
    () => (docName ? new CollabConnection(docName, { session: sessionId }, { offline: false }) : null),
    [docName, sessionId],
  );
  useEffect(() => {
    conn?.start();
    return () => conn?.stop();
  }, [conn]);
  return conn;
}

const noop = () => () => undefined;
const none = () => null;

export function useSaveState(conn: CollabConnection | null) {
  return useSyncExternalStore(conn ? conn.subscribe : noop, conn ? conn.getSnapshot : none);
}
