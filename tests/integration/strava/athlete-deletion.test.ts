import { run as deleteAthlete } from '../../../workers/jobs/delete-athlete';
import { seedAthleteData } from './support/seed-athlete-data';
import {
  connectThroughBrowser,
  nextSeed,
  rowsMentioning,
  startStravaWorld,
  type StravaWorld,
} from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

let nextStravaId = 880_000_000 + Math.floor(Math.random() * 1_000_000) * 10;

/** Connects a fresh athlete through the browser flow and seeds a row in every table that can hold their data. */
async function connectedWithData() {
  const stravaId = (nextStravaId += 10);
  world.emu.control.createAthlete({ seed: nextSeed(), athlete: { id: stravaId } });
  const browser = await connectThroughBrowser(world, stravaId, ['activity:read_all', 'profile:read_all']);
  const { rows } = await world.deps.db.query('select id, user_id from athlete where strava_athlete_id = $1', [
    stravaId,
  ]);
  const a = { athleteId: rows[0].id as string, userId: rows[0].user_id as string, stravaId };
  const activityId = `9${stravaId}123`; // above 2^53
  const { coachUserId } = await seedAthleteData(world.deps, a, activityId);
  const needles = [a.athleteId, a.userId, String(stravaId), activityId];
  return { ...a, ...browser, coachUserId, needles };
}

const ctx = () => ({ jobId: 'test', attemptsMade: 0, log: world.deps.logger });
const grantOf = (stravaId: number) =>
  (world.emu.state().athletes as { id: number; authorizedScopes: string[] | null }[]).find(
    (x) => x.id === stravaId,
  )?.authorizedScopes;

describe('disconnecting from Kneadwise', () => {
  it('when the athlete disconnects, then access is revoked at Strava, every row of theirs in every table is deleted and they are signed out', async () => {
    const a = await connectedWithData();
    expect(Object.keys(await rowsMentioning(world.deps, a.needles)).sort()).toEqual(
      [
        'activity',
        'activity_metric',
        'activity_stream',
        'activity_tombstone',
        'alert',
        'app_user',
        'athlete',
        'coach_athlete',
        'daily_series',
        'email_outbox',
        'race',
        'session',
        'strava_token',
        'webhook_inbox',
      ].sort(),
    );
    const { csrfToken } = (await a.agent.get('/api/session')).body;
    const res = await a.agent.post('/auth/strava/disconnect').set('X-CSRF-Token', csrfToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ disconnected: true, deleted: true });

    expect(world.emu.control.countCalls({ path: '/oauth/deauthorize', status: 200 })).toBeGreaterThanOrEqual(
      1,
    );
    expect(grantOf(a.stravaId)).toBeNull();
    expect(await rowsMentioning(world.deps, a.needles)).toEqual({});
    const coach = await world.deps.db.query('select 1 from app_user where id = $1', [a.coachUserId]);
    expect(coach.rowCount).toBe(1);
    expect((await a.agent.get('/api/strava/connection')).status).toBe(401);
  });

  it('when the disconnect request has no CSRF token, then 403 and nothing is deleted or revoked', async () => {
    const a = await connectedWithData();
    const res = await a.agent.post('/auth/strava/disconnect');
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('csrf_invalid');
    expect(grantOf(a.stravaId)).not.toBeNull();
    expect(Object.keys(await rowsMentioning(world.deps, a.needles))).toContain('athlete');
  });

  it('when Strava is down during disconnect, then the data is still deleted here', async () => {
    const a = await connectedWithData();
    const { csrfToken } = (await a.agent.get('/api/session')).body;
    world.emu.control.setFailures({ errorRate: 1 });
    try {
      const res = await a.agent.post('/auth/strava/disconnect').set('X-CSRF-Token', csrfToken);
      expect(res.status).toBe(200);
    } finally {
      world.emu.control.setFailures({ errorRate: 0 });
    }
    expect(await rowsMentioning(world.deps, a.needles)).toEqual({});
    expect(world.deps.logText()).toContain('could not revoke access at Strava; deleting locally anyway');
  });
});

describe('a deauthorization event (delete-athlete, reason deauthorized)', () => {
  it('when Strava still accepts our token, then the event is treated as forged: nothing is deleted and it is logged', async () => {
    const a = await connectedWithData();
    const before = await rowsMentioning(world.deps, a.needles);
    await deleteAthlete({ athleteId: a.athleteId, reason: 'deauthorized' }, world.deps, ctx());
    expect(await rowsMentioning(world.deps, a.needles)).toEqual(before);
    expect(world.deps.logText()).toContain('deauthorization event not confirmed');
    const state = await world.deps.db.query('select connection_state from athlete where id = $1', [
      a.athleteId,
    ]);
    expect(state.rows[0].connection_state).toBe('connected');
  });

  it('when the athlete really revoked us on Strava, then every row of theirs is deleted, and running the job again is a no-op', async () => {
    const a = await connectedWithData();
    world.emu.control.deauthorize(a.stravaId);
    // Queued jobs that name the athlete: nothing of theirs may stay in Redis either.
    await world.deps.queues.enqueue(
      'reconcile-athlete',
      { athleteId: a.athleteId, windowId: 'w1' },
      { delay: 60_000 },
    );
    await world.deps.queues.enqueue(
      'recompute-athlete',
      { athleteId: a.athleteId, fromDate: '2026-01-01' },
      { delay: 60_000 },
    );
    await deleteAthlete({ athleteId: a.athleteId, reason: 'deauthorized' }, world.deps, ctx());
    expect(await rowsMentioning(world.deps, a.needles)).toEqual({});
    const left = [];
    for (const name of ['ingest', 'backfill', 'compute', 'notify'] as const) {
      const jobs = await world.deps.queues
        .queue(name)
        .getJobs(['waiting', 'delayed', 'failed', 'completed', 'prioritized']);
      left.push(...jobs.filter((j) => j.data.athleteId === a.athleteId).map((j) => j.name));
    }
    expect(left).toEqual([]);
    await expect(
      deleteAthlete({ athleteId: a.athleteId, reason: 'deauthorized' }, world.deps, ctx()),
    ).resolves.toBeUndefined();
  });

  it('when the reason is disconnect, then access is revoked at Strava and everything is deleted', async () => {
    const a = await connectedWithData();
    await deleteAthlete({ athleteId: a.athleteId, reason: 'disconnect' }, world.deps, ctx());
    expect(grantOf(a.stravaId)).toBeNull();
    expect(await rowsMentioning(world.deps, a.needles)).toEqual({});
  });
});
