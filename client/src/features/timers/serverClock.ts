/**
 * The client's estimate of server time: a few `time:ping` samples per round, the lowest round trip wins
 * (shared `estimateOffset`), re-sampled now and then and after every reconnect.
 */
import { CLOCK_SAMPLES_PER_ROUND, estimateOffset } from '@tandem/shared';
import type { ClockEstimate, ClockSample } from '@tandem/shared';

export type Ping = () => Promise<number | null>;

export class ServerClock {
  private samples: ClockSample[] = [];
  private estimate: ClockEstimate | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly local: () => number = () => Date.now()) {}

  /** Server time now (the local clock until the first estimate). */
  now = (): number => this.local() + (this.estimate?.offsetMs ?? 0);

  get offsetMs(): number {
    return this.estimate?.offsetMs ?? 0;
  }

  get rttMs(): number | null {
    return this.estimate?.rttMs ?? null;
  }

  get synced(): boolean {
    return this.estimate !== null;
  }

  /** Takes one round of samples; keeps the last rounds' samples so one noisy round cannot spoil it. */
  async sample(ping: Ping, count = CLOCK_SAMPLES_PER_ROUND): Promise<void> {
    const fresh: ClockSample[] = [];
    for (let i = 0; i < count; i++) {
      const sentAt = this.local();
      const serverTime = await ping();
      const receivedAt = this.local();
      if (serverTime !== null) fresh.push({ sentAt, serverTime, receivedAt });
    }
    if (fresh.length === 0) return;
    this.samples = [...this.samples.slice(-count), ...fresh];
    this.estimate = estimateOffset(this.samples);
    for (const l of this.listeners) l();
  }

  /** Forget old samples (after a reconnect the path, or the server, may have changed). */
  reset(): void {
    this.samples = [];
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
