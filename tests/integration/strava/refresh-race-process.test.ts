import { spawn } from 'node:child_process';
import path from 'node:path';
import { createStravaApi } from '../../../services/strava/client';
import { connectAthlete, startStravaWorld, type StravaWorld } from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

const ROOT = path.resolve(__dirname, '../../..');

/** Starts the child worker process and resolves once it says it is ready. */
function startChild(env: Record<string, string>) {
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    [path.join(__dirname, 'support/refresh-child.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  const ready = new Promise<void>((resolve, reject) => {
    child.stdout.on('data', () => out.includes('ready\n') && resolve());
    void exited.then(() => reject(new Error(`child exited before ready: ${err}`)));
  });
  return { child, ready, exited, output: () => out, errors: () => err };
}

describe('token refresh across operating-system processes', () => {
  it('when a child process and this process refresh the same expired token at once, then Strava sees exactly one token call and all calls succeed', async () => {
    const { athleteId } = await connectAthlete(world);
    world.emu.control.advanceClock(6 * 3600_000);
    const c = world.deps.config;
    const proc = startChild({
      NODE_ENV: 'test',
      DATABASE_URL: c.databaseUrl,
      REDIS_URL: c.redisUrl,
      QUEUE_PREFIX: c.queuePrefix,
      STRAVA_BASE_URL: c.strava.baseUrl,
      EMULATOR_NOW_MS: String(world.emu.clock.now()),
      ATHLETE_ID: athleteId,
      CALLS: '4',
    });
    await proc.ready;
    world.emu.control.setFailures({ latencyMs: 150 }); // a slow Strava keeps both refreshes in flight together
    const calls = world.emu.control.countCalls({ path: '/oauth/token' });
    const mine = createStravaApi(world.deps);
    proc.child.stdin.end('go\n'); // closing stdin also lets the child exit when done
    const own = await Promise.allSettled([1, 2, 3, 4].map(() => mine.getAthlete(athleteId)));
    expect({ code: await proc.exited, stderr: proc.errors() }).toEqual({ code: 0, stderr: '' });
    world.emu.control.setFailures({ latencyMs: 0 });

    expect(own.filter((r) => r.status === 'rejected')).toEqual([]);
    expect(JSON.parse(proc.output().split('\n')[1] ?? '{}')).toEqual({ ok: 4, failed: [] });
    expect(world.emu.control.countCalls({ path: '/oauth/token' })).toBe(calls + 1);
    const state = await world.deps.db.query('select connection_state from athlete where id = $1', [
      athleteId,
    ]);
    expect(state.rows[0].connection_state).toBe('connected');
  }, 60_000);
});
