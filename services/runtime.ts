import { createPool, ensureDatabase } from '../db/pool';
import { migrate } from '../db/migrate';
import { assertNoEviction, createRedis } from '../workers/redis';
import { createEnqueuer } from '../workers/queues';
import type { Config } from './config';
import type { Deps } from './deps';
import type { Logger } from './logger';
import { createMetrics } from './metrics';
import { createMailer } from './notify/mailer';
import { StartupError, redactUrl, retryUntil, waitForPostgres, waitForRedis } from './startup';

/**
 * Connects to PostgreSQL and Redis (waiting a bounded time for each), optionally migrates, and returns
 * the Deps every route and job receives. Used by the process entry, the demo and the benchmarks.
 */
export async function buildDeps(config: Config, logger: Logger, opts: { migrate: boolean }): Promise<Deps> {
  if (config.env !== 'production') {
    await retryUntil(
      `PostgreSQL at ${redactUrl(config.databaseUrl)}`,
      () => ensureDatabase(config.databaseUrl),
      config.startupTimeoutMs,
      logger,
    );
  }
  const db = createPool({
    connectionString: config.databaseUrl,
    max: config.dbPoolMax,
    statementTimeoutMs: config.dbStatementTimeoutMs,
    logger,
  });
  const redis = createRedis(config.redisUrl, logger, 'producer');
  try {
    await waitForPostgres(db, config.databaseUrl, config.startupTimeoutMs, logger);
    await waitForRedis(redis, config.redisUrl, config.startupTimeoutMs, logger);
    await assertNoEviction(redis).catch((err: Error) => {
      throw new StartupError(err.message);
    });
    if (opts.migrate) await migrate(db);
  } catch (err) {
    await db.end().catch(() => undefined);
    redis.disconnect();
    throw err;
  }
  return {
    config,
    logger,
    db,
    redis,
    queues: createEnqueuer(redis, config.queuePrefix),
    metrics: createMetrics(),
    clock: () => Date.now(),
    mailer: createMailer(config),
  };
}

export async function closeDeps(deps: Deps): Promise<void> {
  await deps.queues.close().catch(() => undefined);
  await deps.redis.quit().catch(() => deps.redis.disconnect());
  await deps.db.end().catch(() => undefined);
}
