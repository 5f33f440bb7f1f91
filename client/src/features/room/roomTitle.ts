type Translate = (key: string, options?: Record<string, unknown>) => string;

/** No title of its own: '' or, for sessions made before titles were the therapist's own, the couple's name. */
export function isUntitled(session: { title: string; coupleName: string }): boolean {
  const title = session.title.trim();
  return !title || title === session.coupleName.trim();
}

/**
 * The room's heading: the session's own title, or for an untitled session (no title, or the couple's name the
 * server puts in its place) the session's date in the reader's language, so the bar never reads "Alex & Sam / Alex & Sam".
 */
export function roomTitle(
  session: { title: string; coupleName: string; when?: string | null },
  language: string,
  t: Translate,
): string {
  if (!isUntitled(session)) return session.title.trim();
  const at = session.when ? new Date(session.when) : new Date();
  const date = Number.isNaN(at.getTime()) ? new Date() : at;
  return t('room.untitled', { date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date) });
}
