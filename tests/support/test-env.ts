import { readLocalEnv } from '../../services/config/local-env';

/**
 * Where the test suite finds PostgreSQL and Redis (override with TEST_PG_URL / TEST_REDIS_URL). Without
 * TEST_PG_URL: the one in .env.local (the setup step writes it when postgres needs a password on TCP,
 * e.g. Debian's default scram-sha-256: then the tests use the kneadwise role), else postgres with trust.
 */
// KW_TEMPLATE_DB lets concurrent Jest runs on one PostgreSQL keep separate templates (one run's teardown
// would otherwise drop the template another run is cloning).
export const TEMPLATE_DB = process.env.KW_TEMPLATE_DB ?? 'kwtest_template';

export function adminUrl(): string {
  return (
    process.env.TEST_PG_URL ?? readLocalEnv().TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres'
  );
}

export function databaseUrl(name: string): string {
  const u = new URL(adminUrl());
  u.pathname = `/${name}`;
  return u.toString();
}

export function redisUrl(): string {
  return process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
}

/** The webhook path secret every test app is configured with (STRAVA_WEBHOOK_SECRET). */
export const TEST_WEBHOOK_SECRET = 'test-webhook-secret-0123456789abcdef';
export const TEST_WEBHOOK_PATH = `/strava/webhook/${TEST_WEBHOOK_SECRET}`;
