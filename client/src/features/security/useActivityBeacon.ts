import { useEffect } from 'react';
import { SECURITY_LIMITS } from '@tandem/shared';
import { api } from '../../lib/api';

/** At most one beacon a minute: the server counts a sign-in's activity to the half minute. */
const BEACON_EVERY_MS = 60_000;
const INPUT_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/**
 * While a therapist is signed in: tells the server the person is here (typing, clicking, scrolling), so this
 * device's sign-in does not go idle while they read or write; and once the idle time has passed without input,
 * calls `onIdle` (the gate asks the server again and shows "signed out for inactivity" if it was).
 */
export function useActivityBeacon(enabled: boolean, onIdle: () => void): void {
  useEffect(() => {
    if (!enabled) return;
    let lastSent = Date.now();
    let idleTimer = 0;
    const armIdle = () => {
      window.clearTimeout(idleTimer);
      idleTimer = window.setTimeout(onIdle, SECURITY_LIMITS.idleMs + 5_000);
    };
    const onInput = () => {
      armIdle();
      if (Date.now() - lastSent < BEACON_EVERY_MS) return;
      lastSent = Date.now();
      void api.activity();
    };
    armIdle();
    for (const e of INPUT_EVENTS) window.addEventListener(e, onInput, { passive: true, capture: true });
    return () => {
      window.clearTimeout(idleTimer);
      for (const e of INPUT_EVENTS) window.removeEventListener(e, onInput, { capture: true });
    };
  }, [enabled, onIdle]);
}
