import { NEUTRAL_PAGE } from '../private/QuickExit';

/**
 * Quick exit from the between page: the server drops this device's cookie (one `keepalive` fetch that outlives
 * the page), nothing is awaited, and the neutral page forgets what the tab kept. Opening the personal link again
 * brings the page back.
 */
export function leaveBetween(): void {
  try {
    void fetch('/api/me/quick-exit', {
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
  location.replace(NEUTRAL_PAGE);
}
