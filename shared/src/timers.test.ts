import { describe, expect, it } from 'vitest';
import {
  estimateOffset,
  extendTimer,
  finishTimer,
  isExpired,
  pauseTimer,
  resumeTimer,
  settleTimer,
  startTimer,
  timerRemaining,
} from './timers.js';

describe('timer state machine', () => {
  it('starts running with a deadline and counts down from it', () => {
    const t = startTimer(1_000, 60_000);
    expect(t).toEqual({ status: 'running', durationMs: 60_000, deadline: 61_000, remainingMs: 60_000 });
    expect(timerRemaining(t, 31_000)).toBe(30_000);
    expect(timerRemaining(t, 99_000)).toBe(0);
  });

  it('keeps what was left while paused and continues from it on resume', () => {
    const paused = pauseTimer(startTimer(0, 60_000), 20_000);
    expect(paused).toMatchObject({ status: 'paused', deadline: null, remainingMs: 40_000 });
    expect(timerRemaining(paused, 500_000)).toBe(40_000);
    const resumed = resumeTimer(paused, 100_000);
    expect(resumed).toMatchObject({ status: 'running', deadline: 140_000 });
    expect(resumeTimer(resumed, 120_000)).toBe(resumed);
  });

  it('extends a running, a paused and a finished timer', () => {
    expect(extendTimer(startTimer(0, 60_000), 30_000, 10_000)).toMatchObject({
      status: 'running',
      deadline: 90_000,
      durationMs: 90_000,
    });
    expect(extendTimer(pauseTimer(startTimer(0, 60_000), 10_000), 30_000, 20_000)).toMatchObject({
      status: 'paused',
      remainingMs: 80_000,
    });
    expect(extendTimer(startTimer(0, 60_000), 30_000, 70_000)).toMatchObject({
      status: 'running',
      deadline: 100_000,
      remainingMs: 30_000,
    });
  });

  it('expires at its deadline, and a paused timer never expires', () => {
    const t = startTimer(0, 1_000);
    expect(isExpired(t, 999)).toBe(false);
    expect(isExpired(t, 1_000)).toBe(true);
    expect(settleTimer(t, 1_000)).toEqual({ status: 'done', durationMs: 1_000, deadline: null, remainingMs: 0 });
    expect(settleTimer(pauseTimer(t, 500), 5_000).status).toBe('paused');
    expect(pauseTimer(t, 2_000).status).toBe('done');
    expect(finishTimer(t)).toMatchObject({ status: 'done', remainingMs: 0 });
  });
});

describe('clock offset estimation', () => {
  it('keeps the sample with the lowest round trip and assumes the server stamped it half-way', () => {
    const est = estimateOffset([
      { sentAt: 1_000, serverTime: 6_100, receivedAt: 1_300 }, // slow: rtt 300
      { sentAt: 2_000, serverTime: 7_010, receivedAt: 2_020 }, // fast: rtt 20, offset 7010 - 2010 = 5000
      { sentAt: 3_000, serverTime: 8_200, receivedAt: 3_150 },
    ]);
    expect(est).toEqual({ offsetMs: 5_000, rttMs: 20 });
  });

  it('works for a client clock ahead of the server and ignores impossible samples', () => {
    expect(estimateOffset([])).toBeNull();
    expect(estimateOffset([{ sentAt: 10, serverTime: 0, receivedAt: 5 }])).toBeNull();
    expect(estimateOffset([{ sentAt: 50_000, serverTime: 40_005, receivedAt: 50_010 }])).toEqual({
      offsetMs: -10_000,
      rttMs: 10,
    });
  });
});
