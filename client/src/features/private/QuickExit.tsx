import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useSessionSocket } from '../session/useSessionSocket';

export const NEUTRAL_PAGE = '/neutral.html';
const ESCAPES = 3;
const WINDOW_MS = 1500;

/** Forgets everything this tab kept: IndexedDB copies of docs, storage. */
async function forgetLocalState(): Promise<void> {
  try {
    sessionStorage.clear();
    localStorage.clear();
  } catch {
    // storage may be unavailable
  }
  try {
    const dbs = await indexedDB.databases();
    await Promise.all(
      dbs
        .filter((d) => d.name?.startsWith('tandem:'))
        .map(
          (d) =>
            new Promise((resolve) => {
              const req = indexedDB.deleteDatabase(d.name ?? '');
              req.onsuccess = req.onerror = req.onblocked = () => resolve(null);
            }),
        ),
    );
  } catch {
    // best effort
  }
}

/** Quick exit: a button (and Escape three times) that leaves at once for a neutral page. */
export function QuickExit() {
  const { t } = useTranslation();
  const { socket, sessionId } = useSessionSocket();
  const presses = useRef<number[]>([]);

  const exit = () => {
    // Tell the server both ways; neither is awaited for long: leaving comes first.
    socket.timeout(300).emit('session:quick-exit', {}, () => undefined);
    void fetch(`/api/join/${encodeURIComponent(sessionId)}/quick-exit`, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
    }).catch(() => undefined);
    void forgetLocalState().finally(() => location.replace(NEUTRAL_PAGE));
    setTimeout(() => location.replace(NEUTRAL_PAGE), 400);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const now = performance.now();
      presses.current = [...presses.current.filter((at) => now - at < WINDOW_MS), now];
      if (presses.current.length >= ESCAPES) exit();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  });

  return (
    <Button className="btn btn-small quick-exit" onPress={exit} aria-describedby="quick-exit-hint">
      {t('private.quickExit.button')}
      <span id="quick-exit-hint" className="visually-hidden">
        {t('private.quickExit.hint')}
      </span>
    </Button>
  );
}
