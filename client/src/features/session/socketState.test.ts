import { describe, expect, it } from 'vitest';
import type { SessionSnapshot } from '@tandem/shared';
import { connectionOf, initialSocketState, sessionSocketReducer } from './socketState';
import type { SessionSocketAction, SessionSocketState } from './socketState';

const run = (actions: SessionSocketAction[], start: SessionSocketState = initialSocketState(true)) =>
  actions.reduce(sessionSocketReducer, start);

const snapshot: SessionSnapshot = {
  sessionId: 's',
  sessionStatus: 'live',
  kind: 'joint',
  coupleId: 'c',
  workspaceDoc: 'map:c',
  mapLocked: false,
  partners: [],
  self: { id: 'a', role: 'partner', name: 'Alex', status: 'waiting' },
  participants: [{ id: 'a', role: 'partner', name: 'Alex', status: 'waiting' }],
  serverTime: 0,
};

describe('session socket state', () => {
  it('is connecting until the first connect, then connected', () => {
    expect(connectionOf(initialSocketState(true))).toBe('connecting');
    expect(connectionOf(run([{ type: 'connect_error', message: 'xhr poll error', willRetry: true }]))).toBe(
      'connecting',
    );
    expect(connectionOf(run([{ type: 'connected' }]))).toBe('connected');
  });

  it('is reconnecting after a drop and offline when the browser says so', () => {
    const dropped = run([{ type: 'connected' }, { type: 'disconnected', willReconnect: true }]);
    expect(connectionOf(dropped)).toBe('reconnecting');
    expect(connectionOf(sessionSocketReducer(dropped, { type: 'browser_online', online: false }))).toBe('offline');
  });

  it('is refused with the server code when the handshake is turned away', () => {
    const refused = run([{ type: 'connect_error', message: 'PROTOCOL_MISMATCH', willRetry: false }]);
    expect(connectionOf(refused)).toBe('refused');
    expect(refused.refusal).toBe('PROTOCOL_MISMATCH');
    const ended = run([{ type: 'connect_error', message: 'SESSION_ENDED', willRetry: false }]);
    expect(ended.sessionStatus).toBe('ended');
    // Too many of this person's windows: refused by name (the notice says to close one), not "disconnected".
    expect(run([{ type: 'connect_error', message: 'RATE_LIMITED', willRetry: false }]).refusal).toBe('RATE_LIMITED');
  });

  it('follows the snapshot, then self and presence updates, and stays ended', () => {
    const admitted = run([
      { type: 'connected' },
      { type: 'snapshot', snapshot },
      { type: 'self', self: { ...snapshot.self, status: 'online' } },
      { type: 'presence', participants: [{ id: 'a', role: 'partner', name: 'Alex', status: 'online' }] },
    ]);
    expect(admitted.self?.status).toBe('online');
    expect(admitted.participants[0]?.status).toBe('online');
    const ended = run(
      [
        { type: 'ended', endedAt: '2025-01-01T00:00:00Z' },
        { type: 'snapshot', snapshot },
      ],
      admitted,
    );
    expect(ended.sessionStatus).toBe('ended');
  });
});
