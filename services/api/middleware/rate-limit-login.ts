import { createHash } from 'node:crypto';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';

/**
 * ASVS 6.3.1 / reliability.md S6: per account 5 attempts per 15 min (each attempt spends its point before
 * the password is checked, atomically in Redis, so parallel requests cannot overshoot; a success gives the
 * points back), then a lockout that doubles with each repeat within a day (15 min, 30 min, ... 24 h);
 * per IP LOGIN_IP_ATTEMPTS (default 100) attempts.
 */
export const LOGIN_LIMITS = {
  accountFailures: { points: 5, durationS: 15 * 60, backoffMaxS: 24 * 3600 },
  ipAttempts: { points: 100, durationS: 15 * 60 },
  /** Reset emails: per account 3 an hour (no inbox flooding), per IP 20 an hour. */
  resetPerAccount: { points: 3, durationS: 3600 },
  resetPerIp: { points: 20, durationS: 3600 },
} as const;

export interface Throttle {
  /**
   * Spends one point (atomically: one Redis INCR); throws AppError('rate_limited') when none was left.
   * With `backoffMaxS`, the request that first finds the points spent locks the key out for
   * durationS * 2^(lockouts in the last 24 h), at most backoffMaxS.
   */
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
  limit: { points: number; durationS: number; backoffMaxS?: number },
): Throttle {
  const redisLimiter = (suffix: string, points: number, durationS: number) =>
    new RateLimiterRedis({
      storeClient: deps.redis,
      keyPrefix: `${deps.config.queuePrefix}:rl:${name}${suffix}`,
      points,
      duration: durationS,
      rejectIfRedisNotReady: true,
      insuranceLimiter: new RateLimiterMemory({ points, duration: durationS }),
    });
  const limiter = redisLimiter('', limit.points, limit.durationS);
  const lockouts = limit.backoffMaxS ? redisLimiter(':lockouts', 1000, 24 * 3600) : null;
  const lockOut = async (key: string, res: RateLimiterRes): Promise<RateLimiterRes> => {
    if (!lockouts || res.consumedPoints !== limit.points + 1) return res;
    const n = (await lockouts.penalty(key, 1)).consumedPoints;
    const blockS = Math.min(limit.durationS * 2 ** (n - 1), limit.backoffMaxS!);
    await limiter.block(key, blockS);
    return Object.assign(res, { msBeforeNext: blockS * 1000 });
  };
  const tooMany = (res: RateLimiterRes) =>
    new AppError(
      'rate_limited',
      `Too many attempts: try again in ${Math.ceil(res.msBeforeNext / 60_000)} min`,
      {
        retryAfterS: Math.ceil(res.msBeforeNext / 1000),
      },
    );
  return {
    async consume(key) {
      try {
        await limiter.consume(key);
      } catch (err) {
        if (err instanceof RateLimiterRes) throw tooMany(await lockOut(key, err));
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
    ip: createThrottle(deps, 'login-ip', { ...LOGIN_LIMITS.ipAttempts, points: deps.config.loginIpAttempts }),
    resetAccount: createThrottle(deps, 'reset-account', LOGIN_LIMITS.resetPerAccount),
    resetIp: createThrottle(deps, 'reset-ip', LOGIN_LIMITS.resetPerIp),
  };
}
