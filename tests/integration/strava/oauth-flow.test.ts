import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { connectThroughBrowser, nextSeed, startStravaWorld, type StravaWorld } from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

const tokenCalls = () => world.emu.control.countCalls({ path: '/oauth/token' });
const athleteRows = async () =>
  (await world.deps.db.query('select count(*)::int as n from athlete')).rows[0].n as number;

/** Starts a connection in a fresh browser and returns its agent and state (no consent yet). */
async function startIn(app = buildApp(world.deps)) {
  const agent = request.agent(app);
  const start = await agent.get('/auth/strava');
  const state = new URL(start.headers.location ?? '').searchParams.get('state') ?? '';
  return { agent, state };
}

const freshCode = () => {
  const a = world.emu.control.createAthlete({ seed: nextSeed() });
  return world.emu.control.authorize({ athleteId: a.id });
};

describe('Strava OAuth connect', () => {
  it('when an athlete connects with every scope, then they are signed in, stored with encrypted tokens and their history import is queued', async () => {
    const a = world.emu.control.createAthlete({
      seed: nextSeed(),
      athlete: { firstname: 'Ana', lastname: 'Lima' },
    });
    const { agent, start, authorize, callback } = await connectThroughBrowser(world, a.id, [
      'activity:read_all',
      'profile:read_all',
    ]);

    expect(start.status).toBe(302);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${world.url}/oauth/authorize`);
    expect(Object.fromEntries(authorize.searchParams)).toMatchObject({
      client_id: '1000',
      redirect_uri: `${world.deps.config.publicUrl}/auth/strava/callback`,
      response_type: 'code',
      scope: 'read,activity:read_all,profile:read_all',
      approval_prompt: 'auto',
    });
    expect(authorize.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callback.status).toBe(302);
    expect(callback.headers.location).toBe('/');

    const conn = await agent.get('/api/strava/connection');
    expect(conn.status).toBe(200);
    expect(conn.body).toMatchObject({
      state: 'connected',
      stravaAthleteId: String(a.id),
      seesPrivateActivities: true,
      notices: [],
    });
    const { rows } = await world.deps.db.query(
      `select a.id, a.firstname, u.role, u.display_name from athlete a join app_user u on u.id = a.user_id where a.strava_athlete_id = $1`,
      [a.id],
    );
    expect(rows[0]).toMatchObject({ firstname: 'Ana', role: 'athlete', display_name: 'Ana Lima' });
    const job = await world.deps.queues.queue('backfill').getJob(`backfill-${rows[0].id}`);
    expect(job?.data).toEqual({ athleteId: rows[0].id });
  });

  it('when the session id before connecting is compared with the one after, then it changed (no session fixation)', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    const { start, callback } = await connectThroughBrowser(world, a.id, ['activity:read_all']);
    const sid = (res: request.Response) => String(res.headers['set-cookie']).match(/kw\.sid=([^;]+)/)?.[1];
    expect(sid(start)).toBeDefined();
    expect(sid(callback)).toBeDefined();
    expect(sid(callback)).not.toBe(sid(start));
  });

  it('when returnTo is a local path, then the athlete lands there; when it points off-site, then it is ignored', async () => {
    const app = buildApp(world.deps);
    for (const [returnTo, expected] of [
      ['/dashboard?tab=load', '/dashboard?tab=load'],
      ['//evil.example/x', '/'],
    ]) {
      const agent = request.agent(app);
      const start = await agent.get('/auth/strava').query({ returnTo });
      const state = new URL(start.headers.location ?? '').searchParams.get('state');
      const res = await agent
        .get('/auth/strava/callback')
        .query({ state, code: freshCode(), scope: 'read,activity:read_all' });
      expect(res.headers.location).toBe(expected);
    }
  });
});

describe('Strava OAuth callback rejects bad state before any token exchange', () => {
  it('when the state is missing, then 400 missing_state and no token call', async () => {
    const { agent } = await startIn();
    const before = tokenCalls();
    const res = await agent.get('/auth/strava/callback').query({ code: freshCode(), scope: 'read' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('missing_state');
    expect(tokenCalls()).toBe(before);
  });

  it('when the state is wrong, then 400 state_mismatch and no token call', async () => {
    const { agent, state } = await startIn();
    const before = tokenCalls();
    const res = await agent
      .get('/auth/strava/callback')
      .query({ state: `${state.slice(0, -2)}xx`, code: freshCode() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('state_mismatch');
    expect(tokenCalls()).toBe(before);
  });

  it('when a completed callback is replayed, then 400 state_reused and no second token call', async () => {
    const { agent, state } = await startIn();
    const code = freshCode();
    const first = await agent
      .get('/auth/strava/callback')
      .query({ state, code, scope: 'read,activity:read_all' });
    expect(first.status).toBe(302);
    const before = tokenCalls();
    const again = await agent
      .get('/auth/strava/callback')
      .query({ state, code, scope: 'read,activity:read_all' });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe('state_reused');
    expect(tokenCalls()).toBe(before);
  });

  it('when the state is older than 10 minutes, then 400 state_expired and no token call', async () => {
    const { agent, state } = await startIn();
    world.emu.control.advanceClock(10 * 60_000 + 1000);
    const before = tokenCalls();
    const res = await agent.get('/auth/strava/callback').query({ state, code: freshCode() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('state_expired');
    expect(tokenCalls()).toBe(before);
  });

  it("when another browser's state is presented, then 400 no_oauth_in_progress and no token call", async () => {
    const victim = await startIn();
    const attacker = request.agent(buildApp(world.deps));
    const before = tokenCalls();
    const res = await attacker.get('/auth/strava/callback').query({ state: victim.state, code: freshCode() });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('no_oauth_in_progress');
    expect(tokenCalls()).toBe(before);
  });

  it('when the athlete declined on Strava, then 403 access_denied, nothing stored and no token call', async () => {
    const { agent, state } = await startIn();
    const [rowsBefore, callsBefore] = [await athleteRows(), tokenCalls()];
    const res = await agent.get('/auth/strava/callback').query({ state, error: 'access_denied' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('access_denied');
    expect([await athleteRows(), tokenCalls()]).toEqual([rowsBefore, callsBefore]);
  });

  it('when the code is missing, then 400 missing_code; when Strava rejects the code, then 400 code_rejected', async () => {
    const s1 = await startIn();
    const missing = await s1.agent.get('/auth/strava/callback').query({ state: s1.state });
    expect([missing.status, missing.body.error.code]).toEqual([400, 'missing_code']);
    const s2 = await startIn();
    const rejected = await s2.agent
      .get('/auth/strava/callback')
      .query({ state: s2.state, code: 'f'.repeat(40) });
    expect([rejected.status, rejected.body.error.code]).toEqual([400, 'code_rejected']);
  });

  it('when a browser hits a bad callback, then it gets a readable HTML page offering to start again', async () => {
    const { agent } = await startIn();
    const res = await agent
      .get('/auth/strava/callback')
      .set('Accept', 'text/html')
      .query({ state: 'nope', code: 'x' });
    expect(res.status).toBe(400);
    expect(res.type).toBe('text/html');
    expect(res.text).toContain('does not belong to this browser');
    expect(res.text).toContain('href="/auth/strava"');
  });
});
