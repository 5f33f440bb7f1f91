import { describe, expect, it } from 'vitest';
import { RECONNECT_GRACE_MS } from '@tandem/shared';
import { AppError } from '../../lib/errors.js';
import { admissionOnConnect, admit, decline, partnerPresence, roomView, therapistPresence } from './admission.js';

const now = 1_000_000_000;

describe('admission state machine', () => {
  it('puts an invited or returning partner in the waiting room', () => {
    expect(admissionOnConnect({ admission: 'invited', disconnectedAt: null }, now, false)).toBe('waiting');
    expect(admissionOnConnect({ admission: 'left', disconnectedAt: now - 10 }, now, false)).toBe('waiting');
    expect(admissionOnConnect({ admission: 'waiting', disconnectedAt: now - 10 }, now, false)).toBe('waiting');
  });

  it('lets an admitted partner back in within the reconnect grace', () => {
    expect(admissionOnConnect({ admission: 'admitted', disconnectedAt: now - RECONNECT_GRACE_MS }, now, false)).toBe(
      'admitted',
    );
    expect(admissionOnConnect({ admission: 'admitted', disconnectedAt: null }, now, false)).toBe('admitted');
  });

  it('sends an admitted partner back to the waiting room after the grace', () => {
    expect(
      admissionOnConnect({ admission: 'admitted', disconnectedAt: now - RECONNECT_GRACE_MS - 1 }, now, false),
    ).toBe('waiting');
  });

  it('keeps a second tab of a connected admitted partner admitted', () => {
    expect(admissionOnConnect({ admission: 'admitted', disconnectedAt: now - RECONNECT_GRACE_MS * 5 }, now, true)).toBe(
      'admitted',
    );
  });

  it('keeps a declined partner declined on reconnect', () => {
    expect(admissionOnConnect({ admission: 'declined', disconnectedAt: null }, now, false)).toBe('declined');
  });

  it('admits only someone who is waiting (or was declined) and is connected', () => {
    expect(admit('waiting', true)).toBe('admitted');
    expect(admit('declined', true)).toBe('admitted');
    expect(admit('admitted', false)).toBe('admitted');
    expect(() => admit('waiting', false)).toThrow(AppError);
    expect(() => admit('invited', true)).toThrow(AppError);
  });

  it('declines only someone who is waiting', () => {
    expect(decline('waiting', true)).toBe('declined');
    expect(() => decline('admitted', true)).toThrow(/not in the waiting room/);
  });

  it('shows presence from admission and connection', () => {
    expect(partnerPresence({ admission: 'admitted', disconnectedAt: null }, true, now)).toBe('online');
    expect(partnerPresence({ admission: 'admitted', disconnectedAt: now - 1000 }, false, now)).toBe('reconnecting');
    expect(partnerPresence({ admission: 'admitted', disconnectedAt: now - RECONNECT_GRACE_MS - 1 }, false, now)).toBe(
      'left',
    );
    expect(partnerPresence({ admission: 'waiting', disconnectedAt: null }, true, now)).toBe('waiting');
    expect(partnerPresence({ admission: 'waiting', disconnectedAt: now }, false, now)).toBe('absent');
    expect(therapistPresence(false, null, now)).toBe('absent');
    expect(therapistPresence(false, now - 5, now)).toBe('reconnecting');
  });

  it('hides who was declined from the room view', () => {
    const view = roomView([{ id: 'b', role: 'partner', name: 'Sam', status: 'declined' }]);
    expect(view[0]?.status).toBe('absent');
  });
});
