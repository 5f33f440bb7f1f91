import { describe, expect, it } from 'vitest';
import { breakoutAllows, type BreakoutState } from './video.js';

const T = 'therapist';
const A = 'alex';
const B = 'sam';
const aside: BreakoutState = { partnerId: A, startedAt: 0, message: '', reason: null };

describe('breakoutAllows', () => {
  it('allows every pair of different people without a breakout', () => {
    expect(breakoutAllows(null, T, T, A)).toBe(true);
    expect(breakoutAllows(null, T, A, B)).toBe(true);
    expect(breakoutAllows(null, T, A, A)).toBe(false);
  });

  it('keeps only the therapist and the partner taken aside together during a breakout', () => {
    expect(breakoutAllows(aside, T, T, A)).toBe(true);
    expect(breakoutAllows(aside, T, A, T)).toBe(true);
    expect(breakoutAllows(aside, T, T, B)).toBe(false);
    expect(breakoutAllows(aside, T, B, A)).toBe(false);
  });
});
