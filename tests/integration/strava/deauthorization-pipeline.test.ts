import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { buildApp } from '../../../services/api/app';
import { runSubscriptionCommand } from '../../../services/strava/subscriptions';
import { startWorkers, type WorkerHandle } from '../../../workers/main';
import { TEST_WEBHOOK_PATH } from '../../support/test-env';
import { seedAthleteData } from './support/seed-athlete-data';
import { connectAthlete, rowsMentioning, startStravaWorld, type StravaWorld } from './strava-world';

jest.setTimeout(90_000);

let world: StravaWorld;
let server: Server;
let workers: WorkerHandle;
let publicUrl: string;

beforeAll(async () => {
  const web: { app?: Express } = {};
  server = createServer((req, res) => (web.app ? web.app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  publicUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  world = await startStravaWorld({ env: { PUBLIC_URL: publicUrl } });
  web.app = buildApp(world.deps);
  expect(await runSubscriptionCommand(world.deps, 'subscribe', () => undefined)).toBe(0);
  workers = await startWorkers(world.deps);
});
afterAll(async () => {
  await workers.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await world.close();
});

/** Polls until `done()` holds; Strava's terms and our promise bound the wait at 60 s. */
async function within60s(what: string, done: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not within 60 s: ${what}`);
}

async function athleteWithData() {
  const a = await connectAthlete(world);
  const activityId = `9${a.stravaId}77`;
  await seedAthleteData(world.deps, a, activityId);
  return { ...a, needles: [a.athleteId, a.userId, String(a.stravaId), activityId] };
}

describe('deauthorization through the whole pipeline (webhook -> inbox -> workers -> Strava check -> deletion)', () => {
  it('when the athlete revokes Kneadwise on Strava, then every row of theirs is gone within 60 s', async () => {
    const a = await athleteWithData();
    world.emu.control.deauthorize(a.stravaId); // Strava kills the tokens and sends authorized=false
    await world.emu.control.flushDeliveries();
    await within60s(
      'athlete deleted',
      async () => Object.keys(await rowsMentioning(world.deps, a.needles)).length === 0,
    );
  });

  it('when a forged authorized=false event arrives for a connected athlete, then nothing is deleted', async () => {
    const a = await athleteWithData();
    const before = await rowsMentioning(world.deps, a.needles);
    const sub = world.emu.control.subscription();
    const forged = {
      aspect_type: 'update',
      event_time: Math.floor(world.emu.clock.now() / 1000),
      object_id: a.stravaId,
      object_type: 'athlete',
      owner_id: a.stravaId,
      subscription_id: sub?.id,
      updates: { authorized: 'false' },
    };
    const res = await fetch(`${publicUrl}${TEST_WEBHOOK_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(forged),
    });
    expect(res.status).toBe(200);
    await within60s('forged event checked with Strava', () =>
      Promise.resolve(world.deps.logText().includes('deauthorization event not confirmed')),
    );
    // Activity rows are the ingest jobs' business (the connect-time import reconciles them with Strava);
    // everything the deletion would remove that those jobs never touch must still be there.
    const kept = [
      'app_user',
      'athlete',
      'strava_token',
      'race',
      'alert',
      'coach_athlete',
      'email_outbox',
      'session',
    ];
    const after = await rowsMentioning(world.deps, a.needles);
    expect(kept.filter((t) => before[t])).toEqual(kept);
    expect(kept.filter((t) => after[t])).toEqual(kept);
    const state = await world.deps.db.query('select connection_state from athlete where id = $1', [
      a.athleteId,
    ]);
    expect(state.rows[0].connection_state).toBe('connected');
  });
});
