/**
 * The connections a process keeps to Redis when several processes serve one practice (REDIS_URL): for the Yjs
 * relay, one for commands and publishing and one subscriber; for the Socket.IO adapter, its own connection, from
 * which it makes its blocking reader and its subscriber (`duplicate()`): its XREAD blocks for up to a few
 * seconds, and nothing else may wait behind it; its subscriptions are renewed by ioredis after a reconnection.
 *
 * Redis being away is a degraded state, not a failure: every connection retries forever, each process keeps
 * serving its own clients, and `up()` (reported by /api/health) turns true again by itself.
 */
import { createRequire } from 'node:module';
import type { Redis, RedisOptions } from 'ioredis';
import type * as IORedis from 'ioredis';
import type { Logger } from '../lib/logger.js';

const require = createRequire(import.meta.url);
// ioredis is loaded only when Redis is configured (it costs ~0.15 s of start-up).
const loadRedis = () => (require('ioredis') as typeof IORedis).Redis;

/** Waits between reconnection attempts: quick at first (a Redis restart), then at most every 2 s. */
export const redisRetryDelay = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 6), 2_000);

export interface RedisLink {
  /** Key and channel prefix shared by the practice's processes (config.redisPrefix). */
  prefix: string;
  /** Commands and PUBLISH; never blocks, never subscribes. */
  command: Redis;
  /** The Socket.IO adapter's (XADD, PUBLISH; duplicated for its reads). */
  adapter: Redis;
  /** SUBSCRIBE only (the Yjs relay). */
  subscriber: Redis;
  /** Every connection is ready. */
  up(): boolean;
  close(): Promise<void>;
}

export function openRedisLink(
  url: string,
  prefix: string,
  logger: Logger,
  /** Reconnection attempts a command waits through before it fails (lower in tests of a long outage). */
  maxRetriesPerRequest = 20,
): RedisLink {
  const Ctor = loadRedis();
  const options: RedisOptions = {
    retryStrategy: redisRetryDelay,
    // Commands wait while Redis is away (a publish made during a short outage goes out when it is back), but not
    // forever: after this many reconnection attempts they fail and the caller's fallback (a resync) takes over.
    maxRetriesPerRequest,
    enableOfflineQueue: true,
    // Subscriptions are renewed by their owner once the connection is ready (it then catches up from storage).
    autoResubscribe: false,
    lazyConnect: false,
  };
  const command = new Ctor(url, { ...options, connectionName: 'tandem-command' });
  const subscriber = new Ctor(url, { ...options, connectionName: 'tandem-relay' });
  const adapter = new Ctor(url, { ...options, autoResubscribe: true, connectionName: 'tandem-socketio' });
  const up = () => [command, subscriber, adapter].every((c) => c.status === 'ready');
  let wasUp = false;
  const report = () => {
    const now = up();
    if (now !== wasUp) logger[now ? 'info' : 'warn']({}, now ? 'redis reachable' : 'redis unreachable (degraded)');
    wasUp = now;
  };
  for (const c of [command, subscriber, adapter]) {
    c.on('ready', report);
    c.on('close', report);
    // Errors come with every failed reconnection: the state change is logged once by `report`.
    c.on('error', () => undefined);
  }
  return {
    prefix,
    command,
    subscriber,
    adapter,
    up,
    async close() {
      subscriber.disconnect();
      // QUIT lets commands already sent finish; while Redis is away it would wait in the offline queue (up to the
      // retries above), so a connection that is not ready is dropped at once.
      await Promise.all(
        [command, adapter].map((c) => (c.status === 'ready' ? c.quit().catch(() => c.disconnect()) : c.disconnect())),
      );
    },
  };
}
