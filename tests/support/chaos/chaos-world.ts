import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { withTransaction } from '../../../db/pool';
import { upsertConnectedAthlete } from '../../../db/queries/athletes';
import { loadConfig } from '../../../services/config';
import type { Deps } from '../../../services/deps';
import { createLogger } from '../../../services/logger';
import { buildDeps, closeDeps } from '../../../services/runtime';
import {
  createStravaEmulator,
  type StravaEmulator,
  type StravaEmulatorOptions,
} from '../../../tools/strava-emulator';
import { exchangeCode } from '../../../services/strava/oauth';
import { parseKeyring } from '../../../services/strava/token-crypto';
import { storeGrant } from '../../../services/strava/token-store';
import { dropQueueKeys } from '../redis-cleanup';
import { startSmtpSink, type SmtpSink } from '../smtp-sink';
import { adminUrl } from '../test-env';
import { startPrivatePostgres, type PrivatePostgres } from './private-postgres';
import { startPrivateRedis, type PrivateRedis } from './private-redis';
import { ServiceSupervisor } from './service-supervisor';

const CLIENT = { id: '1000', secret: 'emulator-client-secret' };
export const SUBSCRIPTION_ID = 777_001;
const NO_LIMITS = { overall15Min: 1e9, overallDaily: 1e9, read15Min: 1e9, readDaily: 1e9 };

export interface ChaosWorldOptions {
  /** Run PostgreSQL as a private cluster (needed to restart it); default: a fresh database on the shared one. */
  privatePostgres?: boolean;
  emulator?: StravaEmulatorOptions;
  /** Extra environment of the service processes. */
  env?: Record<string, string>;
  /** Use this Redis (e.g. the bench's REDIS_URL) instead of starting a private, restartable one. */
  externalRedisUrl?: string;
  /** Admin URL of the PostgreSQL to create the database on (default: the tests' shared one). */
  postgresAdminUrl?: string;
}

/**
 * Everything real for one chaos run: the Strava emulator over HTTP (no rate limits unless asked), a
 * private Redis (restartable), a database of our own (optionally on a private, restartable PostgreSQL),
 * a real SMTP sink, and a supervisor that runs the actual service processes against them. `deps` is
 * this process's own connection to the same database and Redis, for setup and the invariant checks.
 */
export interface ConnectedAthlete {
  stravaId: number;
  athleteId: string;
  email: string;
  scopes: string[];
}

export const FULL_SCOPES = ['read', 'activity:read_all', 'profile:read_all'];

export interface ChaosWorld {
  emu: StravaEmulator;
  emuUrl: string;
  /** The private Redis; null when `externalRedisUrl` was given (then it cannot be restarted). */
  redis: PrivateRedis | null;
  pg: PrivatePostgres | null;
  smtp: SmtpSink;
  deps: Deps;
  supervisor: ServiceSupervisor;
  /** Environment every service process gets. */
  serviceEnv: Record<string, string>;
  /**
   * Creates an emulated athlete, connects it the way OAuth does, gives it a confirmed email. `scopes`
   * defaults to full access; without activity:read_all its private activities must never be stored.
   */
  connectAthlete(seed: number, scopes?: string[]): Promise<ConnectedAthlete>;
  /** Every athlete connected so far, by Strava id: the checker needs the ids of deleted ones too. */
  connected: Map<number, ConnectedAthlete>;
  close(): Promise<void>;
}

/** The webhook path secret of chaos worlds: events go to `${webUrl}${CHAOS_WEBHOOK_PATH}`. */
export const CHAOS_WEBHOOK_SECRET = 'chaos-webhook-secret-0123456789abcdef';
export const CHAOS_WEBHOOK_PATH = `/strava/webhook/${CHAOS_WEBHOOK_SECRET}`;

export async function createChaosWorld(opts: ChaosWorldOptions = {}): Promise<ChaosWorld> {
  const emu = createStravaEmulator({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    warmCache: false,
    rateLimits: NO_LIMITS,
    ...opts.emulator,
  });
  const { url: emuUrl } = await emu.start();
  const redis = opts.externalRedisUrl ? null : await startPrivateRedis();
  const pg = opts.privatePostgres ? await startPrivatePostgres() : null;
  const smtp = await startSmtpSink();
  const dbName = `kwchaos_${Date.now()}_${randomUUID().slice(0, 6)}`;
  const admin = opts.postgresAdminUrl ?? adminUrl();
  const databaseUrl = pg ? pg.urlFor(dbName) : admin.replace(/\/[^/]*$/, `/${dbName}`);
  const serviceEnv: Record<string, string> = {
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    REDIS_URL: redis?.url ?? opts.externalRedisUrl ?? '',
    QUEUE_PREFIX: `kwchaos-${randomUUID().slice(0, 8)}`,
    STRAVA_BASE_URL: emuUrl,
    STRAVA_CLIENT_ID: CLIENT.id,
    STRAVA_CLIENT_SECRET: CLIENT.secret,
    SMTP_URL: smtp.url,
    LOG_LEVEL: 'warn',
    WORKER_CONCURRENCY: '4',
    STARTUP_TIMEOUT_MS: '60000',
    // These worlds test reliability, not forgery: every event is Strava's, none is folded.
    STRAVA_WEBHOOK_SECRET: CHAOS_WEBHOOK_SECRET,
    STRAVA_WEBHOOK_ATHLETE_LIMIT: '1000',
    STRAVA_WEBHOOK_BUDGET_SHARE: '1',
    ...opts.env,
  };
  const quiet = new Writable({ write: (_c, _e, cb) => cb() });
  const deps = await buildDeps(loadConfig({ ...serviceEnv, DB_POOL_MAX: '4' }), createLogger('warn', quiet), {
    migrate: true,
  });
  const supervisor = new ServiceSupervisor(serviceEnv);
  await deps.db.query('insert into strava_subscription (id, callback_url) values ($1, $2)', [
    SUBSCRIPTION_ID,
    'http://127.0.0.1/strava/webhook',
  ]);
  const connected = new Map<number, ConnectedAthlete>();
  return {
    emu,
    emuUrl,
    redis,
    pg,
    smtp,
    deps,
    supervisor,
    serviceEnv,
    connected,
    async connectAthlete(seed, scopes = FULL_SCOPES) {
      const stravaId = emu.control.createAthlete({
        profile: 'trail-runner',
        seed,
        athlete: { timezoneIana: 'UTC' },
      }).id;
      const a = await connectEmulatedAthlete(deps, emu, stravaId, scopes);
      connected.set(stravaId, a);
      return a;
    },
    async close() {
      await supervisor.stopAll();
      await closeDeps(deps);
      await emu.stop();
      await smtp.stop();
      if (redis) await redis.destroy();
      else await dropQueueKeys(serviceEnv.REDIS_URL!, serviceEnv.QUEUE_PREFIX!);
      if (pg) await pg.destroy();
      else await dropDatabase(admin, dbName);
    },
  };
}

/** Connects an existing emulated athlete to the service behind `deps` (OAuth code exchange, stored grant). */
export async function connectEmulatedAthlete(
  deps: Deps,
  emu: StravaEmulator,
  stravaId: number,
  scopes: string[],
): Promise<ConnectedAthlete> {
  const grant = await exchangeCode(deps, emu.control.authorize({ athleteId: stravaId, scopes }));
  const email = `chaos-${stravaId}@example.com`;
  const athleteId = await withTransaction(deps.db, async (tx) => {
    const { athlete } = await upsertConnectedAthlete(tx, {
      stravaAthleteId: grant.athlete.id,
      firstname: grant.athlete.firstname,
      lastname: grant.athlete.lastname,
      sex: grant.athlete.sex,
      grantedScopes: scopes.join(','),
      connectionState: 'connected',
    });
    await storeGrant(tx, parseKeyring(deps.config.tokenEncryptionKeys), athlete.id, grant, scopes.join(','));
    // A confirmed address and no quiet hours or rate cap: every alert is mailed at once (test setup).
    await tx.query(`update app_user set email = $2, email_confirmed_at = now() where id = $1`, [
      athlete.userId,
      email,
    ]);
    await tx.query(`update athlete set notification_prefs = $2, time_zone = 'UTC' where id = $1`, [
      athlete.id,
      JSON.stringify({ quietHours: null, maxOnePerHours: 0 }),
    ]);
    return athlete.id;
  });
  return { stravaId, athleteId, email, scopes };
}

async function dropDatabase(adminDbUrl: string, name: string): Promise<void> {
  const admin = new Pool({ connectionString: adminDbUrl, max: 1 });
  await admin.query(`drop database if exists ${name} with (force)`).finally(() => admin.end());
}
