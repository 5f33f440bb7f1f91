import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { CollabConnection, type CollabLimitNotice } from '../map/collab';

/**
 * A private doc (a partner's panel, the therapist's notes). Never kept in IndexedDB: a partner's device may be
 * shared or watched, so private words live only on the server and in this tab. A change the server will not
 * keep (too large, the doc is full, or refused) is dropped: we start again from the server's doc, with a notice,
 * so the text on screen is never one the server does not hold.
 */
export function usePrivateDoc(docName: string | null, sessionId: string): CollabConnection | null {
  const [resets, setResets] = useState(0);
  const [notice, setNotice] = useState<CollabLimitNotice | null>(null);
  const conn = useMemo(
    () => (docName ? new CollabConnection(docName, { session: sessionId }, { offline: false, notice }) : null),
    // A reset makes a fresh connection to the same doc.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [docName, sessionId, resets],
  );
  useEffect(() => {
    if (!conn) return;
    conn.start();
    const off = conn.subscribe(() => {
      const { limit, denied } = conn.state;
      if (!limit && !denied) return;
      off();
      setNotice(limit ?? 'refused');
      void conn.discardLocal().then(() => setResets((n) => n + 1));
    });
    return () => {
      off();
      conn.stop();
    };
  }, [conn]);
  return conn;
}

const noop = () => () => undefined;
const none = () => null;

export function useSaveState(conn: CollabConnection | null) {
  return useSyncExternalStore(conn ? conn.subscribe : noop, conn ? conn.getSnapshot : none);
}
