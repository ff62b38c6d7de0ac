import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { seedHistory, utcToday } from './support/seed';
import { athleteActor, coachActor, csrfFor, linkCoach, type Actor } from './support/world';

/**
 * Issue 14 part 5, privacy follows the athlete: an activity private on Strava ("Only you") is hidden from
 * a coach (not listed, not counted in the coach's figures, alerts it fed not shown) unless the athlete
 * opts in for that coach; the athlete always sees everything.
 */
let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
let athlete: Actor;
let coach: Actor;
let privateId: string;

const PRIVATE_LOAD = 400;

beforeAll(async () => {
  deps = await createTestDeps();
  app = buildApp(deps);
  athlete = await athleteActor(deps, { firstname: 'Hidden' });
  coach = await coachActor(app, 'Private Coach', deps);
  await linkCoach(deps, coach.userId, athlete.athleteId!);
  const today = utcToday();
  const { activityIds } = await seedHistory(deps.db, athlete.athleteId!, {
    endDate: today,
    days: 60,
    loadOf: (i) => (i === 59 ? PRIVATE_LOAD : i % 7 === 6 ? 0 : 50),
    title: (i) => (i === 59 ? 'Secret session' : `Run ${i}`),
  });
  privateId = activityIds[activityIds.length - 1]!;
  await deps.db.query(`update activity set private = true, visibility = 'only_me' where id = $1`, [
    privateId,
  ]);
  await deps.db.query(
    `insert into alert (athlete_id, rule_id, body_area, local_date, status, details)
     values ($1, 'load-spike', '-', $2, 'sent', '{"reasons": ["A big day"]}')`,
    [athlete.athleteId, today],
  );
}, 60_000);
afterAll(async () => {
  await deps.close();
});

const get = (who: Actor, url: string) => request(app).get(url).set('Cookie', who.cookie);
const share = async (allowed: boolean) =>
  request(app)
    .put(`/api/me/coaches/${coach.userId}/scopes`)
    .set('Cookie', athlete.cookie)
    .set('X-CSRF-Token', await csrfFor(app, athlete.cookie))
    .send({ sharePrivate: allowed });

async function viewOf(who: Actor) {
  const base = `/api/athletes/${athlete.athleteId}`;
  const [list, series, summary, alerts] = await Promise.all([
    get(who, `${base}/activities?limit=100`),
    get(who, `${base}/series?range=6w`),
    get(who, base),
    get(who, `${base}/alerts`),
  ]);
  for (const r of [list, series, summary, alerts]) expect(r.status).toBe(200);
  const points = series.body.points as { day: string; load: number }[];
  return {
    ids: (list.body.activities as { id: string }[]).map((a) => a.id),
    todayLoad: points[points.length - 1]!.load,
    today: summary.body.today,
    bodyMap: summary.body.bodyMap,
    alerts: alerts.body.alerts.length as number,
  };
}

async function overviewRow() {
  const res = await get(coach, '/api/coach/overview');
  expect(res.status).toBe(200);
  return res.body.athletes.find((a: { athleteId: string }) => a.athleteId === athlete.athleteId);
}

describe('activities private on Strava, seen by a coach', () => {
  it('when the athlete has not opted in, then the coach sees neither the activity nor anything computed from it; the athlete sees all', async () => {
    const own = await viewOf(athlete);
    const coachView = await viewOf(coach);
    expect(own.ids).toContain(privateId);
    expect(coachView.ids).not.toContain(privateId);
    expect(coachView.ids).toHaveLength(own.ids.length - 1);
    expect(own.todayLoad).toBe(PRIVATE_LOAD);
    expect(coachView.todayLoad).toBe(0);
    expect(coachView.today).not.toEqual(own.today);
    expect(coachView.bodyMap).not.toEqual(own.bodyMap);
    expect(own.alerts).toBe(1);
    expect(coachView.alerts).toBe(0);
    const row = await overviewRow();
    expect(row.lastActivity.name).not.toBe('Secret session');
    expect(row.openRecommendations).toBe(0);
    // The week's load without the private 400.
    expect(row.load7d).toBeLessThan(PRIVATE_LOAD);
  });

  it('when the athlete opts in for this coach, then the coach sees the same as the athlete; withdrawing hides it again on the next request', async () => {
    const granted = await share(true);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({ scopes: ['see'], sharePrivate: true });
    const own = await viewOf(athlete);
    expect(await viewOf(coach)).toEqual(own);
    const row = await overviewRow();
    expect(row.lastActivity.name).toBe('Secret session');
    expect(row.load7d).toBeGreaterThanOrEqual(PRIVATE_LOAD);
    expect(row.openRecommendations).toBe(1);

    const mine = await get(athlete, '/api/me/coaches');
    expect(mine.body.coaches[0]).toMatchObject({ coachUserId: coach.userId, sharePrivate: true });
    expect((await share(false)).body.sharePrivate).toBe(false);
    expect((await viewOf(coach)).ids).not.toContain(privateId);
    const audit = await get(athlete, '/api/me/coach-changes');
    expect(
      audit.body.changes.map((c: { action: string; detail: { scope: string } }) => [
        c.action,
        c.detail.scope,
      ]),
    ).toEqual([
      ['scope-withdrawn', 'see-private'],
      ['scope-granted', 'see-private'],
    ]);
  });

  it('when the opt-in body is malformed or names no live coach, then a clear 4xx and nothing changes', async () => {
    const csrf = await csrfFor(app, athlete.cookie);
    const bad = await request(app)
      .put(`/api/me/coaches/${coach.userId}/scopes`)
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', csrf)
      .send({ sharePrivate: 'yes' });
    expect(bad.status).toBe(400);
    const empty = await request(app)
      .put(`/api/me/coaches/${coach.userId}/scopes`)
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', csrf)
      .send({});
    expect(empty.status).toBe(400);
    const stranger = await coachActor(app, 'Stranger', deps);
    const none = await request(app)
      .put(`/api/me/coaches/${stranger.userId}/scopes`)
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', csrf)
      .send({ sharePrivate: true });
    expect(none.status).toBe(404);
    // A coach cannot grant it to themself: the route is the athlete's.
    const self = await request(app)
      .put(`/api/me/coaches/${coach.userId}/scopes`)
      .set('Cookie', coach.cookie)
      .set('X-CSRF-Token', await csrfFor(app, coach.cookie))
      .send({ sharePrivate: true });
    expect(self.status).toBe(403);
    expect((await viewOf(coach)).ids).not.toContain(privateId);
  });

  it('when the athlete revokes and accepts again, then the opt-in does not come back with the new consent', async () => {
    await share(true);
    await deps.db.query(
      `update coach_athlete set revoked_at = now() where coach_user_id = $1 and athlete_id = $2`,
      [coach.userId, athlete.athleteId],
    );
    const invite = await request(app)
      .post('/api/coach/invites')
      .set('Cookie', coach.cookie)
      .set('X-CSRF-Token', await csrfFor(app, coach.cookie))
      .send({ note: 'again' });
    const token = String(invite.body.url).split('/invite/')[1]!;
    const preview = await request(app).get(`/api/invites/${token}`);
    // The consent page says exactly what the coach sees of private activities.
    expect(preview.body.consentText).toContain('private on Strava ("Only you")');
    expect(preview.body.hidden.join('\n')).toContain('Activities you keep private on Strava');
    const accepted = await request(app)
      .post(`/api/invites/${token}/accept`)
      .set('Cookie', athlete.cookie)
      .set('X-CSRF-Token', await csrfFor(app, athlete.cookie))
      .send({ consentVersion: preview.body.consentVersion });
    expect(accepted.status).toBe(201);
    const { rows } = await deps.db.query(
      `select share_private, consent_text from coach_athlete where coach_user_id = $1 and athlete_id = $2`,
      [coach.userId, athlete.athleteId],
    );
    expect(rows[0].share_private).toBe(false);
    expect(rows[0].consent_text).toBe(preview.body.consentText);
    expect((await viewOf(coach)).ids).not.toContain(privateId);
  });
});
