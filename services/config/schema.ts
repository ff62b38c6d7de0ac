import { isIP } from 'node:net';
import { z } from 'zod';

/** A development-only key so `npm start` works out of the box; production refuses to run with it. */
export const DEV_TOKEN_ENCRYPTION_KEY = 'dev:ZGV2LW9ubHkta2V5LW5vdC1mb3ItcHJvZHVjdGlvbiE=';
export const DEV_SESSION_SECRET = 'dev-only-session-secret-change-me-in-production';

const boolFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const intIn = (min: number, max: number) =>
  z.coerce
    .number({ error: `must be a whole number from ${min} to ${max}` })
    .int({ error: `must be a whole number from ${min} to ${max}` })
    .min(min, { error: `must be a whole number from ${min} to ${max}` })
    .max(max, { error: `must be a whole number from ${min} to ${max}` });
const url = (protocols: string[]) =>
  z.string().refine((v) => URL.canParse(v) && protocols.some((p) => v.startsWith(`${p}://`)), {
    error: `must be a ${protocols.join(' or ')} URL, e.g. ${protocols[0]}://host:port`,
  });

/**
 * Every environment variable Kneadwise reads, with its default and meaning. The README's configuration
 * table and .env.example list the same names (a test keeps the three in step). `describe()` texts are
 * the one-line documentation.
 */
export const envSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('development, test or production; production requires real secrets'),
  PORT: intIn(0, 65535).default(3000).describe('HTTP port of the web process'),
  PUBLIC_URL: url(['http', 'https'])
    .default('http://localhost:3000')
    .describe(
      'Public base URL (links in emails, OAuth redirect, webhook callback); https turns on Secure cookies',
    ),
  DATABASE_URL: url(['postgres', 'postgresql'])
    .default('postgres://kneadwise@127.0.0.1:5432/kneadwise')
    .describe('PostgreSQL 14+ connection URL; the database is created on start outside production'),
  REDIS_URL: url(['redis', 'rediss'])
    .default('redis://127.0.0.1:6379')
    .describe('Redis 6.2+ URL; must use maxmemory-policy noeviction'),
  SMTP_URL: url(['smtp', 'smtps'])
    .default('smtp://127.0.0.1:1025')
    .describe('SMTP server for alert emails (mailpit in docker compose)'),
  MAIL_FROM: z
    .string()
    .min(3)
    .regex(/^[^\r\n]+$/, 'must be one line')
    .default('Kneadwise <kneadwise@localhost>')
    .describe('From address of every email'),
  STRAVA_BASE_URL: url(['http', 'https'])
    .default('https://www.strava.com')
    .describe('Strava (or the built-in emulator); OAuth under /oauth, API under /api/v3'),
  STRAVA_CLIENT_ID: z
    .string()
    .regex(/^\d+$/, 'must be the numeric client id of your Strava app')
    .optional()
    .describe('Strava app client id (required in production)'),
  STRAVA_CLIENT_SECRET: z
    .string()
    .min(1)
    .optional()
    .describe('Strava app client secret (required in production)'),
  STRAVA_VERIFY_TOKEN: z
    .string()
    .min(8, 'must be at least 8 characters')
    .default('kneadwise-dev-verify-token')
    .describe('Secret echoed in the webhook subscription handshake'),
  STRAVA_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{24,128}$/, 'must be 24 to 128 characters of A-Z a-z 0-9 _ -')
    .optional()
    .describe(
      'Unguessable path segment of the webhook callback URL; unset: strava:subscribe generates and stores one',
    ),
  STRAVA_WEBHOOK_ATHLETE_LIMIT: intIn(1, 1000)
    .default(10)
    .describe(
      'Webhook events per athlete per 15 min that each trigger a Strava check; more fold into one listing',
    ),
  STRAVA_WEBHOOK_BUDGET_SHARE: z.coerce
    .number({ error: 'must be a number from 0.05 to 1' })
    .min(0.05, { error: 'must be a number from 0.05 to 1' })
    .max(1, { error: 'must be a number from 0.05 to 1' })
    .default(0.3)
    .describe("Share of Strava's 15-minute read limit that webhook-triggered checks may spend"),
  STRAVA_WEBHOOK_SOURCE_LIMIT: intIn(10, 1_000_000)
    .default(3000)
    .describe('Webhook POSTs accepted per source IP per minute; more get 429'),
  STRAVA_BACKFILL_DAYS: intIn(0, 3650)
    .default(180)
    .describe('Days of history imported when an athlete connects'),
  STRAVA_RAW_RETENTION_DAYS: intIn(1, 7)
    .default(7)
    .describe('Days raw Strava data (details, streams) is kept; derived numbers stay'),
  WEBHOOK_INBOX_RETENTION_DAYS: intIn(1, 7)
    .default(7)
    .describe(
      'Days a processed (done, dropped or failed) webhook inbox row is kept before the hourly purge deletes it',
    ),
  TOKEN_ENCRYPTION_KEY: z
    .string()
    .regex(
      /^([A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=)(,[A-Za-z0-9_-]+:[A-Za-z0-9+/]{43}=)*$/,
      "must be \"keyId:base64-32-bytes\", comma-separated for rotation (first one encrypts); make one with: node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"",
    )
    .optional()
    .describe('AES-256-GCM keys for Strava tokens at rest: keyId:base64 (required in production)'),
  SESSION_SECRET: z
    .string()
    .min(32, 'must be at least 32 characters')
    .optional()
    .describe('Secret that signs session cookies (required in production)'),
  SESSION_IDLE_TIMEOUT_S: intIn(1, 86400)
    .default(1800)
    .describe('Signed-in sessions end after this many seconds without a request (ASVS 7.3.1)'),
  SESSION_ABSOLUTE_TIMEOUT_S: intIn(60, 30 * 86400)
    .default(43200)
    .describe('Signed-in sessions end this many seconds after login, however active (ASVS 7.3.2)'),
  LOGIN_IP_ATTEMPTS: intIn(5, 100_000)
    .default(100)
    .describe('Sign-in attempts one client IP may make per 15 minutes, whatever the account (ASVS 6.3.1)'),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('pino log level'),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/, 'lowercase letters, digits, - and _ only')
    .default('kneadwise')
    .describe('Redis key prefix of every queue'),
  WORKER_CONCURRENCY: intIn(1, 64).default(4).describe('Jobs one worker process runs at once per queue'),
  DB_POOL_MAX: intIn(1, 200).default(10).describe('PostgreSQL connections per process'),
  DB_STATEMENT_TIMEOUT_MS: intIn(100, 600000).default(15000).describe('PostgreSQL statement timeout'),
  STARTUP_TIMEOUT_MS: intIn(0, 600000)
    .default(30000)
    .describe('How long start waits for PostgreSQL and Redis before giving up'),
  SHUTDOWN_TIMEOUT_MS: intIn(100, 600000)
    .default(10000)
    .describe('Grace period for in-flight requests and jobs on SIGTERM'),
  METRICS_ENABLED: boolFlag.default(true).describe('Serve Prometheus metrics at /metrics'),
  METRICS_TOKEN: z
    .string()
    .min(32, 'must be at least 32 characters, e.g. openssl rand -base64 32')
    .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
    .optional()
    .describe(
      'Bearer token for /metrics and the /readyz details; unset: open outside production, refused in production',
    ),
  TRUST_PROXY: z
    .string()
    .refine(isTrustProxy, {
      error: 'must be none, loopback, a hop count 1-10, or a comma-separated list of proxy IPs/CIDRs',
    })
    .default('loopback')
    .describe(
      'Reverse proxies whose X-Forwarded-For is believed (client IP for rate limits): none, loopback, hops, or IPs/CIDRs',
    ),
});

const PROXY_NAMES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/** none | loopback | 1-10 (hops) | list of names, addresses and CIDRs (what Express's `trust proxy` takes). */
function isTrustProxy(v: string): boolean {
  if (v === 'none' || /^(10|[1-9])$/.test(v)) return true;
  return v.split(',').every((part) => {
    const [addr = '', bits, extra] = part.trim().split('/');
    if (extra !== undefined) return false;
    if (PROXY_NAMES.has(addr) && bits === undefined) return true;
    const family = isIP(addr);
    if (family === 0) return false;
    return bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128));
  });
}

export type EnvInput = z.input<typeof envSchema>;
