import type { FuzzOptions } from './route-fuzz';
import type { PostgresRestartOptions } from './postgres-restart';
import type { SmtpOutageOptions } from './smtp-outage';
import type { StravaFlakyOptions } from './strava-flaky';
import type { StormOptions } from './webhook-storm';

export interface ChaosSizes {
  storm: StormOptions;
  postgres: PostgresRestartOptions;
  smtp: SmtpOutageOptions;
  strava: StravaFlakyOptions;
  fuzz: FuzzOptions;
}

/**
 * The two sizes of the fault-injection suite. FULL is issue 8's wording (`npm run test:chaos`, on demand,
 * tens of minutes on a 2-core box); REDUCED runs the same scenario code in every `npm test`
 * (tests/integration/chaos-reduced) within a few minutes. CHAOS_SEED replays a failing run.
 */
export function chaosSizes(size: 'full' | 'reduced'): ChaosSizes {
  const seed = Number(process.env.CHAOS_SEED ?? 20_260_801);
  if (size === 'full') {
    return {
      storm: {
        totalEvents: 10_000,
        workerKills: 5,
        redisRestarts: 1,
        athletes: 20,
        seed,
        settleTimeoutMs: 40 * 60_000,
      },
      postgres: { totalEvents: 2000, athletes: 5, downMs: 15_000, settleTimeoutMs: 10 * 60_000 },
      smtp: { athletes: 10, totalEvents: 300, outageMs: 120_000, settleTimeoutMs: 10 * 60_000 },
      strava: {
        totalEvents: 2000,
        athletes: 5,
        errorRate: 0.1,
        timeoutRate: 0.1,
        settleTimeoutMs: 20 * 60_000,
      },
      fuzz: { bodiesPerRoute: 1000, seed },
    };
  }
  return {
    storm: {
      totalEvents: 500,
      workerKills: 5,
      redisRestarts: 1,
      athletes: 3,
      seed,
      settleTimeoutMs: 150_000,
    },
    postgres: { totalEvents: 200, athletes: 2, downMs: 5000, settleTimeoutMs: 150_000 },
    smtp: { athletes: 3, totalEvents: 40, outageMs: 20_000, settleTimeoutMs: 90_000 },
    strava: { totalEvents: 150, athletes: 2, errorRate: 0.1, timeoutRate: 0.1, settleTimeoutMs: 180_000 },
    fuzz: { bodiesPerRoute: 200, seed },
  };
}
