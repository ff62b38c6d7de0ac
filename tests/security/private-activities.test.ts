import request from 'supertest';
import { athleteActor, coachActor, csrfFor, linkCoach } from '../integration/dashboard/support/world';
import { seedHistory, utcToday } from '../integration/dashboard/support/seed';
import { startAttackWorld, type AttackWorld } from './support/attack-world';

let w: AttackWorld;
beforeAll(async () => {
  w = await startAttackWorld();
});
afterAll(async () => {
  await w.close();
});

/** An athlete whose latest activity (today, load 300, titled "Only me") is private on Strava. */
async function athleteWithPrivateActivity() {
  const athlete = await athleteActor(w.deps, { firstname: 'Private' });
  const coach = await coachActor(w.app, 'Curious Coach', w.deps);
  await linkCoach(w.deps, coach.userId, athlete.athleteId!);
  const { activityIds } = await seedHistory(w.deps.db, athlete.athleteId!, {
    endDate: utcToday(),
    days: 14,
    loadOf: (i) => (i === 13 ? 300 : 40),
    title: (i) => (i === 13 ? 'Only me' : `Run ${i}`),
  });
  const privateId = activityIds[activityIds.length - 1]!;
  await w.deps.db.query(`update activity set private = true, visibility = 'only_me' where id = $1`, [
    privateId,
  ]);
  return { athlete, coach, privateId };
}

describe('ASVS-14.5 private activities shown to coaches', () => {
  it('when a consented coach reads the athlete list, series and overview, then the "Only you" activity and its load are not in any of them', async () => {
    const { athlete, coach, privateId } = await athleteWithPrivateActivity();
    const base = `/api/athletes/${athlete.athleteId}`;
    const as = (url: string) => request(w.app).get(url).set('Cookie', coach.cookie);
    const [list, series, overview] = await Promise.all([
      as(`${base}/activities?limit=100`),
      as(`${base}/series?range=6w`),
      as('/api/coach/overview'),
    ]);
    const body = JSON.stringify([list.body, series.body, overview.body]);
    expect(list.body.activities.map((a: { id: string }) => a.id)).not.toContain(privateId);
    expect(body).not.toContain('Only me');
    expect(series.body.points.at(-1).load).toBe(0);
    expect(overview.body.athletes[0].load7d).toBeLessThan(300);
  });

  it("when the coach grants themself the athlete's private activities, then 403 and they stay hidden", async () => {
    const { athlete, coach, privateId } = await athleteWithPrivateActivity();
    const res = await request(w.app)
      .put(`/api/me/coaches/${coach.userId}/scopes`)
      .set('Cookie', coach.cookie)
      .set('X-CSRF-Token', await csrfFor(w.app, coach.cookie))
      .send({ sharePrivate: true });
    expect(res.status).toBe(403);
    const list = await request(w.app)
      .get(`/api/athletes/${athlete.athleteId}/activities`)
      .set('Cookie', coach.cookie);
    expect(list.body.activities.map((a: { id: string }) => a.id)).not.toContain(privateId);
  });
});
