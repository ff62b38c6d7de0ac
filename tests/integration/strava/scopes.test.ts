import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { stravaApiFor } from '../../../services/strava/client';
import { connectThroughBrowser, nextSeed, startStravaWorld, type StravaWorld } from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

const athleteByStravaId = async (id: number) =>
  (
    await world.deps.db.query(
      'select id, connection_state, granted_scopes from athlete where strava_athlete_id = $1',
      [id],
    )
  ).rows[0];

describe('Strava scopes the athlete granted', () => {
  it('when the athlete unticked the activity permission, then they are told plainly what it means and how to fix it, and no import starts', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    const { agent, callback } = await connectThroughBrowser(world, a.id, []);
    expect(callback.status).toBe(403);
    expect(callback.body.error.code).toBe('missing_activity_scope');
    expect(callback.body.error.message).toMatch(/cannot see any of your activities/);
    expect(callback.body.error.message).toMatch(
      /connect with Strava again and leave the box for viewing your activities ticked/,
    );

    const row = await athleteByStravaId(a.id);
    expect(row).toMatchObject({ connection_state: 'needs_reconnect', granted_scopes: 'read' });
    expect(await world.deps.queues.queue('backfill').getJob(`backfill-${row.id}`)).toBeUndefined();
    const conn = await agent.get('/api/strava/connection');
    expect(conn.body.state).toBe('needs_reconnect');
    expect(conn.body.notices.map((n: { code: string }) => n.code)).toEqual([
      'missing_activity_scope',
      'zones_unavailable',
    ]);
  });

  it('when that athlete reconnects and ticks the box, then they are connected and the import is queued', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    await connectThroughBrowser(world, a.id, []);
    const { callback } = await connectThroughBrowser(world, a.id, ['activity:read_all', 'profile:read_all']);
    expect(callback.status).toBe(302);
    const row = await athleteByStravaId(a.id);
    expect(row.connection_state).toBe('connected');
    expect(await world.deps.queues.queue('backfill').getJob(`backfill-${row.id}`)).toBeDefined();
    expect(
      (
        await world.deps.db.query('select count(*)::int as n from athlete where strava_athlete_id = $1', [
          a.id,
        ])
      ).rows[0].n,
    ).toBe(1);
  });

  it('when only public activities were shared, then the athlete connects and is told private activities are left out', async () => {
    // Our consent page asks for activity:read_all, so this grant only arises from an older or hand-made link.
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    const agent = request.agent(buildApp(world.deps));
    const start = await agent.get('/auth/strava');
    const state = new URL(start.headers.location ?? '').searchParams.get('state');
    const code = world.emu.control.authorize({ athleteId: a.id, scopes: ['read', 'activity:read'] });
    const callback = await agent
      .get('/auth/strava/callback')
      .query({ state, code, scope: 'read,activity:read' });
    expect(callback.status).toBe(302);
    const conn = await agent.get('/api/strava/connection');
    expect(conn.body).toMatchObject({
      state: 'connected',
      scopes: ['read', 'activity:read'],
      seesPrivateActivities: false,
    });
    expect(conn.body.notices[0]).toMatchObject({ code: 'private_activities_hidden' });
    expect(conn.body.notices[0].message).toMatch(/left out of your load estimates/);
  });

  it('when the profile was not shared, then heart-rate zones are null and no call is spent on them', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    await connectThroughBrowser(world, a.id, ['activity:read_all']);
    const row = await athleteByStravaId(a.id);
    const before = world.emu.control.countCalls({ path: '/api/v3/athlete/zones' });
    await expect(stravaApiFor(world.deps).getHeartRateZones(row.id)).resolves.toBeNull();
    expect(world.emu.control.countCalls({ path: '/api/v3/athlete/zones' })).toBe(before);
  });

  it('when the profile was shared, then heart-rate zones come from Strava', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    await connectThroughBrowser(world, a.id, ['activity:read_all', 'profile:read_all']);
    const zones = await stravaApiFor(world.deps).getHeartRateZones((await athleteByStravaId(a.id)).id);
    expect(zones?.zones.length).toBeGreaterThanOrEqual(5);
    expect(zones?.zones[0]).toEqual({ min: 0, max: expect.any(Number) });
  });

  it('when someone who is not signed in asks for the connection, then 401', async () => {
    const res = await request(buildApp(world.deps)).get('/api/strava/connection');
    expect(res.status).toBe(401);
  });
});
