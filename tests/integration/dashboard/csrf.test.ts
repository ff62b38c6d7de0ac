import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { policyOf } from '../../../services/api/surface/route-table';
import { mountedRoutes } from './support/routes';
import { athleteActor, coachActor, csrfFor, insertAthlete, linkCoach, type Actor } from './support/world';
import { seedHistory, utcToday } from './support/seed';

let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
let coach: Actor;
let athlete: Actor;
beforeAll(async () => {
  deps = await createTestDeps();
  app = buildApp(deps);
  coach = await coachActor(app, 'Csrf Coach', deps);
  athlete = await athleteActor(deps);
  await linkCoach(deps, coach.userId, athlete.athleteId!);
  await seedHistory(deps.db, athlete.athleteId!, { endDate: utcToday(), days: 60 });
});
afterAll(async () => {
  await deps.close();
});

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Everything a test could observe changing: row counts of every table the app writes. */
async function snapshot(): Promise<string> {
  const { rows } = await deps.db.query(
    `select table_name as t from information_schema.tables where table_schema = 'public' and table_name <> 'session' order by 1`,
  );
  const counts = await Promise.all(
    rows.map(
      async (r) => `${r.t}:${(await deps.db.query(`select count(*)::int as n from "${r.t}"`)).rows[0].n}`,
    ),
  );
  const hashes = await deps.db.query(
    `select md5(string_agg(t::text, ',' order by t::text)) as h from (select * from coach_athlete) t`,
  );
  return `${counts.join(' ')} ${hashes.rows[0].h}`;
}

describe('CSRF', () => {
  // Strava's webhook and email links sit before sessions by design (their own credentials): not browser forms.
  const routes = () =>
    mountedRoutes(app).filter(
      (r) =>
        STATE_CHANGING.has(r.method) &&
        !['machine', 'signed-link'].includes(policyOf(r.method, r.path) ?? ''),
    );

  it("when any state-changing route is called without a token, with a wrong token or with another session's token, then it is 403", async () => {
    const otherToken = await csrfFor(app, (await athleteActor(deps)).cookie);
    const own = await csrfFor(app, athlete.cookie);
    expect(routes().length).toBeGreaterThan(5);
    for (const r of routes()) {
      const path = r.path.replace(':athleteId', athlete.athleteId!).replace(/:\w+/g, 'x');
      for (const token of [undefined, 'wrong-token', otherToken]) {
        let req = request(app)[r.method.toLowerCase() as 'post'](path).set('Cookie', athlete.cookie);
        if (token) req = req.set('X-CSRF-Token', token);
        const res = await req.send({});
        expect({ route: `${r.method} ${r.path}`, token, status: res.status }).toEqual({
          route: `${r.method} ${r.path}`,
          token,
          status: 403,
        });
      }
    }
    expect(own).not.toBe(otherToken);
  });

  it('when every GET route is crawled by every kind of user, then no data changes (no state change on GET)', async () => {
    const other = await insertAthlete(deps);
    const before = await snapshot();
    for (const r of mountedRoutes(app).filter((x) => x.method === 'GET')) {
      const path = r.path
        .replace(':athleteId', athlete.athleteId!)
        .replace(':token', 'A'.repeat(43))
        .replace(/:\w+/g, other.athleteId);
      for (const who of [undefined, athlete.cookie, coach.cookie]) {
        const req = request(app).get(path);
        await (who ? req.set('Cookie', who) : req);
      }
    }
    expect(await snapshot()).toBe(before);
  });
});
