/**
 * Worker-thread entry of the demo's Strava emulator (see emulator-host.ts). Generating an activity's
 * streams costs tens of milliseconds; on its own thread that never delays Kneadwise's webhook acks or
 * pages. Messages to the parent: ready {url, athletes}, warm, error {message}, stopped.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createStravaEmulator, type RateLimits } from '../strava-emulator';

export interface EmulatorThreadInput {
  port: number;
  seed: string;
  historyDays: number;
  rateLimits: RateLimits;
}

function run(port: NonNullable<typeof parentPort>): void {
  const input = workerData as EmulatorThreadInput;
  const emulator = createStravaEmulator({
    seed: input.seed,
    demoAthletes: true,
    historyDays: input.historyDays,
    rateLimits: input.rateLimits,
  });
  port.on('message', (m: unknown) => {
    if (m === 'stop') void emulator.stop().then(() => port.postMessage({ type: 'stopped' }));
  });
  emulator.start(input.port, '127.0.0.1').then(
    ({ url }) => {
      port.postMessage({ type: 'ready', url, athletes: emulator.control.athletes() });
      void emulator.warmed().then(() => port.postMessage({ type: 'warm' }));
    },
    (err: Error) => port.postMessage({ type: 'error', message: err.message }),
  );
}

if (parentPort) run(parentPort);
