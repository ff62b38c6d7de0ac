/**
 * CLI: runs the Strava emulator standalone.
 *   npx tsx tools/strava-emulator/main.ts --port 8099 --seed 42 [--empty] [--days 180]
 *     [--client-id 1000 --client-secret emulator-client-secret] [--frozen --start 2026-03-01T08:00:00Z]
 * Point the service at it with STRAVA_BASE_URL=http://127.0.0.1:<port>; control it under /_emulator/*.
 */
import { parseArgs } from 'node:util';
import { createStravaEmulator } from './emulator';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '8099' },
      host: { type: 'string', default: '127.0.0.1' },
      seed: { type: 'string', default: '42' },
      days: { type: 'string', default: '180' },
      empty: { type: 'boolean', default: false },
      frozen: { type: 'boolean', default: false },
      start: { type: 'string' },
      'client-id': { type: 'string', default: process.env.STRAVA_CLIENT_ID ?? '1000' },
      'client-secret': {
        type: 'string',
        default: process.env.STRAVA_CLIENT_SECRET ?? 'emulator-client-secret',
      },
    },
  });
  const emulator = createStravaEmulator({
    seed: values.seed,
    clientId: values['client-id'],
    clientSecret: values['client-secret'],
    clock: { frozen: values.frozen, start: values.start },
    demoAthletes: !values.empty,
    historyDays: Number(values.days),
  });
  const { url } = await emulator.start(Number(values.port), values.host);
  const athletes = emulator.control
    .athletes()
    .map((a) => `  ${a.id} ${a.firstname} ${a.lastname} (${a.profile})`);
  process.stdout.write(
    `Strava emulator on ${url} (client_id=${values['client-id']})\n${athletes.join('\n')}\n`,
  );
  const shutdown = () => void emulator.stop().then(() => process.exit(0));
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
