import { leaveTo } from '../private/QuickExitDock';

/**
 * Quick exit from the between page: the server drops this device's cookie, nothing is awaited, and the neutral
 * page forgets what the tab kept. Opening the personal link again brings the page back.
 */
export function leaveBetween(): void {
  leaveTo('/api/me/quick-exit');
}
