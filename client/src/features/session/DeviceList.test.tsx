import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import type { ParticipantView } from '@tandem/shared';
import { createBundledI18n as createI18n } from '../../i18n/bundled';
import { waitingEntries } from './waiting';
import { PresenceList } from './PresenceList';
import { SessionSocketContext, type SessionSocketValue, type TandemSocket } from './useSessionSocket';

const people: ParticipantView[] = [
  { id: 't', role: 'therapist', name: 'Dr. Rivera', status: 'online' },
  {
    id: 'a',
    role: 'partner',
    name: 'Alex',
    status: 'online',
    devices: [
      { id: 'd1', status: 'online', joinedAt: '2026-11-30T10:00:00.000Z' },
      { id: 'd2', status: 'waiting', joinedAt: '2026-11-30T10:05:00.000Z' },
    ],
  },
  {
    id: 'b',
    role: 'partner',
    name: 'Sam',
    status: 'waiting',
    devices: [{ id: 'd3', status: 'waiting', joinedAt: '2026-11-30T10:01:00.000Z' }],
  },
];

function renderWith(ui: React.ReactNode, language: 'en' | 'es') {
  const emitWithAck = vi.fn().mockResolvedValue({ ok: true, data: null });
  const value = {
    sessionId: 's',
    connection: 'connected',
    refusal: null,
    sessionStatus: 'live',
    self: null,
    participants: people,
    endedAt: null,
    helloError: null,
    snapshot: null,
    socket: {} as TandemSocket,
    emitWithAck,
  } satisfies SessionSocketValue;
  render(
    <I18nextProvider i18n={createI18n(language)}>
      <SessionSocketContext.Provider value={value}>{ui}</SessionSocketContext.Provider>
    </I18nextProvider>,
  );
  return emitWithAck;
}

afterEach(cleanup);

describe('devices in the therapist’s People list and waiting room', () => {
  it('lists one waiting entry per waiting device', () => {
    expect(waitingEntries(people).map((e) => [e.partnerId, e.deviceId, e.deviceNumber])).toEqual([
      ['a', 'd2', 2],
      ['b', 'd3', null],
    ]);
  });

  it('shows “Alex · 2 devices” with each device’s status, and removes one', async () => {
    const emit = renderWith(<PresenceList participants={people} selfId="t" />, 'en');
    expect(screen.getByText('Alex · 2 devices')).toBeTruthy();
    const devices = screen.getByRole('list', { name: 'Devices of Alex' });
    expect(within(devices).getAllByRole('listitem')).toHaveLength(2);
    expect(within(devices).getByText('Waiting')).toBeTruthy();
    fireEvent.click(within(devices).getByRole('button', { name: 'Remove device 2 of Alex' }));
    await waitFor(() => expect(emit).toHaveBeenCalledWith('lobby:remove-device', { partnerId: 'a', deviceId: 'd2' }));
    // Sam has one device: no device list.
    expect(screen.queryByRole('list', { name: 'Devices of Sam' })).toBeNull();
  });
});

it('says it in Spanish too', () => {
  renderWith(<PresenceList participants={people} selfId="t" />, 'es');
  expect(screen.getByText('Alex · 2 dispositivos')).toBeTruthy();
  expect(screen.getByRole('button', { name: 'Quitar el dispositivo 2 de Alex' })).toBeTruthy();
});
