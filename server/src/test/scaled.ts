/**
 * Two real Tandem processes of one practice (issue 17): one PostgreSQL database and one Redis key prefix, Redis
 * reached through a TCP proxy the test can stop and start (an outage).
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { spawnServer, type ServerProcess } from './process.js';
import { startTcpProxy, type TcpProxy } from './tcpProxy.js';

export const TEST_REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

export interface TwoProcesses {
  one: ServerProcess;
  two: ServerProcess;
  /** Between both processes and Redis. */
  redis: TcpProxy;
  prefix: string;
  dispose(): Promise<void>;
}

export async function twoProcesses(): Promise<TwoProcesses> {
  const redis = await startTcpProxy(TEST_REDIS_URL);
  const prefix = `tandem_t_${randomBytes(5).toString('hex')}:`;
  const env = { REDIS_URL: redis.url, REDIS_PREFIX: prefix };
  const one = await spawnServer('postgres', env);
  const two = await spawnServer('postgres', { ...env, DATABASE_URL: one.databaseUrl! });
  return {
    one,
    two,
    redis,
    prefix,
    async dispose() {
      await two.dispose();
      await one.dispose();
      await redis.close();
      const r = new Redis(TEST_REDIS_URL);
      const keys = await r.keys(`${prefix}*`);
      if (keys.length) await r.del(...keys);
      await r.quit();
    },
  };
}

/** Resolves once the check holds (polled), or fails naming what was awaited. */
export async function until(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
