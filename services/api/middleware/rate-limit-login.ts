import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';

/** ASVS 6.3.1 / reliability.md S6: per account 5 failed passwords per 15 min, per IP 100 attempts. */
export const LOGIN_LIMITS = {
  accountFailures: { points: 5, durationS: 15 * 60 },
  ipAttempts: { points: 100, durationS: 15 * 60 },
  /** Reset emails: per account 3 an hour (no inbox flooding), per IP 20 an hour. */
  resetPerAccount: { points: 3, durationS: 3600 },
  resetPerIp: { points: 20, durationS: 3600 },
} as const;

export interface Throttle {
  /** Throws AppError('rate_limited') with a retry hint when the key has no points left. */
  assertAllowed(key: string): Promise<void>;
  /** Spends one point; throws AppError('rate_limited') when that was one too many. */
  consume(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

/**
 * One Redis-backed limiter, shared by every web process (a memory store would not be: ASVS 6.1.1). If Redis
 * is down, an in-process limiter with the same limits takes over: degraded, never open.
 */
export function createThrottle(
  deps: Deps,
  name: string,
  limit: { points: number; durationS: number },
): Throttle {
  const limiter = new RateLimiterRedis({
    storeClient: deps.redis,
    keyPrefix: `${deps.config.queuePrefix}:rl:${name}`,
    points: limit.points,
    duration: limit.durationS,
    rejectIfRedisNotReady: true,
    insuranceLimiter: new RateLimiterMemory({ points: limit.points, duration: limit.durationS }),
  });
  const tooMany = (res: RateLimiterRes) =>
    new AppError(
      'rate_limited',
      `Too many attempts: try again in ${Math.ceil(res.msBeforeNext / 60_000)} min`,
      {
        retryAfterS: Math.ceil(res.msBeforeNext / 1000),
      },
    );
  return {
    async assertAllowed(key) {
      const res = await limiter.get(key);
      if (res && res.consumedPoints >= limit.points) throw tooMany(res);
    },
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw tooMany(err);
        throw err;
      }
    },
    async reset(key) {
      await limiter.delete(key).catch(() => undefined);
    },
  };
}

/** Keys never hold the email itself: nothing personal reaches Redis. */
export function accountKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url');
}

export interface LoginThrottles {
  account: Throttle;
  ip: Throttle;
  resetAccount: Throttle;
  resetIp: Throttle;
}

export function createLoginThrottles(deps: Deps): LoginThrottles {
  return {
    account: createThrottle(deps, 'login-account', LOGIN_LIMITS.accountFailures),
    ip: createThrottle(deps, 'login-ip', LOGIN_LIMITS.ipAttempts),
    resetAccount: createThrottle(deps, 'reset-account', LOGIN_LIMITS.resetPerAccount),
    resetIp: createThrottle(deps, 'reset-ip', LOGIN_LIMITS.resetPerIp),
  };
}
