/**
 * A separate worker process for the refresh-race test: connects to the same PostgreSQL, Redis prefix and
 * emulator as the test (from the environment), prints "ready", waits for a line on stdin, then makes
 * CALLS concurrent API calls for ATHLETE_ID and prints one JSON line with the outcome.
 */
import { once } from 'node:events';
import { loadConfig } from '../../../../services/config';
import { createLogger } from '../../../../services/logger';
import { buildDeps, closeDeps } from '../../../../services/runtime';
import { createStravaApi } from '../../../../services/strava/client';

async function main(): Promise<void> {
  const base = await buildDeps(loadConfig(process.env), createLogger('silent'), { migrate: false });
  // The emulator's clock is frozen in the test; this process must see the same "now".
  const emulatorNowMs = Number(process.env.EMULATOR_NOW_MS);
  const deps = { ...base, clock: () => emulatorNowMs };
  try {
    const api = createStravaApi(deps);
    process.stdout.write('ready\n');
    await once(process.stdin, 'data');
    process.stdin.destroy();
    const results = await Promise.allSettled(
      Array.from({ length: Number(process.env.CALLS ?? 4) }, () =>
        api.getAthlete(process.env.ATHLETE_ID ?? ''),
      ),
    );
    const failed = results.flatMap((r) =>
      r.status === 'rejected' ? [String((r.reason as Error).message)] : [],
    );
    process.stdout.write(`${JSON.stringify({ ok: results.length - failed.length, failed })}\n`);
  } finally {
    await closeDeps(base);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exitCode = 1;
});
