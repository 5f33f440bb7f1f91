/** "m:ss" (or "h:mm:ss"), rounding up so a countdown shows 0:00 only when time is really up. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** Elapsed time, rounding down. */
export function formatElapsed(ms: number): string {
  return formatCountdown(Math.max(0, Math.floor(ms / 1000) * 1000));
}

export function formatClockTime(localMs: number, language: string): string {
  return new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' }).format(new Date(localMs));
}
