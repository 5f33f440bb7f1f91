import { describe, expect, it } from 'vitest';
import type { ParticipantView } from '@tandem/shared';
import { waitingEntries, waitingTabTitle } from './waiting';

const t = (key: string, options?: Record<string, unknown>) =>
  `${key}:${String(options?.['count'])}:${String(options?.['names'])}`;

const partner = (id: string, name: string, statuses: ParticipantView['status'][]): ParticipantView => ({
  id,
  role: 'partner',
  name,
  status: statuses.includes('waiting') ? 'waiting' : 'online',
  devices: statuses.map((status, i) => ({ id: `${id}-${i}`, status, joinedAt: '2026-11-30T10:00:00Z' })),
});

describe('the therapist’s tab title while someone waits', () => {
  it('is null when no one waits', () => {
    expect(waitingTabTitle(waitingEntries([partner('a', 'Alex', ['online'])]), 'en', t)).toBeNull();
  });

  it('counts a person once however many of their devices wait', () => {
    const entries = waitingEntries([partner('a', 'Alex', ['waiting', 'waiting'])]);
    expect(entries).toHaveLength(2);
    expect(waitingTabTitle(entries, 'en', t)).toBe('therapistSession.tabTitle:1:Alex');
  });

  it('names everyone waiting in the reader’s language', () => {
    const people = [partner('a', 'Alex', ['waiting']), partner('s', 'Sam', ['waiting'])];
    expect(waitingTabTitle(waitingEntries(people), 'en', t)).toBe('therapistSession.tabTitle:2:Alex and Sam');
    expect(waitingTabTitle(waitingEntries(people), 'es', t)).toBe('therapistSession.tabTitle:2:Alex y Sam');
  });
});
