import { describe, expect, it } from 'vitest';
import { ServerClock } from './serverClock';

describe('ServerClock', () => {
  it('estimates the offset from the fastest ping and renders server time with it', async () => {
    let local = 1_000;
    const clock = new ServerClock(() => local);
    const rtts = [200, 30, 120];
    let i = 0;
    // The server clock is 5 s ahead; each ping takes its rtt, stamped half-way.
    await clock.sample(async () => {
      const rtt = rtts[i++ % rtts.length] ?? 0;
      const stamped = local + rtt / 2 + 5_000;
      local += rtt;
      return stamped;
    }, 3);
    expect(clock.offsetMs).toBe(5_000);
    expect(clock.rttMs).toBe(30);
    expect(clock.now()).toBe(local + 5_000);
  });

  it('keeps the local clock until a ping gets through', async () => {
    const clock = new ServerClock(() => 42);
    await clock.sample(async () => null, 2);
    expect(clock.synced).toBe(false);
    expect(clock.now()).toBe(42);
  });
});
