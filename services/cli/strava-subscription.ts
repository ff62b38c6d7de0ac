import { ConfigError, loadConfig } from '../config';
import { createLogger } from '../logger';
import { buildDeps, closeDeps } from '../runtime';
import { StartupError } from '../startup';
import { runSubscriptionCommand, type SubscriptionCommand } from '../strava/subscriptions';

/**
 * npm run strava:subscribe | strava:rotate | strava:subscription | strava:unsubscribe
 * (node dist/services/cli/strava-subscription.js subscribe|rotate|show|unsubscribe, after `npm run build`). Exit codes: 0 done, 1 failed, 2 usage.
 */
const COMMANDS: SubscriptionCommand[] = ['subscribe', 'rotate', 'show', 'unsubscribe'];

async function main(argv: string[]): Promise<number> {
  const cmd = argv[2] as SubscriptionCommand | undefined;
  if (!cmd || !COMMANDS.includes(cmd)) {
    process.stderr.write(
      'Usage: npm run strava:subscribe|strava:rotate|strava:subscription|strava:unsubscribe\n',
    );
    return 2;
  }
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  const logger = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, process.stderr);
  let deps;
  try {
    deps = await buildDeps(config, logger, { migrate: false });
  } catch (err) {
    if (err instanceof StartupError) {
      process.stderr.write(`${err.message}\n`);
      return 1;
    }
    throw err;
  }
  try {
    return await runSubscriptionCommand(deps, cmd, (line) => process.stdout.write(`${line}\n`));
  } finally {
    await closeDeps(deps);
  }
}

main(process.argv).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `strava ${process.argv[2] ?? ''} failed: ${err instanceof Error ? err.message : String(err)}\n`,
    );
    process.exitCode = 1;
  },
);
