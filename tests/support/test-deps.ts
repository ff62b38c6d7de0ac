import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import { Pool } from 'pg';
import { loadConfig, type Config } from '../../services/config';
import type { Deps } from '../../services/deps';
import { createLogger } from '../../services/logger';
import { buildDeps, closeDeps } from '../../services/runtime';
import { dropQueueKeys } from './redis-cleanup';
import { TEMPLATE_DB, TEST_WEBHOOK_SECRET, adminUrl, databaseUrl, redisUrl } from './test-env';

export interface TestDeps extends Deps {
  /** Log lines written during the test, parsed (assert on what was logged, e.g. no tokens). */
  logLines: () => Record<string, unknown>[];
  /** The raw log text. */
  logText: () => string;
  close: () => Promise<void>;
}

/**
 * A private world for one test file: its own database cloned from the migrated template, its own queue
 * prefix on the shared Redis, a captured logger. Real PostgreSQL and Redis, nothing mocked.
 */
export async function createTestDeps(env: Record<string, string> = {}): Promise<TestDeps> {
  const dbName = `kwtest_${Date.now()}_${randomUUID().slice(0, 8)}`;
  const admin = new Pool({ connectionString: adminUrl(), max: 1 });
  try {
    await admin.query(`create database ${dbName} template ${TEMPLATE_DB}`);
  } finally {
    await admin.end();
  }
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl(dbName),
    REDIS_URL: redisUrl(),
    QUEUE_PREFIX: `kwtest-${randomUUID().slice(0, 12)}`,
    LOG_LEVEL: 'debug',
    STARTUP_TIMEOUT_MS: '5000',
    STRAVA_WEBHOOK_SECRET: TEST_WEBHOOK_SECRET,
    ...env,
  });
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk.toString());
      cb();
    },
  });
  const logger = createLogger(config.logLevel, sink);
  const deps = await buildDeps(config, logger, { migrate: false });
  const logText = () => chunks.join('');
  return {
    ...deps,
    logText,
    logLines: () =>
      logText()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
    close: async () => {
      await closeDeps(deps);
      await dropQueueKeys(config.redisUrl, config.queuePrefix);
      const a = new Pool({ connectionString: adminUrl(), max: 1 });
      await a.query(`drop database if exists ${dbName} with (force)`).finally(() => a.end());
    },
  };
}
