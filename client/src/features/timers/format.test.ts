import { describe, expect, it } from 'vitest';
import { formatCountdown, formatElapsed } from './format';

describe('countdown formatting', () => {
  it('rounds a countdown up and elapsed time down', () => {
    expect(formatCountdown(20 * 60_000)).toBe('20:00');
    expect(formatCountdown(59_001)).toBe('1:00');
    expect(formatCountdown(1)).toBe('0:01');
    expect(formatCountdown(-5)).toBe('0:00');
    expect(formatCountdown(3_600_000 + 61_000)).toBe('1:01:01');
    expect(formatElapsed(61_999)).toBe('1:01');
  });
});
