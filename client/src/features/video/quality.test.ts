import { describe, expect, it } from 'vitest';
import { rateQuality } from './quality';

const sample = (rttMs: number | null, packetsReceived: number, packetsLost: number, fps: number | null = 30) => ({
  rttMs,
  packetsReceived,
  packetsLost,
  fps,
});

describe('rateQuality', () => {
  it('rates a fast, clean connection as good', () => {
    expect(rateQuality(sample(40, 1000, 0), sample(45, 2000, 2), true).quality).toBe('good');
  });

  it('rates loss over the last interval, not since the call started', () => {
    const prev = sample(40, 100_000, 10);
    const r = rateQuality(prev, sample(40, 100_900, 110), true);
    expect(r.lossPct).toBeCloseTo(10);
    expect(r.quality).toBe('poor');
  });

  it('calls a slow round trip or a stuttering picture fair or poor', () => {
    expect(rateQuality(null, sample(250, 100, 0), true).quality).toBe('fair');
    expect(rateQuality(null, sample(500, 100, 0), true).quality).toBe('poor');
    expect(rateQuality(null, sample(40, 100, 0, 2), true).quality).toBe('poor');
    expect(rateQuality(null, sample(40, 100, 0, 2), false).quality).toBe('good');
  });

  it('says unknown before there is anything to measure', () => {
    expect(rateQuality(null, sample(null, 0, 0), true).quality).toBe('unknown');
  });
});
