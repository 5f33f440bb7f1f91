import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { ACCOUNT_DELAY, RateLimits, accountDelaySeconds } from './rateLimit.js';

const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('rate limits shared through Redis', () => {
  const prefix = `tandem-test:${randomBytes(4).toString('hex')}:`;
  const a = RateLimits.create(REDIS_URL, prefix);
  const b = RateLimits.create(REDIS_URL, prefix);

  beforeAll(async () => {
    // Before Redis answers, each process counts in its own memory.
    await Promise.all([a.shared(), b.shared()]);
  });
  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
    await redis.quit();
    await a.close();
    await b.close();
  });

  it('counts attempts across two server processes', async () => {
    for (let i = 0; i < 20; i++) await a.consume('redeemPerIp', '203.0.113.9');
    for (let i = 0; i < 10; i++) await b.consume('redeemPerIp', '203.0.113.9');
    await expect(a.assertAllowed('redeemPerIp', '203.0.113.9')).rejects.toBeInstanceOf(AppError);
    await expect(b.consume('redeemPerIp', '203.0.113.9')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await a.reset('redeemPerIp', '203.0.113.9');
    await expect(b.assertAllowed('redeemPerIp', '203.0.113.9')).resolves.toBeUndefined();
  });

  it('shares an account’s failure count and wait between processes, and a success clears both', async () => {
    for (let i = 0; i < 3; i++) await a.accountFailed('x@example.org');
    for (let i = 0; i < 2; i++) await b.accountFailed('x@example.org');
    await expect(a.assertAccountAllowed('x@example.org')).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    await b.accountSucceeded('x@example.org');
    await expect(a.assertAccountAllowed('x@example.org')).resolves.toBeUndefined();
  });
});

describe('rate limits while Redis is away or stalled', () => {
  const closers: Array<() => Promise<unknown>> = [];
  afterAll(async () => {
    for (const close of closers) await close();
  });

  /** A limit of 30 redemptions: the 31st is refused, the 30 before are answered (counted in memory), none hangs. */
  async function countsInMemory(limits: RateLimits): Promise<void> {
    for (let i = 0; i < 30; i++) await limits.consume('redeemPerIp', '198.51.100.7');
    await expect(limits.consume('redeemPerIp', '198.51.100.7')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(limits.assertAllowed('redeemPerIp', '198.51.100.7')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another key is untouched.
    await expect(limits.consume('redeemPerIp', '198.51.100.8')).resolves.toBeUndefined();
  }

  it('counts in memory when nothing listens at the Redis address (no 500, limits still hold)', async () => {
    const free = net.createServer();
    await new Promise<void>((resolve) => free.listen(0, '127.0.0.1', resolve));
    const port = (free.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => free.close(() => resolve()));
    const limits = RateLimits.create(`redis://127.0.0.1:${port}`, 'tandem-test:away:');
    closers.push(() => limits.close());
    await countsInMemory(limits);
  });

  it('counts in memory when Redis accepts connections but never answers', async () => {
    const sockets = new Set<net.Socket>();
    const stalled = net.createServer((socket) => {
      sockets.add(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve));
    closers.push(async () => {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => stalled.close(resolve));
    });
    const limits = RateLimits.create(
      `redis://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`,
      'tandem-test:stalled:',
    );
    closers.unshift(() => limits.close());
    await countsInMemory(limits);
  });
});

describe('the per-account wait', () => {
  it('is free for the first failures, then doubles up to a ceiling', () => {
    const free = ACCOUNT_DELAY.freeFailures;
    expect(accountDelaySeconds(free - 1)).toBe(0);
    expect(accountDelaySeconds(free)).toBe(1);
    expect(accountDelaySeconds(free + 1)).toBe(2);
    expect(accountDelaySeconds(free + 4)).toBe(16);
    expect(accountDelaySeconds(free + 1000)).toBe(ACCOUNT_DELAY.maxDelaySeconds);
  });
});
