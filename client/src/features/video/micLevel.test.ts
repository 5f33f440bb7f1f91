import { describe, expect, it } from 'vitest';
import { micLevel } from './micLevel';

const wave = (amplitude: number, n = 512) =>
  Uint8Array.from({ length: n }, (_, i) => Math.round(128 + amplitude * Math.sin((i / n) * 2 * Math.PI * 8)));

describe('micLevel', () => {
  it('reads silence and quantiser noise as zero', () => {
    expect(micLevel(new Uint8Array(512).fill(128))).toBe(0);
    expect(micLevel(Uint8Array.from({ length: 512 }, (_, i) => (i % 2 ? 128 : 129)))).toBe(0);
    expect(micLevel(new Uint8Array(0))).toBe(0);
  });

  it('grows with loudness and stops at one', () => {
    const quiet = micLevel(wave(4));
    const speech = micLevel(wave(20));
    const shout = micLevel(wave(127));
    expect(quiet).toBeGreaterThan(0);
    expect(speech).toBeGreaterThan(quiet);
    expect(shout).toBe(1);
  });

  it('shows quiet speech clearly (square-root scale)', () => {
    // An RMS of 10 (a soft voice) fills half the bar.
    expect(micLevel(wave(10 * Math.SQRT2))).toBeCloseTo(0.5, 1);
  });
});
