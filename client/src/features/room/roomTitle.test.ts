import { describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { roomTitle } from './roomTitle';

const t = ((key: string, options?: { date?: string }) =>
  key === 'room.untitled' ? `Session of ${options?.date}` : key) as unknown as TFunction;

describe('the room’s heading', () => {
  it('keeps a title the therapist gave the session', () => {
    expect(roomTitle({ title: ' First steps ', coupleName: 'Alex & Sam' }, 'en', t)).toBe('First steps');
  });

  it('shows the date instead of repeating the couple’s name for an untitled session', () => {
    const title = roomTitle(
      { title: 'Alex & Sam', coupleName: 'Alex & Sam', when: '2026-11-30T10:00:00Z' },
      'en-GB',
      t,
    );
    expect(title).toBe('Session of 30 November 2026');
    expect(roomTitle({ title: '', coupleName: 'Alex & Sam', when: '2026-11-30T10:00:00Z' }, 'en-GB', t)).toBe(title);
  });

  it('writes the date in the reader’s language', () => {
    expect(roomTitle({ title: 'Alex & Sam', coupleName: 'Alex & Sam', when: '2026-11-30T10:00:00Z' }, 'es', t)).toBe(
      'Session of 30 de noviembre de 2026',
    );
  });

  it('uses today for a live session with no date', () => {
    const today = new Intl.DateTimeFormat('en', { dateStyle: 'long' }).format(new Date());
    expect(roomTitle({ title: 'Alex & Sam', coupleName: 'Alex & Sam' }, 'en', t)).toBe(`Session of ${today}`);
  });
});
