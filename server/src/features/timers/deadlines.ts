import type { Clock } from '../../lib/clock.js';

/**
 * Wake up at least this often to compare the deadline with the clock again: cheap (one timer per open pause or
 * turn), and it follows clock corrections (and fake clocks in tests) instead of trusting one long setTimeout.
 */
export const DEADLINE_RECHECK_MS = 1_000;

/**
 * Per-instance timeouts keyed by name (e.g. "pause:<sessionId>"), fired at a server-clock deadline.
 * The deadline itself lives in storage; this only wakes the service up. Cleared on close.
 */
export class Deadlines {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (err: unknown, key: string) => void,
  ) {}

  set(key: string, at: number, fire: () => Promise<void>): void {
    this.clear(key);
    if (this.closed) return;
    const delay = Math.max(0, at - this.clock.now());
    const timer = setTimeout(
      () => {
        this.timers.delete(key);
        if (this.clock.now() < at) return this.set(key, at, fire);
        fire().catch((err: unknown) => this.onError(err, key));
      },
      Math.min(delay, DEADLINE_RECHECK_MS),
    );
    timer.unref();
    this.timers.set(key, timer);
  }

  clear(key: string): void {
    const t = this.timers.get(key);
    if (t) clearTimeout(t);
    this.timers.delete(key);
  }

  get size(): number {
    return this.timers.size;
  }

  close(): void {
    this.closed = true;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
