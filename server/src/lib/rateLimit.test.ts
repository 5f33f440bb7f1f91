import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { RateLimits } from './rateLimit.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('rate limits shared through Redis', () => {
  const prefix = `tandem-test:${randomBytes(4).toString('hex')}:`;
  const a = RateLimits.create(REDIS_URL, prefix);
  const b = RateLimits.create(REDIS_URL, prefix);

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await a.close();
    await b.close();
  });

  it('counts attempts across two server processes', async () => {
    for (let i = 0; i < 3; i++) await a.consume('loginPerEmailIp', 'ip|x@example.org');
    for (let i = 0; i < 2; i++) await b.consume('loginPerEmailIp', 'ip|x@example.org');
    await expect(a.assertAllowed('loginPerEmailIp', 'ip|x@example.org')).rejects.toBeInstanceOf(AppError);
    await expect(b.consume('loginPerEmailIp', 'ip|x@example.org')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await a.reset('loginPerEmailIp', 'ip|x@example.org');
    await expect(b.assertAllowed('loginPerEmailIp', 'ip|x@example.org')).resolves.toBeUndefined();
  });
});
