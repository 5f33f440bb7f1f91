/** What the therapist's end screen says about a session that ended: its day, its hours and how long it ran. */
export interface EndedSummary {
  /** "Monday, 30 November 2026", in the reader's language; null without any date. */
  date: string | null;
  /** "10:02 – 10:50" (the reader's clock, 24 h where the language uses it); null unless it started and ended. */
  time: string | null;
  /** Whole minutes it ran (at least 1 once it started); null unless it started and ended. */
  minutes: number | null;
}

function parse(iso: string | null | undefined): Date | null {
  if (!iso) return null;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? null : date;
}

export function endedSummary(
  session: { startedAt: string | null; endedAt: string | null; scheduledAt: string | null },
  language: string,
): EndedSummary {
  const start = parse(session.startedAt);
  const end = parse(session.endedAt);
  const day = start ?? parse(session.scheduledAt) ?? end;
  const date = day ? new Intl.DateTimeFormat(language, { dateStyle: 'full' }).format(day) : null;
  if (!start || !end || end < start) return { date, time: null, minutes: null };
  const clock = new Intl.DateTimeFormat(language, { hour: 'numeric', minute: '2-digit' });
  return {
    date,
    time: clock.formatRange(start, end),
    minutes: Math.max(1, Math.round((end.getTime() - start.getTime()) / 60_000)),
  };
}
