/**
 * Two Tandem instances in this process on one PostgreSQL schema, as two processes of one practice would run, for
 * what must hold across processes (issue 17). Without Redis each instance's Socket.IO and Yjs clients are its own;
 * with `{ redis: true }` they share a Redis key prefix (removed on dispose), as scaled-out processes do.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import * as Y from 'yjs';
import { startTandem, type Tandem } from '../app.js';
import type { Clock } from '../lib/clock.js';
import { createLogger } from '../lib/logger.js';
import { startTestServer, type TestServer } from './harness.js';

export interface TwoInstances {
  one: TestServer;
  two: Tandem;
  dispose(): Promise<void>;
}

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export async function twoInstances(options: { redis?: boolean; clock?: Clock } = {}): Promise<TwoInstances> {
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const config = options.redis ? { redisUrl: REDIS_URL, redisPrefix: prefix } : {};
  const clock = options.clock ? { clock: options.clock } : {};
  const one = await startTestServer({ db: 'postgres', config, ...clock });
  const two = await startTandem({ ...one.config, port: 0 }, { logger: createLogger('silent'), ...clock });
  return {
    one,
    two,
    async dispose() {
      await two.close();
      await one.dispose();
      if (!options.redis) return;
      const r = new Redis(REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
}

/** A doc as storage holds it (snapshot and log), read through an instance's store. */
export async function storedDoc(instance: Pick<Tandem, 'collabStore'>, name: string): Promise<Y.Doc> {
  const doc = new Y.Doc();
  for (const u of await instance.collabStore.load(name)) Y.applyUpdate(doc, u);
  return doc;
}
