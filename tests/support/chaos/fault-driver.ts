import { createPrng } from '../../../tools/strava-emulator';
import type { ChaosWorld } from './chaos-world';
import { pollUntil, sleep } from './settle';

/** Faults a storm injects, all at the edges: processes, servers and the Strava emulator. */
export interface StormFaults {
  /** SIGKILLs of worker processes, each restarted 0.5 s later. */
  workerKills: number;
  /** SIGKILLs of the web process (the webhook receiver), restarted 0.5 s later on the same port. */
  webKills: number;
  /** SIGKILLs of the private Redis (AOF, appendfsync always), down for 1-3 s. */
  redisKills: number;
  /** Crashes of the private PostgreSQL (`pg_ctl stop -m immediate`, then start), down `postgresDownMs`. */
  postgresRestarts: number;
  postgresDownMs: number;
  /** SMTP refusing connections, from a third of the storm on, for this long (0: never down). */
  smtpOutageMs: number;
  /** Share of Strava requests answered 500/502/503, left hanging, or delayed by `latencyMs`. */
  strava: { errorRate: number; timeoutRate: number; latencyMs: [number, number] };
  /**
   * Share of Strava requests answered 429, only in the last `rateLimitLeadMs` before one of Strava's
   * quarter-hour windows turns: a 429 correctly blocks every process until the window ends, so this
   * keeps the wait to seconds while the product's real reaction is exercised.
   */
  rateLimitRate: number;
  rateLimitLeadMs: number;
}

export interface FaultLog {
  workerKills: number;
  webKills: number;
  redisKills: number;
  postgresRestarts: number;
  smtpDownMs: number;
  rateLimitEpisodes: number;
}

const WINDOW_MS = 15 * 60_000;
const RATE_LIMIT_MARGIN_MS = 5000;

/**
 * Spreads the kills and crashes over the processing progress (0..1, from `progress`), not the clock, so
 * every one lands mid-storm at any machine speed; the SMTP outage and 429 episodes run alongside.
 * Resolves when every action is done (bounded by `timeoutMs`); call `stop()` to end the 429 loop.
 */
export function driveFaults(
  w: ChaosWorld,
  f: StormFaults,
  progress: () => Promise<number>,
  opts: { seed: number; workers: string[]; timeoutMs: number },
) {
  const prng = createPrng(`chaos-faults/${opts.seed}`);
  const log: FaultLog = {
    workerKills: 0,
    webKills: 0,
    redisKills: 0,
    postgresRestarts: 0,
    smtpDownMs: 0,
    rateLimitEpisodes: 0,
  };
  const actions: { at: number; act: () => Promise<void> }[] = [];
  const spread = (n: number, offset: number, act: () => Promise<void>) => {
    for (let k = 1; k <= n; k++) actions.push({ at: Math.min(0.9, (k - 1 + offset) / n), act });
  };
  spread(f.workerKills, 0.3, async () => {
    await w.supervisor.killAndRestart(prng.pick(opts.workers), 500);
    log.workerKills++;
  });
  spread(f.webKills, 0.5, async () => {
    await w.supervisor.killAndRestart('web', 500);
    log.webKills++;
  });
  spread(f.redisKills, 0.4, async () => {
    await w.redis!.kill(prng.int(1000, 3000));
    log.redisKills++;
  });
  spread(f.postgresRestarts, 0.6, async () => {
    await w.pg!.restart('immediate', f.postgresDownMs);
    log.postgresRestarts++;
  });
  actions.sort((a, b) => a.at - b.at);
  let stopped = false;
  const ordered = (async () => {
    for (const action of actions) {
      await pollUntil(async () => (await progress()) >= action.at, opts.timeoutMs);
      await action.act();
      await sleep(300);
    }
  })();
  const smtp = (async () => {
    if (f.smtpOutageMs <= 0) return;
    await pollUntil(async () => (await progress()) >= 0.33, opts.timeoutMs);
    await w.smtp.stop();
    await sleep(f.smtpOutageMs);
    await w.smtp.start();
    log.smtpDownMs = f.smtpOutageMs;
  })();
  const rateLimits = (async () => {
    if (f.rateLimitRate <= 0) return;
    let on = false;
    while (!stopped) {
      const leftMs = WINDOW_MS - (Date.now() % WINDOW_MS);
      // Off again 5 s before the turn: a 429 that arrives after it would block for a whole window.
      const want = leftMs <= f.rateLimitLeadMs && leftMs > RATE_LIMIT_MARGIN_MS;
      if (want !== on) {
        w.emu.control.setFailures({ rateLimitRate: want ? f.rateLimitRate : 0 });
        if (want) log.rateLimitEpisodes++;
        on = want;
      }
      await sleep(500);
    }
    w.emu.control.setFailures({ rateLimitRate: 0 });
  })();
  w.emu.control.setFailures({
    errorRate: f.strava.errorRate,
    errorStatuses: [500, 502, 503],
    timeoutRate: f.strava.timeoutRate,
    latencyMs: f.strava.latencyMs,
  });
  return {
    log,
    /** Resolves when the kills, crashes and the SMTP outage are over. */
    done: Promise.all([ordered, smtp]),
    /** Ends the 429 episodes and the Strava faults (call before checking). */
    async stop() {
      stopped = true;
      await rateLimits;
      w.emu.control.setFailures({ errorRate: 0, timeoutRate: 0, latencyMs: 0, rateLimitRate: 0 });
    },
  };
}

export function describeFaults(l: FaultLog): string {
  return `${l.workerKills} worker SIGKILLs, ${l.webKills} web SIGKILLs, ${l.redisKills} Redis SIGKILLs (AOF always), ${l.postgresRestarts} PostgreSQL crash-restarts, SMTP down ${Math.round(l.smtpDownMs / 1000)} s, ${l.rateLimitEpisodes} Strava 429 episode(s)`;
}
