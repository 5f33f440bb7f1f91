import { describe, expect, it } from 'vitest';
import { checkBreakoutStart, signalAllowed } from './breakout.js';

const T = 't';
const A = 'a';
const B = 'b';
const base = { role: 'therapist', sessionKind: 'joint', partnerIds: [A, B], partnerId: A, current: null } as const;

describe('breakout rules', () => {
  it('lets only the therapist of a joint session take one of its partners aside', () => {
    expect(() => checkBreakoutStart(base)).not.toThrow();
    expect(() => checkBreakoutStart({ ...base, role: 'partner' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    expect(() => checkBreakoutStart({ ...base, sessionKind: 'individual' })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    expect(() => checkBreakoutStart({ ...base, partnerId: 'stranger' })).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
    const current = { partnerId: B, startedAt: 1, message: '', reason: null };
    expect(() => checkBreakoutStart({ ...base, current })).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });

  it('relays a signal only between two admitted people the breakout does not cut', () => {
    const route = { breakout: null, therapistId: T, from: A, to: B, senderAdmitted: true, targetAdmitted: true };
    expect(signalAllowed(route)).toBe(true);
    expect(signalAllowed({ ...route, senderAdmitted: false })).toBe(false);
    expect(signalAllowed({ ...route, targetAdmitted: false })).toBe(false);
    const breakout = { partnerId: A, startedAt: 1, message: '', reason: null };
    expect(signalAllowed({ ...route, breakout })).toBe(false);
    expect(signalAllowed({ ...route, breakout, to: T })).toBe(true);
    expect(signalAllowed({ ...route, breakout, from: B, to: T })).toBe(false);
  });
});
