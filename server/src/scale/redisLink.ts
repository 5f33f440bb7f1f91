/**
 * The connections a process keeps to Redis when several processes serve one practice (REDIS_URL): one for
 * commands and publishing (shared by the Socket.IO adapter and the Yjs relay), one subscriber for the Yjs relay.
 * The Socket.IO adapter makes its own blocking reader and subscriber from the command connection (`duplicate()`):
 * its XREAD blocks for up to a few seconds, and nothing else may wait behind it.
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
  /** SUBSCRIBE only (the Yjs relay). */
  subscriber: Redis;
  /** Both connections are ready. */
  up(): boolean;
  close(): Promise<void>;
}

export function openRedisLink(url: string, prefix: string, logger: Logger): RedisLink {
  const Ctor = loadRedis();
  const options: RedisOptions = {
    retryStrategy: redisRetryDelay,
    // Commands wait while Redis is away (a publish made during a short outage goes out when it is back), but not
    // forever: after this many reconnection attempts they fail and the caller's fallback (a resync) takes over.
    maxRetriesPerRequest: 20,
    enableOfflineQueue: true,
    // Subscriptions are renewed by their owner once the connection is ready (it then catches up from storage).
    autoResubscribe: false,
    lazyConnect: false,
  };
  const command = new Ctor(url, { ...options, connectionName: 'tandem-command' });
  const subscriber = new Ctor(url, { ...options, connectionName: 'tandem-relay' });
  let wasUp = false;
  const report = () => {
    const now = command.status === 'ready' && subscriber.status === 'ready';
    if (now !== wasUp) logger[now ? 'info' : 'warn']({}, now ? 'redis reachable' : 'redis unreachable (degraded)');
    wasUp = now;
  };
  for (const c of [command, subscriber]) {
    c.on('ready', report);
    c.on('close', report);
    // Errors come with every failed reconnection: the state change is logged once by `report`.
    c.on('error', () => undefined);
  }
  return {
    prefix,
    command,
    subscriber,
    up: () => command.status === 'ready' && subscriber.status === 'ready',
    async close() {
      subscriber.disconnect();
      await command.quit().catch(() => command.disconnect());
    },
  };
}
