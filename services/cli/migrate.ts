/** `npm run migrate`: applies pending migrations to DATABASE_URL and exits. */
import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { createPool, ensureDatabase } from '../../db/pool';
import { migrate } from '../../db/migrate';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  if (config.env !== 'production') await ensureDatabase(config.databaseUrl);
  const pool = createPool({
    connectionString: config.databaseUrl,
    max: 1,
    statementTimeoutMs: 600000,
    logger,
  });
  try {
    const applied = await migrate(pool);
    logger.info({ applied }, applied.length ? 'migrations applied' : 'schema already current');
  } finally {
    await pool.end();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(
    `${err instanceof ConfigError ? err.message : `migrate failed: ${(err as Error).message}`}\n`,
  );
  process.exit(1);
});
