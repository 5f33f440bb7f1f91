import type { ParticipantView } from '@tandem/shared';

/** One waiting device (or a waiting person, when the server sent no devices). */
export interface WaitingEntry {
  key: string;
  partnerId: string;
  deviceId?: string;
  name: string;
  /** Which of the person's devices (1-based), when they have more than one. */
  deviceNumber: number | null;
}

/** Each device waits on its own: one entry per waiting device. */
export function waitingEntries(participants: ParticipantView[]): WaitingEntry[] {
  return participants.flatMap((p): WaitingEntry[] => {
    if (p.role !== 'partner') return [];
    if (!p.devices) {
      return p.status === 'waiting' ? [{ key: p.id, partnerId: p.id, name: p.name, deviceNumber: null }] : [];
    }
    const many = p.devices.length > 1;
    return p.devices.flatMap((d, i) =>
      d.status === 'waiting'
        ? [{ key: d.id, partnerId: p.id, deviceId: d.id, name: p.name, deviceNumber: many ? i + 1 : null }]
        : [],
    );
  });
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The therapist's tab title while someone waits, e.g. "(1) Alex is waiting" (a person with two waiting devices
 * counts once); null when no one waits, so the tab shows the session's own title again.
 */
export function waitingTabTitle(entries: WaitingEntry[], language: string, t: Translate): string | null {
  const names = [...new Set(entries.map((e) => e.name))];
  if (names.length === 0) return null;
  const list = new Intl.ListFormat(language, { style: 'long', type: 'conjunction' }).format(names);
  return t('therapistSession.tabTitle', { count: names.length, names: list });
}
