/**
 * Who was in the room and for how long, from the lobby's enter/leave events (pure). A device is in the room from
 * an `enter` to the next `leave`; a `leave` with nothing open (a device that was still waiting) is ignored, and
 * whatever is open when the session ends closes at its end. Times after the end do not count.
 */
export interface PresenceEvent {
  at: number;
  kind: 'enter' | 'leave';
  role: 'therapist' | 'partner';
  personId: string;
  deviceId: string | null;
}

export interface Span {
  from: number;
  to: number;
}

export interface DeviceAttendance {
  personId: string;
  role: 'therapist' | 'partner';
  deviceId: string | null;
  spans: Span[];
  /** Times it left before the session's end. */
  drops: number;
  /** Times it came back after leaving. */
  rejoins: number;
}

export function deviceAttendance(events: readonly PresenceEvent[], end: number): DeviceAttendance[] {
  const byKey = new Map<string, DeviceAttendance & { open: number | null }>();
  for (const e of events) {
    const key = `${e.role}:${e.personId}:${e.deviceId ?? ''}`;
    let d = byKey.get(key);
    if (!d) {
      d = { personId: e.personId, role: e.role, deviceId: e.deviceId, spans: [], drops: 0, rejoins: 0, open: null };
      byKey.set(key, d);
    }
    if (e.at >= end) {
      if (e.kind === 'leave' && d.open !== null) {
        d.spans.push({ from: d.open, to: end });
        d.open = null;
      }
      continue;
    }
    if (e.kind === 'enter') {
      if (d.open !== null) continue;
      if (d.spans.length > 0) d.rejoins++;
      d.open = e.at;
    } else if (d.open !== null) {
      d.spans.push({ from: d.open, to: e.at });
      d.open = null;
      d.drops++; // the session ends before the lobby sees its connections close: those leaves come after `end`
    }
  }
  return [...byKey.values()].map(({ open, ...d }) => {
    if (open !== null) d.spans.push({ from: open, to: end });
    return d;
  });
}

/** The length of the union of spans (a person's two devices in the room at once count once). */
export function unionLength(spans: readonly Span[]): number {
  const sorted = [...spans].sort((a, b) => a.from - b.from);
  let total = 0;
  let cur: Span | null = null;
  for (const s of sorted) {
    if (!cur || s.from > cur.to) {
      if (cur) total += cur.to - cur.from;
      cur = { ...s };
    } else if (s.to > cur.to) cur.to = s.to;
  }
  if (cur) total += cur.to - cur.from;
  return total;
}

export const spansLength = (spans: readonly Span[]) => spans.reduce((n, s) => n + (s.to - s.from), 0);

/** Whether any span covers the moment `at`, or starts within [at, until]. */
export function inRoomBetween(spans: readonly Span[], at: number, until: number): boolean {
  return spans.some((s) => (s.from <= at && s.to > at) || (s.from >= at && s.from <= until));
}
