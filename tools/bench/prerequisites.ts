/**
 * What `npm run bench` needs before it starts anything: PostgreSQL (DATABASE_URL's server; the benches
 * create and drop their own databases there), Redis (REDIS_URL, maxmemory-policy noeviction, the benches
 * use their own key prefixes), and the service entry to spawn worker processes. Read-only: nothing is
 * created or changed here.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Pool } from 'pg';
import { loadConfig, withLocalEnv } from '../../services/config';
import { redactUrl } from '../../services/startup';
import {
  HOW_TO_START_SERVICES as HOW_TO_START,
  PROBE_TIMEOUT_MS,
  probeRedis as checkRedis,
  withProbeTimeout as withTimeout,
} from '../prerequisite-probes';

export { HOW_TO_START };

/** Connects to the server's maintenance database (`postgres`), where the benches create theirs. */
async function checkPostgres(url: string): Promise<string | null> {
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const pool = new Pool({
    connectionString: admin.toString(),
    max: 1,
    connectionTimeoutMillis: PROBE_TIMEOUT_MS,
  });
  pool.on('error', () => undefined);
  try {
    await withTimeout(pool.query('select 1'), 'PostgreSQL');
    const { rows } = await pool.query<{ ok: boolean }>(
      `select rolcreatedb or rolsuper as ok from pg_roles where rolname = current_user`,
    );
    return rows[0]?.ok
      ? null
      : `The PostgreSQL role in ${redactUrl(url)} may not create databases (the benches need CREATEDB).`;
  } catch (err) {
    return `PostgreSQL is not reachable at ${redactUrl(url)}: ${(err as Error).message || String(err)}`;
  } finally {
    await pool.end().catch(() => undefined);
  }
}

function checkTsx(): string | null {
  const loader = path.resolve(__dirname, '../../node_modules/tsx');
  return existsSync(loader)
    ? null
    : 'node_modules/tsx is missing: run npm ci first (the pipeline bench spawns worker processes with it).';
}

/**
 * Returns one line per missing prerequisite, each saying how to fix it; empty when everything is there.
 * `env` defaults to the environment over .env.local (DATABASE_URL, REDIS_URL as the app reads them).
 */
export async function checkBenchPrerequisites(
  env: NodeJS.ProcessEnv = withLocalEnv(process.env),
): Promise<string[]> {
  let config;
  try {
    config = loadConfig(env);
  } catch (err) {
    return [`Configuration is invalid: ${(err as Error).message}`];
  }
  const checks = await Promise.all([checkPostgres(config.databaseUrl), checkRedis(config.redisUrl)]);
  const problems = [...checks, checkTsx()].filter((p): p is string => p !== null);
  const down = checks.some((p) => p !== null && !p.includes('maxmemory-policy') && !p.includes('CREATEDB'));
  return down ? [...problems, HOW_TO_START] : problems;
}

/** Prints the problems and exits 1 when something is missing; returns quietly otherwise. */
export async function requireBenchPrerequisites(): Promise<void> {
  const problems = await checkBenchPrerequisites();
  if (problems.length === 0) return;
  process.stderr.write(`npm run bench cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  process.exit(1);
}
