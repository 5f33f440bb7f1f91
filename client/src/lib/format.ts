/** Locale-aware formatting that follows the active UI language. */
export function formatDateTime(iso: string | null | undefined, language: string): string | null {
  if (!iso) return null;
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatList(items: string[], language: string): string {
  return new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(items);
}

/** `<input type="datetime-local">` value (local time) -> ISO string with offset, or null. */
export function localInputToIso(value: string): string | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** A clock time ("3:04 PM", "15:04") in the language's own convention and the device's time zone. */
export function formatTime(when: string | number | Date, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    hour: 'numeric',
    minute: '2-digit',
    ...(timeZone ? { timeZone } : {}),
  }).format(new Date(when));
}

/** A session's planned start for a person: the day ("Monday, 30 November") and the time, in their language and zone. */
export function formatScheduled(
  iso: string | null | undefined,
  language: string,
  timeZone?: string,
): { date: string; time: string } | null {
  if (!iso) return null;
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const zone = timeZone ? { timeZone } : {};
  const date = new Intl.DateTimeFormat(language, { weekday: 'long', day: 'numeric', month: 'long', ...zone }).format(
    at,
  );
  // The time never breaks across lines ("5:30 / PM").
  return { date, time: formatTime(at, language, timeZone).replace(/\s/g, '\u00a0') };
}
