/**
 * Process entry. `--role=web` serves HTTP, `--role=worker` runs jobs, no flag runs both (small installs).
 * Start: parse config -> wait for PostgreSQL and Redis (bounded) -> migrate -> serve/work.
 * SIGTERM/SIGINT: stop accepting, let in-flight requests and jobs finish within SHUTDOWN_TIMEOUT_MS, close
 * pools, exit 0.
 */
import type { Server } from 'node:http';
import { ConfigError, loadConfig, type Config } from './config';
import { createLogger, type Logger } from './logger';
import { buildDeps, closeDeps } from './runtime';
import { StartupError } from './startup';
import { SchemaTooNewError } from '../db/migrate';
import { buildApp } from './api/app';
import { startWorkers, type WorkerHandle } from '../workers/main';

type Role = 'all' | 'web' | 'worker';

const USAGE = `Usage: node dist/services/main.js [--role=web|--role=worker]
  no flag        web and workers in one process (small installs)
  --role=web     HTTP only (PORT)
  --role=worker  background jobs only; run as many as you like
Configuration comes from the environment (see README, "Configuration"); .env.local at the root is read too.
`;

function parseRole(argv: string[]): Role {
  const flag = argv.find((a) => a.startsWith('--role='));
  const role = flag?.slice('--role='.length) ?? 'all';
  if (role !== 'all' && role !== 'web' && role !== 'worker')
    throw new ConfigError(`Unknown --role=${role}: use web or worker`);
  return role;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.includes('--help') || argv.includes('-h')) {
    process.stdout.write(USAGE);
    return;
  }
  const role = parseRole(argv);
  const config = loadConfig();
  const logger = createLogger(config.logLevel);
  const deps = await buildDeps(config, logger, { migrate: true });
  let server: Server | undefined;
  let workers: WorkerHandle | undefined;
  if (role !== 'web') workers = await startWorkers(deps);
  if (role !== 'worker') server = await listen(config, buildApp(deps), logger);
  logger.info({ role, port: role === 'worker' ? undefined : config.port }, 'Kneadwise started');
  installShutdown(config, logger, async () => {
    await Promise.all([closeServer(server), workers?.close()]);
    await closeDeps(deps);
  });
}

function listen(config: Config, app: ReturnType<typeof buildApp>, logger: Logger): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen(config.port, (err?: Error) => {
      if (err) return reject(new StartupError(`cannot listen on port ${config.port}: ${err.message}`));
      logger.info(`listening on ${config.publicUrl} (port ${config.port})`);
      resolve(server);
    });
    server.keepAliveTimeout = 65_000;
  });
}

function closeServer(server: Server | undefined): Promise<void> {
  if (!server) return Promise.resolve();
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
  });
}

function installShutdown(config: Config, logger: Logger, shutdown: () => Promise<void>): void {
  let stopping = false;
  const onSignal = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.error('in-flight work did not finish within SHUTDOWN_TIMEOUT_MS; exiting');
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    shutdown().then(
      () => process.exit(0),
      (err: unknown) => {
        logger.error({ err }, 'error during shutdown');
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof StartupError || err instanceof SchemaTooNewError;
  process.stderr.write(
    `Kneadwise cannot start: ${known ? err.message : String((err as Error).stack ?? err)}\n`,
  );
  process.exit(1);
});
