import { Pool, type PoolClient, type QueryResultRow } from 'pg';

/** The one-method surface every query module depends on: a pool or a client inside a transaction. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(
    text: string,
    values?: unknown[],
  ): Promise<{ rows: R[]; rowCount: number | null }>;
}

export type Db = Pool;
export type DbClient = PoolClient;

/** What the pool logs through (a pino logger fits); declared here so db/ imports nothing from services/. */
export interface PoolLogger {
  warn(obj: object, msg: string): void;
}

export interface PoolOptions {
  connectionString: string;
  max: number;
  statementTimeoutMs: number;
  logger: PoolLogger;
  applicationName?: string;
}

/**
 * The only place that creates pg pools. Idle clients that die (PostgreSQL restart) emit `error` on the
 * pool; without a listener that would crash the process, so we log and let the pool replace them.
 */
export function createPool(opts: PoolOptions): Pool {
  const pool = new Pool({
    connectionString: opts.connectionString,
    max: opts.max,
    // Also bounds the wait for a free pooled client under load; a job that gives up here is retried.
    connectionTimeoutMillis: 10000,
    idleTimeoutMillis: 30000,
    statement_timeout: opts.statementTimeoutMs,
    query_timeout: opts.statementTimeoutMs + 1000,
    application_name: opts.applicationName ?? 'kneadwise',
    keepAlive: true,
  });
  pool.on('error', (err) => opts.logger.warn({ err: err.message }, 'idle PostgreSQL client error'));
  pool.on('connect', (client) => {
    client.on('error', (err) => opts.logger.warn({ err: err.message }, 'PostgreSQL client error'));
  });
  return pool;
}

/** Runs `fn` in one transaction on one checked-out client; rolls back on throw and always releases. */
export async function withTransaction<T>(pool: Pool, fn: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const result = await fn(client);
    await client.query('commit');
    return result;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** Creates the database named in `connectionString` when it does not exist (development convenience). */
export async function ensureDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) return;
  url.pathname = '/postgres';
  const admin = new Pool({ connectionString: url.toString(), max: 1, connectionTimeoutMillis: 5000 });
  try {
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`create database "${name.replace(/"/g, '""')}"`).catch((err: { code?: string }) => {
        if (err.code !== '42P04') throw err; // created concurrently by another process
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * Drops (closing its connections) and recreates the database named in `connectionString`: the demo's
 * fresh start on every run. Destroys all data in it, so callers must only pass a throwaway database.
 */
export async function recreateDatabase(connectionString: string): Promise<void> {
  const url = new URL(connectionString);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name) throw new Error('the database URL names no database');
  url.pathname = '/postgres';
  const quoted = `"${name.replace(/"/g, '""')}"`;
  const admin = new Pool({ connectionString: url.toString(), max: 1, connectionTimeoutMillis: 5000 });
  try {
    await admin.query(`drop database if exists ${quoted} with (force)`);
    await admin.query(`create database ${quoted}`);
  } finally {
    await admin.end();
  }
}
