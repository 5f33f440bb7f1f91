import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import { ErrorCode } from '@tandem/shared';
import { AppError } from './errors.js';

export interface LimitSpec {
  keyPrefix: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** The limits we apply; counters live in memory, or in Redis when REDIS_URL is set (shared by every process). */
export const LIMITS = {
  /** Failed sign-ins for one email from one address. */
  loginPerEmailIp: { keyPrefix: 'login_email_ip', points: 5, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  /** Failed sign-ins from one address, any email. */
  loginPerIp: { keyPrefix: 'login_ip', points: 30, durationSeconds: 60 * 60, blockSeconds: 60 * 60 },
  /** Invite redemptions (good or bad) from one address. */
  redeemPerIp: { keyPrefix: 'redeem_ip', points: 30, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
} as const satisfies Record<string, LimitSpec>;

export type LimitName = keyof typeof LIMITS;

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;

  private constructor(
    private readonly redis: Redis | null,
    prefix: string,
  ) {
    const make = (spec: LimitSpec): RateLimiterAbstract => {
      const opts = {
        keyPrefix: `${prefix}${spec.keyPrefix}`,
        points: spec.points,
        duration: spec.durationSeconds,
        blockDuration: spec.blockSeconds ?? 0,
      };
      return redis
        ? new RateLimiterRedis({ ...opts, storeClient: redis, useRedisPackage: false })
        : new RateLimiterMemory(opts);
    };
    this.limiters = {
      loginPerEmailIp: make(LIMITS.loginPerEmailIp),
      loginPerIp: make(LIMITS.loginPerIp),
      redeemPerIp: make(LIMITS.redeemPerIp),
    };
  }

  static create(redisUrl: string | undefined, prefix = 'tandem:rl:'): RateLimits {
    const redis = redisUrl ? new Redis(redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true }) : null;
    return new RateLimits(redis, prefix);
  }

  /** Throws RATE_LIMITED when the key has no points left. */
  async assertAllowed(name: LimitName, key: string): Promise<void> {
    const res = await this.limiters[name].get(key);
    if (res && res.remainingPoints <= 0) throw limited(res);
  }

  /** Spends one point; throws RATE_LIMITED when that was over the limit. */
  async consume(name: LimitName, key: string): Promise<void> {
    try {
      await this.limiters[name].consume(key);
    } catch (err) {
      if (err instanceof RateLimiterRes) throw limited(err);
      throw err;
    }
  }

  async reset(name: LimitName, key: string): Promise<void> {
    await this.limiters[name].delete(key);
  }

  async close(): Promise<void> {
    if (this.redis) await this.redis.quit().catch(() => undefined);
  }
}

function limited(res: RateLimiterRes): AppError {
  const seconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
  return new AppError(ErrorCode.RATE_LIMITED, 'Too many attempts. Try again later.', seconds);
}
