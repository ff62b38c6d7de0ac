import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { seedHistory, utcToday } from './support/seed';
import { mountedRoutes } from './support/routes';
import { athleteActor, coachActor, csrfFor, linkCoach, type Actor } from './support/world';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
let coach: Actor;
let calm: Actor;
let spiky: Actor;
beforeAll(async () => {
  deps = await createTestDeps();
  app = buildApp(deps);
  coach = await coachActor(app, 'Data Coach', deps);
  calm = await athleteActor(deps, { firstname: 'Calm' });
  spiky = await athleteActor(deps, { firstname: 'Spiky' });
  for (const a of [calm, spiky]) await linkCoach(deps, coach.userId, a.athleteId!);
  // Calm: 120 easy days ending yesterday. Spiky: the same, then a week at 4x the load ending today.
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  await seedHistory(deps.db, calm.athleteId!, {
    endDate: yesterday,
    days: 120,
    loadOf: (i) => (i % 7 === 6 ? 0 : 50),
  });
  await seedHistory(deps.db, spiky.athleteId!, {
    endDate: utcToday(),
    days: 120,
    loadOf: (i) => (i >= 113 ? 220 : i % 7 === 6 ? 0 : 50),
    title: (i) => (i === 119 ? '=HYPERLINK("http://evil")' : `Run ${i}`),
  });
}, 60_000);
afterAll(async () => {
  await deps.close();
});

describe('coach overview', () => {
  it('when the team is loaded, then those needing attention come first with their reasons and every column is filled', async () => {
    const res = await request(app).get('/api/coach/overview').set('Cookie', coach.cookie);
    expect(res.status).toBe(200);
    const [first, second] = res.body.athletes;
    expect(first.name).toMatch(/Spiky/);
    expect(first.attention.score).toBeGreaterThan(second.attention.score);
    expect(first.attention.reasons.join(' ')).toMatch(/Load spike|Likely sore|Low form/);
    expect(first).toMatchObject({
      calibrating: false,
      lastActivity: { sportType: 'Run' },
      trends: { fatigue: 'up' },
    });
    expect(first.mostStrained).not.toBeNull();
    // Calm's series stops yesterday: the overview extends it to today with the pure engine.
    expect(second.asOf).toBe(utcToday());
    expect(second.load7d).toBeGreaterThan(0);
  });

  it('when sorted by name ascending or filtered, then the API obeys, and unknown values are a 400 naming the parameter', async () => {
    const byName = await request(app)
      .get('/api/coach/overview?sort=name&order=asc')
      .set('Cookie', coach.cookie);
    expect(byName.body.athletes.map((a: { name: string }) => a.name)).toEqual(['Calm Lete', 'Spiky Lete']);
    const found = await request(app).get('/api/coach/overview?q=calm').set('Cookie', coach.cookie);
    expect(found.body.shown).toBe(1);
    const bad = await request(app).get('/api/coach/overview?sort=salary').set('Cookie', coach.cookie);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^sort:/);
  });
});

describe('athlete page data', () => {
  it("when the summary is read, then it has today's numbers, the load range, a 7-area body map and physiology sources", async () => {
    const res = await request(app).get(`/api/athletes/${calm.athleteId}`).set('Cookie', coach.cookie);
    expect(res.status).toBe(200);
    expect(res.body.athlete.today).toBe(utcToday());
    expect(res.body.today).toMatchObject({ calibrating: false, load: 0 });
    expect(res.body.today.loadRange).toEqual(expect.objectContaining({ restAdvised: expect.any(Boolean) }));
    expect(res.body.bodyMap.areas).toHaveLength(7);
    expect(res.body.physiology.find((p: { key: string }) => p.key === 'hrMaxBpm').source).toBe('default');
  });

  it('when a range is chosen, then the series has one point per day through today; a bad range is a 400', async () => {
    const res = await request(app)
      .get(`/api/athletes/${calm.athleteId}/series?range=6w`)
      .set('Cookie', calm.cookie);
    expect(res.body.points).toHaveLength(42);
    expect(res.body.points.at(-1).day).toBe(utcToday());
    expect(
      (await request(app).get(`/api/athletes/${calm.athleteId}/series?range=9y`).set('Cookie', calm.cookie))
        .status,
    ).toBe(400);
  });

  it('when activities are listed, then each has load, method, confidence and a View on Strava link; paging works', async () => {
    const res = await request(app)
      .get(`/api/athletes/${spiky.athleteId}/activities?limit=5`)
      .set('Cookie', coach.cookie);
    expect(res.body.activities).toHaveLength(5);
    expect(res.body.activities[0]).toMatchObject({
      methodLabel: 'Average heart rate',
      confidence: 'medium',
      stravaUrl: expect.stringMatching(/^https:\/\/www\.strava\.com\/activities\/\d+$/),
    });
    const older = await request(app)
      .get(`/api/athletes/${spiky.athleteId}/activities?limit=5&before=${encodeURIComponent(res.body.next)}`)
      .set('Cookie', coach.cookie);
    expect(older.body.activities[0].startDate < res.body.activities[4].startDate).toBe(true);
    expect(
      (
        await request(app)
          .get(`/api/athletes/${spiky.athleteId}/activities?limit=0`)
          .set('Cookie', coach.cookie)
      ).status,
    ).toBe(400);
  });

  it('when the athlete rates an activity, then it is saved and a recompute is queued; coaches cannot rate', async () => {
    const list = await request(app)
      .get(`/api/athletes/${spiky.athleteId}/activities?limit=1`)
      .set('Cookie', spiky.cookie);
    const id = list.body.activities[0].id as string;
    const res = await request(app)
      .put(`/api/me/activities/${id}/rpe`)
      .set('Cookie', spiky.cookie)
      .set('X-CSRF-Token', await csrfFor(app, spiky.cookie))
      .send({ rpe: 8 });
    expect(res.status).toBe(200);
    expect((await deps.db.query('select rpe from activity where id = $1', [id])).rows[0].rpe).toBe(8);
    const jobs = await deps.queues.queue('compute').getJobs(['waiting', 'prioritized', 'delayed']);
    expect(jobs.map((j) => j.name)).toContain('recompute-athlete');
    const bad = await request(app)
      .put(`/api/me/activities/${id}/rpe`)
      .set('Cookie', spiky.cookie)
      .set('X-CSRF-Token', await csrfFor(app, spiky.cookie))
      .send({ rpe: 11 });
    expect(bad.status).toBe(400);
    const other = await request(app)
      .put(`/api/me/activities/${id}/rpe`)
      .set('Cookie', calm.cookie)
      .set('X-CSRF-Token', await csrfFor(app, calm.cookie))
      .send({ rpe: 3 });
    expect(other.status).toBe(404);
    const huge = await request(app)
      .put('/api/me/activities/99999999999999999999/rpe')
      .set('Cookie', spiky.cookie)
      .set('X-CSRF-Token', await csrfFor(app, spiky.cookie))
      .send({ rpe: 3 });
    expect(huge.status).toBe(404);
  });
});

describe('CSV export', () => {
  it('when the athlete exports activities, then the CSV is RFC 4180 with formula cells neutralised', async () => {
    const res = await request(app).get('/api/me/export/activities.csv').set('Cookie', spiky.cookie);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.text.split('\r\n');
    expect(lines[0]).toMatch(/^strava_activity_id,name,sport_type/);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
  });

  it('when the daily series is exported, then there is one line per stored day; coaches cannot export', async () => {
    const res = await request(app).get('/api/me/export/daily-series.csv').set('Cookie', calm.cookie);
    expect(res.text.trim().split('\r\n')).toHaveLength(121);
    expect(
      (await request(app).get('/api/me/export/daily-series.csv').set('Cookie', coach.cookie)).status,
    ).toBe(403);
  });
});

describe('OpenAPI', () => {
  it('when /api/openapi.json is read, then it documents every mounted route with its policy', async () => {
    const res = await request(app).get('/api/openapi.json');
    expect(res.body.openapi).toBe('3.1.0');
    const documented = Object.entries(res.body.paths as Record<string, Record<string, unknown>>).flatMap(
      ([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p.replace(/\{(\w+)\}/g, ':$1')}`),
    );
    const mounted = mountedRoutes(app).map((r) => `${r.method} ${r.path}`);
    expect(mounted.filter((k) => !documented.includes(k))).toEqual([]);
    expect(res.body.paths['/api/athletes/{athleteId}'].get['x-policy']).toBe('athlete-or-coach');
  });
});
