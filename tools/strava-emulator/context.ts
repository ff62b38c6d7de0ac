import type { EmulatorClock } from './clock';
import type { DeliveryQueue } from './deliveries';
import type { Prng } from './generator/prng';
import type { RateLimiter } from './rate-limits';
import type { RequestLog } from './request-log';
import type { TokenStore } from './tokens';
import type { World } from './world';

/** The registered app's single push subscription (Strava allows one per app). */
export interface PushSubscription {
  id: number;
  callbackUrl: string;
  createdAtS: number;
}

/** Failure injection and latency for /api/v3 and /oauth requests (never for /_emulator). */
export interface FailureOptions {
  /** Fraction (0..1) of requests answered with a server error (a status drawn from `errorStatuses`). */
  errorRate: number;
  /** Statuses the injected server errors are drawn from, uniformly. Default [500]. */
  errorStatuses: number[];
  /**
   * Fraction (0..1) of requests answered 429 with Strava's rate-limit body and headers, although the
   * budget is not spent (Strava also throttles like that, e.g. under load or a per-endpoint limit).
   */
  rateLimitRate: number;
  /** Fraction (0..1) of requests never answered (socket closed after `hangMs`). */
  timeoutRate: number;
  hangMs: number;
  /** Added latency per request, ms: a fixed value or a uniform [min, max] range. */
  latencyMs: number | [number, number];
}

/** Shared state handed to every route module. */
export interface EmulatorContext {
  clientId: string;
  clientSecret: string;
  clock: EmulatorClock;
  world: World;
  tokens: TokenStore;
  limiter: RateLimiter;
  log: RequestLog;
  deliveries: DeliveryQueue;
  failures: FailureOptions;
  /** PRNG for injected failures, latency and new ids (separate stream from the data generator). */
  chaos: Prng;
  handshakeTimeoutMs: number;
  subscription: PushSubscription | null;
  nextSubscriptionId: number;
}
