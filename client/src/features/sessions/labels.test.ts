import { describe, expect, it } from 'vitest';
import type { SessionDto } from '@tandem/shared';
import { sessionTitle } from './labels';

const t = (key: string, options?: Record<string, unknown>) =>
  key === 'room.untitled' ? `Session of ${String(options?.['date'])}` : key;

const session = (over: Partial<SessionDto>): SessionDto => ({
  id: 's1',
  coupleId: 'c1',
  coupleName: 'Alex & Sam',
  kind: 'joint',
  title: '',
  partnerIds: ['a', 'b'],
  scheduledAt: null,
  durationMinutes: 50,
  status: 'scheduled',
  startedAt: null,
  endedAt: null,
  cancelledAt: null,
  series: null,
  invites: [],
  seat: 'lead',
  clinicians: [],
  ...over,
});

describe('a session’s name in the couple’s list', () => {
  it('is the therapist’s own title', () => {
    expect(sessionTitle(session({ title: 'Sesión con la Dra. Rivera' }), () => 'Alex', t, 'es')).toBe(
      'Sesión con la Dra. Rivera',
    );
  });

  it('names an untitled session by its date, also one titled with the couple’s name before titles were typed', () => {
    const when = '2026-11-30T10:00:00Z';
    expect(sessionTitle(session({ scheduledAt: when }), () => 'Alex', t, 'en-GB')).toBe('Session of 30 November 2026');
    expect(sessionTitle(session({ title: 'Alex & Sam', startedAt: when }), () => 'Alex', t, 'es')).toBe(
      'Session of 30 de noviembre de 2026',
    );
  });

  it('says what kind of session an untitled one without a date is', () => {
    expect(sessionTitle(session({}), () => 'Alex', t, 'en')).toBe('sessions.kind.joint');
  });
});
