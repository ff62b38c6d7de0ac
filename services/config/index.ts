import type { z } from 'zod';
import { withLocalEnv } from './local-env';
import { DEV_STRAVA_CLIENT_SECRET, productionSecretProblems } from './known-secrets';
import { DEV_SESSION_SECRET, DEV_TOKEN_ENCRYPTION_KEY, envSchema } from './schema';

export { envSchema } from './schema';
export { withLocalEnv } from './local-env';

export interface Config {
  env: 'development' | 'test' | 'production';
  port: number;
  publicUrl: string;
  secureCookies: boolean;
  databaseUrl: string;
  redisUrl: string;
  smtpUrl: string;
  mailFrom: string;
  strava: {
    baseUrl: string;
    clientId: string;
    clientSecret: string;
    verifyToken: string;
    backfillDays: number;
    rawRetentionDays: number;
    inboxRetentionDays: number;
    /** Configured webhook path secret; null: the one stored with the subscription. */
    webhookSecret: string | null;
    webhookAthleteLimit: number;
    webhookBudgetShare: number;
    webhookSourceLimitPerMin: number;
  };
  tokenEncryptionKeys: string;
  sessionSecret: string;
  sessionIdleTimeoutMs: number;
  sessionAbsoluteTimeoutMs: number;
  /** Sign-in attempts per client IP per 15 minutes. */
  loginIpAttempts: number;
  logLevel: string;
  queuePrefix: string;
  workerConcurrency: number;
  dbPoolMax: number;
  dbStatementTimeoutMs: number;
  startupTimeoutMs: number;
  shutdownTimeoutMs: number;
  metricsEnabled: boolean;
  /** Bearer token of /metrics and the /readyz details; null: open outside production, off in it. */
  metricsToken: string | null;
  /** Express `trust proxy`: false, a hop count, or a list of proxy names/addresses/CIDRs. */
  trustProxy: boolean | number | string;
}

/** Thrown with one readable message naming every bad variable; the process entry prints it and exits 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

const PRODUCTION_SECRETS = [
  'STRAVA_CLIENT_ID',
  'STRAVA_CLIENT_SECRET',
  'TOKEN_ENCRYPTION_KEY',
  'SESSION_SECRET',
] as const;
/** Never echoed in error messages. URLs may carry passwords too. */
const SECRET_NAMES = new Set([
  'STRAVA_CLIENT_SECRET',
  'STRAVA_VERIFY_TOKEN',
  'TOKEN_ENCRYPTION_KEY',
  'SESSION_SECRET',
  'DATABASE_URL',
  'REDIS_URL',
  'SMTP_URL',
  'METRICS_TOKEN',
]);

/**
 * Parses the environment once, at start. Every variable has a safe local default except the production
 * secrets, which NODE_ENV=production requires. Throws ConfigError listing every problem at once. By
 * default the environment over .env.local (where the setup step keeps the database password).
 */
export function loadConfig(env: NodeJS.ProcessEnv = withLocalEnv(process.env)): Config {
  const raw = Object.fromEntries(Object.keys(envSchema.shape).map((k) => [k, emptyToUndefined(env[k])]));
  const parsed = envSchema.safeParse(raw);
  const problems: string[] = [];
  if (!parsed.success) {
    const seen = new Set<string>();
    for (const issue of parsed.error.issues) {
      const name = String(issue.path[0]);
      if (seen.has(name)) continue;
      seen.add(name);
      const shown = SECRET_NAMES.has(name) ? 'value hidden' : `got ${JSON.stringify(raw[name])}`;
      problems.push(`  ${name}: ${issue.message} (${shown})`);
    }
  }
  const e = parsed.success ? parsed.data : undefined;
  if (raw.NODE_ENV === 'production') {
    for (const name of PRODUCTION_SECRETS) {
      if (raw[name] === undefined) problems.push(`  ${name}: required when NODE_ENV=production`);
    }
    if (raw.STRAVA_VERIFY_TOKEN === undefined)
      problems.push('  STRAVA_VERIFY_TOKEN: required when NODE_ENV=production');
    // Development defaults are public (source, .env.example): with them anyone could forge email links,
    // sessions or Strava handshakes, so production refuses them and anything guessable.
    problems.push(...productionSecretProblems(raw));
  }
  if (problems.length > 0 || !e) {
    throw new ConfigError(
      `Invalid configuration:\n${problems.join('\n')}\nSee README.md "Configuration" or .env.example.`,
    );
  }
  return toConfig(e);
}

function toConfig(e: z.output<typeof envSchema>): Config {
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    publicUrl: e.PUBLIC_URL.replace(/\/+$/, ''),
    secureCookies: e.PUBLIC_URL.startsWith('https://'),
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    smtpUrl: e.SMTP_URL,
    mailFrom: e.MAIL_FROM,
    strava: {
      baseUrl: e.STRAVA_BASE_URL.replace(/\/+$/, ''),
      // Development defaults match the built-in emulator's registered app.
      clientId: e.STRAVA_CLIENT_ID ?? '1000',
      clientSecret: e.STRAVA_CLIENT_SECRET ?? DEV_STRAVA_CLIENT_SECRET,
      verifyToken: e.STRAVA_VERIFY_TOKEN,
      backfillDays: e.STRAVA_BACKFILL_DAYS,
      rawRetentionDays: e.STRAVA_RAW_RETENTION_DAYS,
      inboxRetentionDays: e.WEBHOOK_INBOX_RETENTION_DAYS,
      webhookSecret: e.STRAVA_WEBHOOK_SECRET ?? null,
      webhookAthleteLimit: e.STRAVA_WEBHOOK_ATHLETE_LIMIT,
      webhookBudgetShare: e.STRAVA_WEBHOOK_BUDGET_SHARE,
      webhookSourceLimitPerMin: e.STRAVA_WEBHOOK_SOURCE_LIMIT,
    },
    tokenEncryptionKeys: e.TOKEN_ENCRYPTION_KEY ?? DEV_TOKEN_ENCRYPTION_KEY,
    sessionSecret: e.SESSION_SECRET ?? DEV_SESSION_SECRET,
    sessionIdleTimeoutMs: e.SESSION_IDLE_TIMEOUT_S * 1000,
    sessionAbsoluteTimeoutMs: e.SESSION_ABSOLUTE_TIMEOUT_S * 1000,
    loginIpAttempts: e.LOGIN_IP_ATTEMPTS,
    logLevel: e.LOG_LEVEL,
    queuePrefix: e.QUEUE_PREFIX,
    workerConcurrency: e.WORKER_CONCURRENCY,
    dbPoolMax: e.DB_POOL_MAX,
    dbStatementTimeoutMs: e.DB_STATEMENT_TIMEOUT_MS,
    startupTimeoutMs: e.STARTUP_TIMEOUT_MS,
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    metricsEnabled: e.METRICS_ENABLED,
    metricsToken: e.METRICS_TOKEN ?? null,
    trustProxy: trustProxyOf(e.TRUST_PROXY),
  };
}

function trustProxyOf(v: string): boolean | number | string {
  if (v === 'none') return false;
  return /^\d+$/.test(v) ? Number(v) : v;
}

function emptyToUndefined(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
