import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, render, screen, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ParticipantView } from '@tandem/shared';
import { createBundledI18n as createI18n } from '../../i18n/bundled';
import { PresenceList } from './PresenceList';

const people: ParticipantView[] = [
  { id: 't', role: 'therapist', name: 'Dr. Rivera', status: 'online' },
  { id: 'a', role: 'partner', name: 'Alex', status: 'waiting' },
  { id: 'b', role: 'partner', name: 'Sam', status: 'reconnecting' },
  { id: 'c', role: 'partner', name: 'Jo', status: 'left' },
  { id: 'd', role: 'partner', name: 'Kim', status: 'declined' },
  { id: 'e', role: 'partner', name: 'Lee', status: 'absent' },
];

afterEach(cleanup);

describe('PresenceList', () => {
  it('shows each person with a status in words and test attributes', () => {
    const warn = vi.spyOn(console, 'warn');
    render(
      <I18nextProvider i18n={createI18n('en')}>
        <PresenceList participants={people} selfId="t" />
      </I18nextProvider>,
    );
    const list = screen.getByRole('list', { name: 'People in this session' });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(6);
    const text = (name: string) => list.querySelector(`[data-person="${name}"]`);
    expect(text('Dr. Rivera')?.getAttribute('data-status')).toBe('online');
    expect(text('Dr. Rivera')?.textContent).toContain('Here');
    expect(text('Dr. Rivera')?.textContent).toContain('(you)');
    expect(text('Alex')?.textContent).toContain('Waiting');
    expect(text('Sam')?.textContent).toContain('Reconnecting…');
    expect(text('Jo')?.textContent).toContain('Left');
    expect(text('Kim')?.textContent).toContain('Declined');
    expect(text('Lee')?.textContent).toContain('Not here yet');
    expect(text('Lee')?.getAttribute('data-status')).toBe('absent');
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
  });

  it('speaks Spanish when the language is Spanish', () => {
    render(
      <I18nextProvider i18n={createI18n('es')}>
        <PresenceList participants={people.slice(0, 2)} />
      </I18nextProvider>,
    );
    const list = screen.getByRole('list', { name: 'Personas en esta sesión' });
    expect(within(list).getByText('Presente')).toBeTruthy();
    expect(within(list).getByText('Esperando')).toBeTruthy();
  });
});
