import type { StormFaults } from '../../support/chaos/fault-driver';
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
        athletes: 20,
        seed,
        faults: stormFaults('full'),
        settleTimeoutMs: 40 * 60_000,
      },
      postgres: { totalEvents: 2000, athletes: 5, downMs: 15_000, settleTimeoutMs: 10 * 60_000 },
      smtp: { athletes: 10, totalEvents: 300, outageMs: 120_000, settleTimeoutMs: 10 * 60_000 },
      strava: {
        totalEvents: 2000,
        athletes: 5,
        errorRate: 0.15,
        timeoutRate: 0.05,
        settleTimeoutMs: 20 * 60_000,
      },
      fuzz: { bodiesPerRoute: 1000, seed },
    };
  }
  return {
    storm: { totalEvents: 400, athletes: 3, seed, faults: stormFaults('reduced'), settleTimeoutMs: 240_000 },
    postgres: { totalEvents: 200, athletes: 2, downMs: 5000, settleTimeoutMs: 150_000 },
    smtp: { athletes: 3, totalEvents: 40, outageMs: 20_000, settleTimeoutMs: 90_000 },
    strava: { totalEvents: 150, athletes: 2, errorRate: 0.15, timeoutRate: 0.05, settleTimeoutMs: 180_000 },
    fuzz: { bodiesPerRoute: 200, seed },
  };
}

/**
 * Every fault of issue 12 in one storm. Full: several SIGKILLs of workers and web, Redis SIGKILLed (AOF
 * always), PostgreSQL crashed, SMTP down 3 minutes, 20 % of Strava requests failing (5xx, hangs) plus
 * slow answers and 429 episodes. Reduced keeps one to three of each and scales the outages to seconds.
 */
function stormFaults(size: 'full' | 'reduced'): StormFaults {
  const strava = { errorRate: 0.15, timeoutRate: 0.05, latencyMs: [20, 400] as [number, number] };
  if (size === 'full')
    return {
      workerKills: 6,
      webKills: 3,
      redisKills: 2,
      postgresRestarts: 2,
      postgresDownMs: 10_000,
      smtpOutageMs: 180_000,
      strava,
      rateLimitRate: 0.2,
      rateLimitLeadMs: 60_000,
    };
  return {
    workerKills: 3,
    webKills: 2,
    redisKills: 1,
    postgresRestarts: 1,
    postgresDownMs: 3000,
    smtpOutageMs: 15_000,
    strava: { ...strava, timeoutRate: 0.02, latencyMs: [10, 150] },
    rateLimitRate: 0.2,
    rateLimitLeadMs: 20_000,
  };
}
