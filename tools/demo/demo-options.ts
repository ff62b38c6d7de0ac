import { parseArgs } from 'node:util';

/** Everything `npm run demo` can be told, from flags first, then environment variables, then defaults. */
export interface DemoOptions {
  /** Kneadwise's HTTP port (flag --port, env PORT). */
  appPort: number;
  /** The built-in Strava emulator's port (--strava-port, DEMO_STRAVA_PORT). */
  stravaPort: number;
  /** The mail catcher's SMTP port (--smtp-port, DEMO_SMTP_PORT) and web page port (--mail-port, DEMO_MAIL_PORT). */
  smtpPort: number;
  mailWebPort: number;
  /** Dropped and recreated on every run, so its name must contain "demo" (DEMO_DATABASE_URL). */
  databaseUrl: string;
  redisUrl: string;
  /** Redis key prefix of the demo's queues; every key under it is deleted on start (DEMO_QUEUE_PREFIX). */
  queuePrefix: string;
  /** Seconds between two live-feed activities (--feed-interval-s, DEMO_FEED_INTERVAL_S); 0 = no feed. */
  feedIntervalS: number;
  /** Days of generated history per athlete, also the import window (--history-days, DEMO_HISTORY_DAYS). */
  historyDays: number;
  /** Seed of the emulator's athletes and history (--seed, DEMO_SEED). */
  seed: string;
  logLevel: string;
}

/** A bad flag or value: main prints the message with the usage and exits 2. */
export class DemoUsageError extends Error {
  override name = 'DemoUsageError';
}

export const DEMO_USAGE = `Usage: npm run demo -- [--port 3000] [--strava-port 8099] [--smtp-port 1025] [--mail-port 8025]
                       [--feed-interval-s 60] [--history-days 180] [--seed 42]
Environment: PORT, DEMO_STRAVA_PORT, DEMO_SMTP_PORT, DEMO_MAIL_PORT, DEMO_FEED_INTERVAL_S, DEMO_HISTORY_DAYS, DEMO_SEED,
  DEMO_DATABASE_URL (default: DATABASE_URL's server, database kneadwise_demo; reset on every run),
  DEMO_QUEUE_PREFIX (default kneadwise-demo), REDIS_URL (default redis://127.0.0.1:6379), LOG_LEVEL (default warn).`;

/** The kneadwise role the setup step creates; its password comes with DATABASE_URL from .env.local. */
const DEFAULT_DATABASE_URL = 'postgres://kneadwise@127.0.0.1:5432/kneadwise_demo';

function pick(flag: string | undefined, env: string | undefined, fallback: string): string {
  if (flag !== undefined) return flag;
  return env !== undefined && env.trim() !== '' ? env.trim() : fallback;
}

function port(name: string, raw: string): number {
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < 1 || n > 65535) {
    throw new DemoUsageError(`${name} must be a port number from 1 to 65535, got ${JSON.stringify(raw)}`);
  }
  return n;
}

/**
 * The demo database: DEMO_DATABASE_URL, else DATABASE_URL's server with the database `kneadwise_demo`
 * (a real install's database is never the demo's), else the local default. The demo drops it on every
 * start, so a name without "demo" is refused: no typo can wipe a real install.
 */
function demoDatabaseUrl(env: NodeJS.ProcessEnv): string {
  let raw = env.DEMO_DATABASE_URL?.trim() || undefined;
  if (!raw && env.DATABASE_URL?.trim() && URL.canParse(env.DATABASE_URL.trim())) {
    const u = new URL(env.DATABASE_URL.trim());
    u.pathname = '/kneadwise_demo';
    raw = u.toString();
  }
  const value = raw ?? DEFAULT_DATABASE_URL;
  if (!URL.canParse(value) || !/^postgres(ql)?:\/\//.test(value)) {
    throw new DemoUsageError('DEMO_DATABASE_URL must be a postgres:// URL');
  }
  const name = decodeURIComponent(new URL(value).pathname.slice(1));
  if (!/demo/i.test(name)) {
    throw new DemoUsageError(
      `DEMO_DATABASE_URL names the database "${name}", but the demo deletes its database on every start: use a name containing "demo", e.g. kneadwise_demo`,
    );
  }
  return value;
}

/** Parses flags (argv without node and script) and the environment. Throws DemoUsageError. */
export function parseDemoOptions(argv: string[], env: NodeJS.ProcessEnv): DemoOptions {
  let values: Record<string, string | undefined>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      options: {
        port: { type: 'string' },
        'strava-port': { type: 'string' },
        'smtp-port': { type: 'string' },
        'mail-port': { type: 'string' },
        'feed-interval-s': { type: 'string' },
        'history-days': { type: 'string' },
        seed: { type: 'string' },
      },
    }).values;
  } catch (err) {
    throw new DemoUsageError((err as Error).message);
  }
  const feed = pick(values['feed-interval-s'], env.DEMO_FEED_INTERVAL_S, '60');
  if (!/^\d+$/.test(feed) || Number(feed) > 86_400) {
    throw new DemoUsageError(
      `the feed interval must be whole seconds from 0 to 86400, got ${JSON.stringify(feed)}`,
    );
  }
  const days = pick(values['history-days'], env.DEMO_HISTORY_DAYS, '180');
  if (!/^\d+$/.test(days) || Number(days) < 1 || Number(days) > 365) {
    throw new DemoUsageError(`the history must be whole days from 1 to 365, got ${JSON.stringify(days)}`);
  }
  const prefix = pick(undefined, env.DEMO_QUEUE_PREFIX, 'kneadwise-demo');
  if (!/^[a-z0-9_-]+$/.test(prefix)) {
    throw new DemoUsageError('DEMO_QUEUE_PREFIX may use lowercase letters, digits, - and _ only');
  }
  const redisUrl = pick(undefined, env.REDIS_URL, 'redis://127.0.0.1:6379');
  if (!URL.canParse(redisUrl) || !/^rediss?:\/\//.test(redisUrl)) {
    throw new DemoUsageError('REDIS_URL must be a redis:// URL');
  }
  return {
    appPort: port('--port / PORT', pick(values.port, env.PORT, '3000')),
    stravaPort: port(
      '--strava-port / DEMO_STRAVA_PORT',
      pick(values['strava-port'], env.DEMO_STRAVA_PORT, '8099'),
    ),
    smtpPort: port('--smtp-port / DEMO_SMTP_PORT', pick(values['smtp-port'], env.DEMO_SMTP_PORT, '1025')),
    mailWebPort: port('--mail-port / DEMO_MAIL_PORT', pick(values['mail-port'], env.DEMO_MAIL_PORT, '8025')),
    databaseUrl: demoDatabaseUrl(env),
    redisUrl,
    queuePrefix: prefix,
    feedIntervalS: Number(feed),
    historyDays: Number(days),
    seed: pick(values.seed, env.DEMO_SEED, '42'),
    logLevel: pick(undefined, env.LOG_LEVEL, 'warn'),
  };
}
