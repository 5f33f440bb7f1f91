import { useEffect, useRef } from 'react';
import { Button } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import './quickExit.css';

/*
 * The quick exit without the session's socket: the join page's policy screen and the between page show it before
 * (or without) any live connection, so this module stays out of the socket's chunk. The room's own is QuickExit.tsx.
 */

export const NEUTRAL_PAGE = '/neutral.html';
const ESCAPES = 3;
const WINDOW_MS = 1500;

/**
 * Leaves now, telling the server at `endpoint` by one `fetch` with `keepalive` (it outlives the page, carries the
 * cookie and our Origin, so the Origin check passes; a beacon would carry `Origin: null` under our no-referrer
 * policy). Only one channel: the socket's quick exit used to race it, drop the grant first and leave this request a
 * 401. Nothing is awaited: the neutral page itself forgets local storage and IndexedDB copies (public/neutral.js).
 */
export function leaveTo(endpoint: string): void {
  try {
    void fetch(endpoint, {
      method: 'POST',
      credentials: 'same-origin',
      keepalive: true,
      cache: 'no-store',
    }).catch(() => undefined);
  } catch {
    // leaving comes first
  }
  try {
    sessionStorage.clear();
  } catch {
    // storage may be unavailable
  }
  // Replaces this history entry: Back does not return to the page left.
  location.replace(NEUTRAL_PAGE);
}

/** Leaves the session now (the server drops this device's grant). */
export function leaveNow(sessionId: string): void {
  leaveTo(`/api/join/${encodeURIComponent(sessionId)}/quick-exit`);
}

/** The floating quick exit and its Escape presses, leaving through `leave` (the room's, or the between page's). */
export function QuickExitDock({ leave }: { leave: () => void }) {
  const { t } = useTranslation();
  const presses = useRef<number[]>([]);
  const left = useRef(false);

  const exit = () => {
    if (left.current) return; // a double tap or a fourth Escape sends nothing more
    left.current = true;
    leave();
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
    <div className="quick-exit-dock" data-react-aria-top-layer="true">
      <Button className="btn quick-exit" onPress={exit} aria-describedby="quick-exit-hint">
        {t('private.quickExit.button')}
      </Button>
      <span id="quick-exit-hint" className="visually-hidden">
        {t('private.quickExit.hint')}
      </span>
    </div>
  );
}
