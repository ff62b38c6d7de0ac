import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { AddActivityInput, EmulatedAthlete } from '../strava-emulator';
import type { EmulatorThreadInput } from './emulator-thread';

export interface EmulatorHost {
  url: string;
  athletes: EmulatedAthlete[];
  /** Resolves when every history activity's summary is precomputed (imports are fast from then on). */
  warm: Promise<void>;
  /** Adds an activity through the emulator's control API; it delivers the `create` webhook. Returns the id. */
  addActivity(athleteId: number, input: AddActivityInput): Promise<string>;
  stop(): Promise<void>;
}

type ThreadMessage =
  | { type: 'ready'; url: string; athletes: EmulatedAthlete[] }
  | { type: 'warm' }
  | { type: 'stopped' }
  | { type: 'error'; message: string };

/** Under tsx the thread needs tsx's require hook to load TypeScript; the compiled build loads plain JS. */
function spawnThread(input: EmulatorThreadInput): Worker {
  const entry = path.join(__dirname, `emulator-thread${path.extname(__filename)}`);
  if (!entry.endsWith('.ts')) return new Worker(entry, { workerData: input });
  const code = `require(${JSON.stringify(require.resolve('tsx/cjs'))}); require(${JSON.stringify(entry)});`;
  return new Worker(code, { eval: true, workerData: input });
}

async function postActivity(url: string, athleteId: number, input: AddActivityInput): Promise<string> {
  const res = await fetch(`${url}/_emulator/athletes/${athleteId}/activities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  // Read the id from the text: ids above 2^53 would lose digits through JSON.parse.
  const id = /"id"\s*:\s*"?(\d+)/.exec(text)?.[1];
  if (!res.ok || !id) throw new Error(`emulator answered HTTP ${res.status}: ${text.slice(0, 200)}`);
  return id;
}

/**
 * Runs the Strava emulator (five demo athletes, `historyDays` of history each) on a worker thread of this
 * process, listening on 127.0.0.1:`port`. The thread ends with the process, so nothing is left behind
 * whatever way the demo exits. Rejects when the emulator cannot start (e.g. the port is taken).
 */
export function startEmulatorThread(input: EmulatorThreadInput): Promise<EmulatorHost> {
  const worker = spawnThread(input);
  let markWarm: () => void = () => undefined;
  const warm = new Promise<void>((resolve) => (markWarm = resolve));
  let onStopped: () => void = () => undefined;
  const stop = async () => {
    const stopped = new Promise<void>((resolve) => (onStopped = resolve));
    worker.postMessage('stop');
    await Promise.race([stopped, new Promise((r) => setTimeout(r, 2000).unref())]);
    await worker.terminate();
  };
  // A stopped emulator never gets warm: release whoever waits for it.
  worker.on('exit', () => markWarm());
  return new Promise((resolve, reject) => {
    worker.on('error', (err) => reject(err));
    worker.on('message', (m: ThreadMessage) => {
      if (m.type === 'ready') {
        const addActivity = (id: number, a: AddActivityInput) => postActivity(m.url, id, a);
        resolve({ url: m.url, athletes: m.athletes, warm, addActivity, stop });
      } else if (m.type === 'warm') markWarm();
      else if (m.type === 'stopped') onStopped();
      else {
        reject(new Error(`the Strava emulator could not start: ${m.message}`));
        void worker.terminate();
      }
    });
  });
}
