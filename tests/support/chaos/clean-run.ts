import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { loadConfig } from '../../../services/config';
import type { Deps } from '../../../services/deps';
import { createLogger } from '../../../services/logger';
import { buildDeps, closeDeps } from '../../../services/runtime';
import type { StravaEmulator, WorldTruth } from '../../../tools/strava-emulator';
import { recomputeAthlete } from '../../../services/training/recompute-athlete';
import { run as syncActivity } from '../../../workers/jobs/sync-activity';
import { dropQueueKeys } from '../redis-cleanup';
import { adminUrl } from '../test-env';
import { connectEmulatedAthlete } from './chaos-world';

/** Derived numbers keyed by Strava ids, so two databases (different athlete uuids) compare row by row. */
export interface DerivedNumbers {
  /** `<activity id>` -> "local_date load method". */
  metrics: Map<string, string>;
  /** `<strava athlete id> <day>` -> "load ctl atl tsb" (9 decimals). */
  series: Map<string, string>;
}

const METRICS_SQL = `select m.activity_id::text as k,
  concat_ws(' ', m.local_date, round(m.load::numeric, 9), m.method) as v
  from activity_metric m`;
const SERIES_SQL = `select a.strava_athlete_id::text || ' ' || s.day::text as k,
  concat_ws(' ', round(s.load::numeric, 9), round(s.ctl::numeric, 9), round(s.atl::numeric, 9), round(s.tsb::numeric, 9)) as v
  from daily_series s join athlete a on a.id = s.athlete_id`;

/** Reads the derived numbers of a service database (the chaos run's or the clean run's). */
export async function readDerivedNumbers(db: Deps['db']): Promise<DerivedNumbers> {
  const read = async (sql: string) => {
    const { rows } = await db.query<{ k: string; v: string }>(sql);
    return new Map(rows.map((r) => [r.k, r.v]));
  };
  return { metrics: await read(METRICS_SQL), series: await read(SERIES_SQL) };
}

/**
 * The expected derived numbers: an independent, fault-free run on a database of its own, fed from the
 * emulator's world (never from the rows under test). Every athlete that still authorizes the app is
 * connected afresh with the scopes it granted in the chaos run, each activity the world holds is synced
 * once in plain order (the real sync-activity job, in this process, no queue, no faults), and each
 * athlete is then computed from its first activity. What a chaos run stored must equal this.
 */
export async function cleanRun(o: {
  emu: StravaEmulator;
  emuUrl: string;
  truth: WorldTruth;
  athletes: { stravaId: number; scopes: string[] }[];
  /** A Redis for the rate budget (a key prefix of its own, removed afterwards). */
  redisUrl: string;
}): Promise<DerivedNumbers> {
  const { emu, truth, redisUrl } = o;
  const dbName = `kwclean_${Date.now()}_${randomUUID().slice(0, 6)}`;
  const admin = adminUrl();
  const prefix = `kwclean-${randomUUID().slice(0, 8)}`;
  await withAdmin(admin, (p) => p.query(`create database ${dbName}`));
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: admin.replace(/\/[^/]*$/, `/${dbName}`),
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    STRAVA_BASE_URL: o.emuUrl,
    STRAVA_CLIENT_ID: '1000',
    STRAVA_CLIENT_SECRET: 'emulator-client-secret',
    SMTP_URL: 'smtp://127.0.0.1:1',
    LOG_LEVEL: 'warn',
    DB_POOL_MAX: '4',
  };
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const deps = await buildDeps(loadConfig(env), createLogger('warn', quiet), { migrate: true });
  try {
    const still = o.athletes.filter((a) => truth.athletes.find((t) => t.id === a.stravaId)?.scopes);
    for (const a of still) await feedAthlete(deps, emu, truth, a);
    return await readDerivedNumbers(deps.db);
  } finally {
    await closeDeps(deps);
    await dropQueueKeys(redisUrl, prefix);
    await withAdmin(admin, (p) => p.query(`drop database if exists ${dbName} with (force)`));
  }
}

async function feedAthlete(
  deps: Deps,
  emu: StravaEmulator,
  truth: WorldTruth,
  a: { stravaId: number; scopes: string[] },
): Promise<void> {
  const { athleteId } = await connectEmulatedAthlete(deps, emu, a.stravaId, a.scopes);
  const held = truth.activities.filter((t) => t.athleteId === a.stravaId && t.visible);
  const log = deps.logger.child({ cleanRun: true });
  let next = 0;
  const lane = async () => {
    while (next < held.length) {
      const activityId = held[next++]!.id.toString();
      await syncActivity({ athleteId, activityId, reason: 'backfill' }, deps, {
        jobId: `clean-${activityId}`,
        attemptsMade: 0,
        log,
      });
    }
  };
  await Promise.all([lane(), lane(), lane(), lane()]);
  const { rows } = await deps.db.query<{ first: string | null }>(
    `select min(local_date)::text as first from activity where athlete_id = $1`,
    [athleteId],
  );
  const first = rows[0]?.first;
  if (first) await recomputeAthlete(deps, { athleteId, fromDate: first, recomputeActivities: true });
}

async function withAdmin(url: string, fn: (p: Pool) => Promise<unknown>): Promise<void> {
  const p = new Pool({ connectionString: url, max: 1 });
  try {
    await fn(p);
  } finally {
    await p.end();
  }
}
