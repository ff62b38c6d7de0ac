import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { insertActivityRow } from '../../support/training-builders';
import { athleteActor, coachActor, csrfFor, linkCoach } from './support/world';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
beforeAll(async () => {
  deps = await createTestDeps();
  app = buildApp(deps);
});
afterAll(() => deps.close());

const queued = async () =>
  (await deps.queues.queue('compute').getJobs(['waiting', 'prioritized'])).map((j) => j.data);

describe('training settings API', () => {
  it('when the athlete enters physiology, then it merges, null clears, and every activity is queued for recompute', async () => {
    const me = await athleteActor(deps);
    await insertActivityRow(deps.db, me.athleteId!, { startDate: '2026-05-02T07:00:00Z' });
    const csrf = await csrfFor(app, me.cookie);
    const put = (body: object) =>
      request(app)
        .put(`/api/athletes/${me.athleteId}/physiology`)
        .set('Cookie', me.cookie)
        .set('X-CSRF-Token', csrf)
        .send(body);
    expect((await put({ hrMaxBpm: 186, ftpW: 250 })).body.entered).toEqual({ hrMaxBpm: 186, ftpW: 250 });
    expect((await put({ ftpW: null, birthYear: 1985 })).body.entered).toEqual({
      hrMaxBpm: 186,
      birthYear: 1985,
    });
    expect(await queued()).toContainEqual({
      athleteId: me.athleteId,
      fromDate: '2026-05-02',
      recomputeActivities: true,
    });
    const bad = await put({ hrMaxBpm: 400, colour: 'red' });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/hrMaxBpm must be a number from 100 to 240/);
  });

  it('when a coach the athlete allowed to adjust settings enters physiology, then it is saved; with consent to see only, 403; without consent, 404', async () => {
    const athlete = await athleteActor(deps);
    const coach = await coachActor(app, 'Physio', deps);
    const csrf = await csrfFor(app, coach.cookie);
    const put = () =>
      request(app)
        .put(`/api/athletes/${athlete.athleteId}/physiology`)
        .set('Cookie', coach.cookie)
        .set('X-CSRF-Token', csrf)
        .send({ lthrBpm: 168 });
    expect((await put()).status).toBe(404);
    await linkCoach(deps, coach.userId, athlete.athleteId!);
    expect((await put()).status).toBe(403);
    await deps.db.query(
      `update coach_athlete set scopes = '{see,adjust-training}' where coach_user_id = $1`,
      [coach.userId],
    );
    const saved = await put();
    expect(saved.status).toBe(200);
    expect(saved.body.enteredBy).toEqual({ lthrBpm: 'coach' });
    // The label says who typed it (issue 16), on the page the athlete reads.
    const summary = await request(app)
      .get(`/api/athletes/${athlete.athleteId}`)
      .set('Cookie', athlete.cookie);
    const lthr = summary.body.physiology.find((p: { key: string }) => p.key === 'lthrBpm');
    expect(lthr).toMatchObject({ value: '168 bpm', sourceLabel: 'entered by your coach' });
  });

  it('when the athlete tags the areas a strength session worked, then they are stored and the day recomputes', async () => {
    const me = await athleteActor(deps);
    const id = await insertActivityRow(deps.db, me.athleteId!, {
      startDate: '2026-05-09T17:00:00Z',
      sportType: 'WeightTraining',
    });
    const csrf = await csrfFor(app, me.cookie);
    const res = await request(app)
      .put(`/api/me/activities/${id}/areas`)
      .set('Cookie', me.cookie)
      .set('X-CSRF-Token', csrf)
      .send({ areas: ['arms', 'neckShoulders'] });
    expect(res.status).toBe(200);
    const { rows } = await deps.db.query('select tagged_areas from activity where id = $1', [id]);
    expect(rows[0].tagged_areas).toEqual(['arms', 'neckShoulders']);
    expect(await queued()).toContainEqual({
      athleteId: me.athleteId,
      fromDate: '2026-05-09',
      recomputeActivities: false,
    });
    const bad = await request(app)
      .put(`/api/me/activities/${id}/areas`)
      .set('Cookie', me.cookie)
      .set('X-CSRF-Token', csrf)
      .send({ areas: ['elbows'] });
    expect(bad.status).toBe(400);
    const other = await athleteActor(deps);
    const otherCsrf = await csrfFor(app, other.cookie);
    const foreign = await request(app)
      .put(`/api/me/activities/${id}/areas`)
      .set('Cookie', other.cookie)
      .set('X-CSRF-Token', otherCsrf)
      .send({ areas: ['arms'] });
    expect(foreign.status).toBe(404);
  });
});
