import type { EmulatorClock } from './clock';

/** Application-wide request limits (Strava's are per application, not per athlete). */
export interface RateLimits {
  overall15Min: number;
  overallDaily: number;
  read15Min: number;
  readDaily: number;
}

/** Strava's defaults: 200/15 min and 2,000/day overall; 100/15 min and 1,000/day read ("non-upload"). */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  overall15Min: 200,
  overallDaily: 2000,
  read15Min: 100,
  readDaily: 1000,
};

const WINDOW_MS = 15 * 60_000;
const DAY_MS = 86_400_000;

export interface RateUsage {
  overall15Min: number;
  overallDaily: number;
  read15Min: number;
  readDaily: number;
}

export interface RateLimiter {
  /**
   * Counts one request and says whether it is over a limit. Like Strava, a rejected request still counts
   * (so usage can exceed the limit). `read` is false only for upload endpoints (none are emulated).
   */
  consume(read: boolean): { limited: boolean; headers: Record<string, string> };
  /** The four headers for the current usage, without counting anything. */
  headers(): Record<string, string>;
  usage(): RateUsage;
  limits(): RateLimits;
  setLimits(next: Partial<RateLimits>): void;
  /** Zeroes all counters (a test helper; Strava has no such reset). */
  reset(): void;
}

/**
 * Creates the limiter. 15-minute windows align to :00/:15/:30/:45 of the emulator clock; the daily window
 * resets at 00:00 UTC of the emulator clock.
 */
export function createRateLimiter(clock: EmulatorClock, initial: Partial<RateLimits> = {}): RateLimiter {
  let limits: RateLimits = { ...DEFAULT_RATE_LIMITS, ...initial };
  let windowId = -1;
  let dayId = -1;
  const u: RateUsage = { overall15Min: 0, overallDaily: 0, read15Min: 0, readDaily: 0 };
  const roll = (): void => {
    const now = clock.now();
    const w = Math.floor(now / WINDOW_MS);
    const d = Math.floor(now / DAY_MS);
    if (w !== windowId) [windowId, u.overall15Min, u.read15Min] = [w, 0, 0];
    if (d !== dayId) [dayId, u.overallDaily, u.readDaily] = [d, 0, 0];
  };
  const headers = (): Record<string, string> => {
    roll();
    return {
      'X-RateLimit-Limit': `${limits.overall15Min},${limits.overallDaily}`,
      'X-RateLimit-Usage': `${u.overall15Min},${u.overallDaily}`,
      'X-ReadRateLimit-Limit': `${limits.read15Min},${limits.readDaily}`,
      'X-ReadRateLimit-Usage': `${u.read15Min},${u.readDaily}`,
    };
  };
  return {
    consume(read) {
      roll();
      u.overall15Min++;
      u.overallDaily++;
      if (read) [u.read15Min, u.readDaily] = [u.read15Min + 1, u.readDaily + 1];
      const limited =
        u.overall15Min > limits.overall15Min ||
        u.overallDaily > limits.overallDaily ||
        (read && (u.read15Min > limits.read15Min || u.readDaily > limits.readDaily));
      return { limited, headers: headers() };
    },
    headers,
    usage: () => (roll(), { ...u }),
    limits: () => ({ ...limits }),
    setLimits(next) {
      limits = { ...limits, ...next };
    },
    reset() {
      Object.assign(u, { overall15Min: 0, overallDaily: 0, read15Min: 0, readDaily: 0 });
    },
  };
}
