/**
 * A process that started and died between two of the watch's counts changes no count, yet its people may have
 * joined rooms served here: the watch finds it through the liveness list (its member is there, its key is gone)
 * and tells this process's sessions who is there now, once per dead process.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../lib/logger.js';
import type { TandemServer } from '../realtime/types.js';
import { until } from '../test/scaled.js';
import { Liveness } from './liveness.js';
import { watchNodes, type NodeWatch } from './nodeWatch.js';
import { openRedisLink, type RedisLink } from './redisLink.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const logger = createLogger('silent');
const FAST = { ttlMs: 800, beatMs: 100 };

/** A Socket.IO server as the watch sees it: one session served here, and a count of processes that never moves. */
const fakeIo = {
  of: () => ({ adapter: { rooms: new Map([['s:sess-1:all', new Set()]]), serverCount: async () => 2 } }),
} as unknown as TandemServer;

describe('the node watch and processes that died between two counts (Redis)', () => {
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const links: RedisLink[] = [];
  const livenesses: Liveness[] = [];
  let watch: NodeWatch | undefined;
  afterEach(async () => {
    watch?.stop();
    for (const l of livenesses.splice(0)) l.stop();
    for (const l of links.splice(0)) await l.close();
    const r = new Redis(REDIS_URL);
    const keys = await r.keys(`${prefix}*`);
    if (keys.length) await r.del(...keys);
    await r.quit();
  });

  async function liveness(): Promise<Liveness> {
    const link = openRedisLink(REDIS_URL, prefix, logger);
    links.push(link);
    await until(() => link.up(), 'connected to Redis');
    const l = new Liveness(link, FAST);
    livenesses.push(l);
    return l;
  }

  it('tells the sessions here once for each process whose key is gone, the count unchanged', async () => {
    const here = await liveness();
    const brief = await liveness();
    const other = await liveness();
    const losses: string[][] = [];
    // The watch's reads of the list, counted: "ticks went by" is then a condition, not a sleep.
    let reads = 0;
    const read = here.members.bind(here);
    here.members = () => read().finally(() => reads++);
    const ticksGoBy = async (what: string) => {
      const from = reads;
      await until(() => reads >= from + 3, what);
    };
    watch = watchNodes(fakeIo, (ids) => losses.push(ids), 100, here);
    const probe = new Redis(REDIS_URL);
    try {
      await until(async () => (await probe.zcard(`${prefix}nodes`)) === 3, 'the three processes listed');
    } finally {
      await probe.quit();
    }

    brief.stop(); // killed: its key expires, its member stays
    await until(() => losses.length > 0, 'the loss of the brief process announced', 5_000);
    await ticksGoBy('three more reads of the list');
    expect(losses).toEqual([['sess-1']]);

    // Only a second death is announced again.
    other.stop();
    await until(() => losses.length > 1, 'the loss of the other process announced', 5_000);
    await ticksGoBy('three more reads of the list');
    expect(losses).toEqual([['sess-1'], ['sess-1']]);
    expect(watch.seen()).toBe(2);
  });
});
