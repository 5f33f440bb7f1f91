/**
 * Which processes of a practice are alive, kept in Redis (issue 17). A process that is killed says nothing: the
 * others learn it is gone when its liveness key (`<prefix>node:<id>`, renewed every second with a TTL of a few
 * seconds) has expired. Each process also lists itself in `<prefix>nodes` (a sorted set, member = id, score = when
 * it was last renewed), so that a process that started and died between two of the node watch's counts is still
 * found (nodeWatch.ts). The id is also the doc relay's origin (docRelay.ts): the awareness a dead process relayed
 * is removed by the others (the people it served are gone) instead of lingering for y-protocols' 30 s timeout.
 *
 * A process is dead when it is listed and its key is gone: a process of an earlier version (no key, not listed)
 * is never taken for dead (its people time out as before). A clean shutdown removes the key and leaves the member
 * (dropped ten minutes later), so the others clean up at once. No conclusion is drawn while this process cannot
 * reach Redis (every key would look gone), nor until its link has been up for a whole TTL: after a Redis restart
 * every key is gone until each process has renewed its own.
 */
import { randomBytes } from 'node:crypto';
import type { RedisLink } from './redisLink.js';

/** How long a process's key outlives its last renewal, and how often it is renewed. */
export const LIVENESS_TTL_MS = 4_000;
export const LIVENESS_BEAT_MS = 1_000;
/** A member not renewed for this long is dropped from the list (every process that was running has handled it). */
const MEMBER_KEEP_MS = 10 * 60_000;
const ID_BYTES = 8;

export interface LivenessOptions {
  ttlMs?: number;
  beatMs?: number;
  now?: () => number;
}

/** The registered processes whose key is gone, and those whose key is there (this one left out). */
export interface Members {
  dead: string[];
  alive: string[];
}

export class Liveness {
  /** This process's id (the doc relay's origin), and the same as hex (its key and its member). */
  readonly id: Buffer = randomBytes(ID_BYTES);
  readonly hex: string = this.id.toString('hex');
  private readonly keyPrefix: string;
  private readonly membersKey: string;
  private readonly ttlMs: number;
  private readonly now: () => number;
  private readonly timer: NodeJS.Timeout;
  private readonly ticks = new Set<() => void>();
  /** Since when the command connection has been ready (null while it is not). */
  private readySince: number | null = null;
  private stopped = false;

  constructor(
    private readonly link: Pick<RedisLink, 'prefix' | 'command'>,
    options: LivenessOptions = {},
  ) {
    this.keyPrefix = `${link.prefix}node:`;
    this.membersKey = `${link.prefix}nodes`;
    this.ttlMs = options.ttlMs ?? LIVENESS_TTL_MS;
    this.now = options.now ?? Date.now;
    const command = link.command;
    if (command.status === 'ready') this.readySince = this.now();
    command.on('ready', () => {
      this.readySince = this.now();
      this.beat(); // at once: the others may have found the key gone while we were away
    });
    command.on('close', () => (this.readySince = null));
    this.beat();
    this.timer = setInterval(() => {
      this.beat();
      for (const tick of this.ticks) tick();
    }, options.beatMs ?? LIVENESS_BEAT_MS);
    this.timer.unref();
  }

  /** Runs `fn` on every renewal (the doc relay's sweep); returns its removal. */
  onTick(fn: () => void): () => void {
    this.ticks.add(fn);
    return () => this.ticks.delete(fn);
  }

  /** Which of these ids are listed and have no key any more; null when no conclusion can be drawn (see the top). */
  async dead(ids: readonly string[]): Promise<Set<string> | null> {
    if (!this.sure()) return null;
    if (ids.length === 0) return new Set();
    const read = this.link.command.multi().mget(ids.map((id) => this.keyPrefix + id));
    for (const id of ids) read.zscore(this.membersKey, id);
    const replies = await read.exec().catch(() => null);
    const values = replies?.[0]?.[1];
    if (!replies || !Array.isArray(values) || replies.some(([err]) => err) || !this.sure()) return null;
    const dead = new Set<string>();
    ids.forEach((id, i) => {
      const listed = replies[i + 1]?.[1] !== null;
      if (values[i] === null && listed && id !== this.hex) dead.add(id);
    });
    return dead;
  }

  /** The other registered processes, dead and alive (members not renewed for ten minutes are dropped first). */
  async members(): Promise<Members | null> {
    if (!this.sure()) return null;
    const command = this.link.command;
    const listed = await command
      .multi()
      .zremrangebyscore(this.membersKey, '-inf', this.now() - MEMBER_KEEP_MS)
      .zrange(this.membersKey, 0, -1)
      .exec()
      .catch(() => null);
    const ids = listed?.[1]?.[1];
    if (!Array.isArray(ids)) return null;
    const others = ids.filter((id): id is string => typeof id === 'string' && id !== this.hex);
    const dead = await this.dead(others);
    if (!dead) return null;
    return { dead: [...dead], alive: others.filter((id) => !dead.has(id)) };
  }

  /** Stops renewing, without a word to the others (what a killed process does; tests). */
  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
    this.ticks.clear();
  }

  /**
   * A clean shutdown: stops, and removes the key so that the others clean up at once (the member stays: a listed
   * process without a key is a dead one; see the top).
   */
  async close(): Promise<void> {
    this.stop();
    const command = this.link.command;
    if (command.status !== 'ready') return;
    await command.del(this.keyPrefix + this.hex).catch(() => undefined);
  }

  private beat(): void {
    const command = this.link.command;
    // While Redis is away a beat would only wait in the offline queue; the next one after 'ready' does.
    if (this.stopped || command.status !== 'ready') return;
    command
      .multi()
      .set(this.keyPrefix + this.hex, '1', 'PX', this.ttlMs)
      .zadd(this.membersKey, this.now(), this.hex)
      .exec()
      .catch(() => undefined);
  }

  private sure(): boolean {
    return (
      this.link.command.status === 'ready' && this.readySince !== null && this.now() - this.readySince >= this.ttlMs
    );
  }
}
