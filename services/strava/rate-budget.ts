import type { Redis } from 'ioredis';
import { RateLimitWaitError } from '../errors';
import type { StravaCallPriority } from './api';
import { RESERVE_SCRIPT, OBSERVE_SCRIPT, BLOCK_SCRIPT } from './rate-budget-scripts';

/**
 * One application-wide Strava budget shared by every process through Redis (Strava's limits are per
 * application; strava-v3's counters are per process and know nothing of other workers).
 *
 * - Before each API call `reserve` atomically takes one unit from the current 15-minute window (aligned to
 *   :00/:15/:30/:45) and the current UTC day, or throws RateLimitWaitError(start of the window that frees
 *   a unit). Backfill may only use `backfillShare` of each limit, so live webhook work always has room.
 * - After each response `observe` adopts Strava's X-RateLimit-* / X-ReadRateLimit-* headers: its limits
 *   replace ours and its usage raises ours (never lowers it: our count includes calls still in flight).
 * - A 429 blocks every process until the next window (or UTC midnight when the daily limit is spent).
 * - 'webhook' calls (checks a webhook event asked for) also count against their own cap: `webhookShare`
 *   of the window's read limit. Past it they wait for the next window; other calls are unaffected.
 *
 * Every API call we make is a read, so each one counts against both the read and the overall limits.
 */
export interface RateBudget {
  /** Takes one unit or throws RateLimitWaitError; never spends a job's retry attempt. */
  reserve(priority: StravaCallPriority): Promise<void>;
  /** Feeds a response's headers (any status) into the shared counters. */
  observe(headers: Record<string, string>): Promise<void>;
  /** Records a 429 and returns the error to throw: wait until the window that Strava will reset. */
  rateLimited(headers: Record<string, string>): Promise<RateLimitWaitError>;
  snapshot(): Promise<BudgetSnapshot>;
}

export interface BudgetLimits {
  read15Min: number;
  readDaily: number;
  overall15Min: number;
  overallDaily: number;
}

export interface BudgetSnapshot {
  limits: BudgetLimits;
  usage: BudgetLimits;
  /** Epoch ms until which every call waits after a 429; 0 when not blocked. */
  blockedUntilMs: number;
}

/** Strava's default application limits, used until the first response tells us the real ones. */
export const DEFAULT_LIMITS: BudgetLimits = {
  read15Min: 100,
  readDaily: 1000,
  overall15Min: 200,
  overallDaily: 2000,
};
/** Share of each limit backfill may use; the rest is kept for live webhook work. */
export const BACKFILL_SHARE = 0.8;
const WINDOW_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

/** Window boundaries of Strava's limits for an instant (epoch ms). */
export function windowBounds(nowMs: number) {
  const windowStartMs = Math.floor(nowMs / WINDOW_MS) * WINDOW_MS;
  const dayStartMs = Math.floor(nowMs / DAY_MS) * DAY_MS;
  return { windowStartMs, windowEndMs: windowStartMs + WINDOW_MS, dayStartMs, dayEndMs: dayStartMs + DAY_MS };
}

/** Parses "15min,daily" header pairs; null when a header is missing or malformed. */
export function parseRateHeaders(
  h: Record<string, string>,
): { limits: BudgetLimits; usage: BudgetLimits } | null {
  const pair = (name: string): [number, number] | null => {
    const m = /^\s*(\d+)\s*,\s*(\d+)\s*$/.exec(h[name] ?? '');
    return m ? [Number(m[1]), Number(m[2])] : null;
  };
  const [ol, ou, rl, ru] = [
    'x-ratelimit-limit',
    'x-ratelimit-usage',
    'x-readratelimit-limit',
    'x-readratelimit-usage',
  ].map(pair);
  if (!ol || !ou) return null;
  // Older responses carry only the overall headers; then the read limit is the overall one.
  const readLimit = rl ?? ol;
  const readUsage = ru ?? ou;
  return {
    limits: { overall15Min: ol[0], overallDaily: ol[1], read15Min: readLimit[0], readDaily: readLimit[1] },
    usage: { overall15Min: ou[0], overallDaily: ou[1], read15Min: readUsage[0], readDaily: readUsage[1] },
  };
}

export function createRateBudget(
  redis: Redis,
  prefix: string,
  clock: () => number,
  opts: { webhookShare?: number } = {},
): RateBudget {
  const base = `${prefix}:strava:budget`;
  const at = () => {
    const now = Math.floor(clock());
    const b = windowBounds(now);
    const k = {
      window: `${base}:w:${b.windowStartMs}`,
      day: `${base}:d:${b.dayStartMs}`,
      limits: `${base}:limits`,
      blocked: `${base}:blocked`,
    };
    return { now, b, k };
  };
  const d = DEFAULT_LIMITS;

  const observe = async (headers: Record<string, string>): Promise<void> => {
    const parsed = parseRateHeaders(headers);
    if (!parsed) return;
    const { now, b, k } = at();
    const { limits: l, usage: u } = parsed;
    await redis.eval(
      OBSERVE_SCRIPT,
      3,
      k.window,
      k.day,
      k.limits,
      now,
      b.windowEndMs,
      b.dayEndMs,
      l.read15Min,
      l.readDaily,
      l.overall15Min,
      l.overallDaily,
      u.read15Min,
      u.readDaily,
      u.overall15Min,
      u.overallDaily,
    );
  };

  const reserveShared = async (priority: StravaCallPriority): Promise<void> => {
    const { now, b, k } = at();
    const share = priority === 'backfill' ? BACKFILL_SHARE : 1;
    const retryAt = Number(
      await redis.eval(
        RESERVE_SCRIPT,
        4,
        k.window,
        k.day,
        k.limits,
        k.blocked,
        now,
        b.windowEndMs,
        b.dayEndMs,
        share,
        d.read15Min,
        d.readDaily,
        d.overall15Min,
        d.overallDaily,
      ),
    );
    if (retryAt > 0) {
      throw new RateLimitWaitError(
        retryAt,
        `Strava ${priority} budget spent; waiting until ${new Date(retryAt).toISOString()}`,
      );
    }
  };

  /** Takes one unit of the webhook cap of the current window, or throws RateLimitWaitError. */
  const reserveWebhookShare = async (): Promise<() => Promise<void>> => {
    const { now, b, k } = at();
    const key = `${base}:webhook:${b.windowStartMs}`;
    const [[, used], [, read15]] = (await redis
      .multi()
      .incr(key)
      .hget(k.limits, 'read15')
      .pexpire(key, b.windowEndMs - now + 60_000)
      .exec()) as [[Error | null, number], [Error | null, string | null]];
    const cap = Math.max(1, Math.floor(Number(read15 ?? d.read15Min) * (opts.webhookShare ?? 1)));
    const release = async () => void (await redis.decr(key));
    if (used > cap) {
      await release();
      throw new RateLimitWaitError(
        b.windowEndMs,
        `Strava webhook share spent (${cap} calls this window); waiting until ${new Date(b.windowEndMs).toISOString()}`,
      );
    }
    return release;
  };

  return {
    observe,
    async reserve(priority) {
      const release = priority === 'webhook' ? await reserveWebhookShare() : null;
      try {
        await reserveShared(priority);
      } catch (err) {
        if (release) await release();
        throw err;
      }
    },
    async rateLimited(headers) {
      await observe(headers);
      const { now, b, k } = at();
      const parsed = parseRateHeaders(headers);
      const dailySpent =
        parsed !== null &&
        (parsed.usage.readDaily >= parsed.limits.readDaily ||
          parsed.usage.overallDaily >= parsed.limits.overallDaily);
      const until = Number(
        await redis.eval(BLOCK_SCRIPT, 1, k.blocked, now, dailySpent ? b.dayEndMs : b.windowEndMs),
      );
      return new RateLimitWaitError(
        until,
        `Strava answered 429; waiting until ${new Date(until).toISOString()}`,
      );
    },
    async snapshot() {
      const { now, k } = at();
      const [w, day, l, blocked] = await Promise.all([
        redis.hgetall(k.window),
        redis.hgetall(k.day),
        redis.hgetall(k.limits),
        redis.get(k.blocked),
      ]);
      const n = (v: string | undefined, fallback: number) => (v === undefined ? fallback : Number(v));
      const blockedUntilMs = Number(blocked ?? 0);
      return {
        limits: {
          read15Min: n(l.read15, d.read15Min),
          readDaily: n(l.readDay, d.readDaily),
          overall15Min: n(l.overall15, d.overall15Min),
          overallDaily: n(l.overallDay, d.overallDaily),
        },
        usage: {
          read15Min: n(w.read, 0),
          readDaily: n(day.read, 0),
          overall15Min: n(w.overall, 0),
          overallDaily: n(day.overall, 0),
        },
        blockedUntilMs: blockedUntilMs > now ? blockedUntilMs : 0,
      };
    },
  };
}
