/**
 * npm run demo: Kneadwise + the built-in Strava emulator + a mail catcher in one process, on localhost.
 * Exit codes: 0 stopped by Ctrl-C/SIGTERM, 1 a prerequisite is missing or start failed, 2 bad usage.
 * Every run starts from a fresh demo database and queue prefix, so running it again just works.
 */
import { ConfigError, withLocalEnv } from '../../services/config';
import { StartupError } from '../../services/startup';
import { DEMO_USAGE, DemoUsageError, parseDemoOptions, type DemoOptions } from './demo-options';
import { checkPrerequisites } from './prerequisites';
import { startDemo, type DemoHandle } from './run-demo';

/** Bounds the shutdown: in-flight jobs get this long to finish before the process exits anyway. */
const STOP_TIMEOUT_MS = 15_000;

const say = (line: string) => process.stdout.write(`${line}\n`);
const complain = (line: string) => process.stderr.write(`${line}\n`);

function options(): DemoOptions | null {
  try {
    // .env.local: where the setup step (scripts/ensure-services.sh) keeps DATABASE_URL and its password.
    return parseDemoOptions(process.argv.slice(2), withLocalEnv(process.env));
  } catch (err) {
    if (!(err instanceof DemoUsageError)) throw err;
    complain(`npm run demo: ${err.message}\n${DEMO_USAGE}`);
    process.exitCode = 2;
    return null;
  }
}

/**
 * Ctrl-C or SIGTERM at any time: during start-up the stop waits for the handle (start-up cleans up after
 * itself on failure), then everything is stopped in reverse order and the process exits 0.
 */
function stopOnSignals(started: Promise<DemoHandle | null>): void {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    say(`\n${signal}: stopping the demo (live feed, workers, web, Strava emulator, mail catcher)...`);
    const force = setTimeout(() => {
      complain(`The demo did not stop within ${STOP_TIMEOUT_MS / 1000} s; exiting anyway.`);
      process.exit(1);
    }, STOP_TIMEOUT_MS);
    force.unref();
    started
      .then((handle) => handle?.stop())
      .then(
        () => {
          say('Demo stopped.');
          process.exit(0);
        },
        (err: unknown) => {
          complain(`Error while stopping: ${(err as Error).message}`);
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}

async function main(): Promise<void> {
  const o = options();
  if (!o) return;
  say('Checking prerequisites (PostgreSQL, Redis, free ports)...');
  const problems = await checkPrerequisites(o);
  if (problems.length > 0) {
    complain(`The demo cannot start:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    process.exitCode = 1;
    return;
  }
  const started = startDemo(o, say);
  stopOnSignals(started.catch(() => null));
  const handle = await started;
  say(handle.banner);
  handle.importing.catch(async (err: unknown) => {
    complain(`The demo's workers could not start: ${(err as Error).message}`);
    await handle.stop();
    process.exit(1);
  });
}

main().catch((err: unknown) => {
  const known = err instanceof ConfigError || err instanceof StartupError;
  complain(`The demo could not start: ${known ? err.message : String((err as Error).stack ?? err)}`);
  process.exit(1);
});
