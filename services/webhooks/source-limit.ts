import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Deps } from '../deps';

/**
 * Per-source limit of webhook POSTs (STRAVA_WEBHOOK_SOURCE_LIMIT per minute and source IP). In process
 * memory on purpose: the ack must never wait on Redis. It bounds what one forging host can push into the
 * inbox; what reaches Strava is bounded separately, per athlete and by the webhook budget share.
 */
export interface SourceLimit {
  /** True when the source may post one more event now. */
  admit(source: string): Promise<boolean>;
}

const limits = new WeakMap<Deps, SourceLimit>();

export function sourceLimitFor(deps: Deps): SourceLimit {
  let limit = limits.get(deps);
  if (!limit) {
    const limiter = new RateLimiterMemory({
      points: deps.config.strava.webhookSourceLimitPerMin,
      duration: 60,
    });
    limit = {
      admit: (source) =>
        limiter.consume(source).then(
          () => true,
          (err: unknown) => {
            if (err instanceof RateLimiterRes) return false;
            throw err;
          },
        ),
    };
    limits.set(deps, limit);
  }
  return limit;
}
