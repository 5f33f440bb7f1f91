import type { TFunction } from 'i18next';

/**
 * The room's heading: the session's own title, or for an untitled session (no title, or the couple's name the
 * server puts in its place) the session's date in the reader's language, so the bar never reads "Alex & Sam / Alex & Sam".
 */
export function roomTitle(
  session: { title: string; coupleName: string; when?: string | null },
  language: string,
  t: TFunction,
): string {
  const title = session.title.trim();
  if (title && title !== session.coupleName.trim()) return title;
  const at = session.when ? new Date(session.when) : new Date();
  const date = Number.isNaN(at.getTime()) ? new Date() : at;
  return t('room.untitled', { date: new Intl.DateTimeFormat(language, { dateStyle: 'long' }).format(date) });
}
