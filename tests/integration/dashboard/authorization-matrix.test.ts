import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import { ROUTES, policyOf } from '../../../services/api/surface/route-table';
import { routeKey, type RoutePolicy } from '../../../services/api/surface/route-spec';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { seedHistory, utcToday } from './support/seed';
import { mountedRoutes, type MountedRoute } from './support/routes';
import { coachActor, cookieOf, csrfFor, insertAthlete, linkCoach, sessionFor } from './support/world';

// reliability.md S1/S2: every route x every principal x id variants; 0 responses exposing athlete B to
// anyone without consent, 0 5xx, and a route without a declared policy fails the suite.
let deps: TestDeps;
let app: ReturnType<typeof buildApp>;
const ids = {
  owner: '',
  other: '',
  revoked: '',
  deauthCoach: '',
  athleteB: '',
  athleteBUser: '',
  stranger: '',
  strangerUser: '',
  deauthAthlete: '',
};

beforeAll(async () => {
  // Strava is unreachable on purpose: disconnect must still work locally without calling the internet.
  deps = await createTestDeps({ STRAVA_BASE_URL: 'http://127.0.0.1:9' });
  app = buildApp(deps);
  const [owner, other, revoked, deauthCoach] = await Promise.all(
    ['Owner', 'Other', 'Revoked', 'DeauthCoach'].map((n) => coachActor(app, n, deps)),
  );
  const b = await insertAthlete(deps, { firstname: 'Bea' });
  const s = await insertAthlete(deps, { firstname: 'Stranger' });
  const d = await insertAthlete(deps, { firstname: 'Gone' });
  Object.assign(ids, {
    owner: owner!.userId,
    other: other!.userId,
    revoked: revoked!.userId,
    deauthCoach: deauthCoach!.userId,
    athleteB: b.athleteId,
    athleteBUser: b.userId,
    stranger: s.athleteId,
    strangerUser: s.userId,
    deauthAthlete: d.athleteId,
  });
  await linkCoach(deps, ids.owner, b.athleteId);
  // The owner coach also holds the athlete's separate "adjust my training settings" grant (issue 15), so
  // every coach-reachable route lets them through; the scope itself is tested in tests/security.
  await deps.db.query(`update coach_athlete set scopes = '{see,adjust-training}' where coach_user_id = $1`, [
    ids.owner,
  ]);
  await linkCoach(deps, ids.revoked, b.athleteId);
  await deps.db.query('update coach_athlete set revoked_at = now() where coach_user_id = $1', [ids.revoked]);
  await linkCoach(deps, ids.deauthCoach, d.athleteId);
  await deps.db.query(`update athlete set connection_state = 'disconnected' where id = $1`, [d.athleteId]);
  await seedHistory(deps.db, b.athleteId, { endDate: utcToday(), days: 50 });
}, 60_000);
afterAll(async () => {
  await deps.close();
});

type Principal = 'anonymous' | 'athleteB' | 'stranger' | 'owner' | 'other' | 'revoked' | 'deauthCoach';
const PRINCIPALS: Principal[] = [
  'anonymous',
  'athleteB',
  'stranger',
  'owner',
  'other',
  'revoked',
  'deauthCoach',
];

/** A fresh session per call: logout or disconnect in one call must not leak into the next. */
async function cookieFor(p: Principal): Promise<string | undefined> {
  // A visitor with a session but no sign-in, so state-changing calls pass CSRF and meet the auth check itself.
  if (p === 'anonymous') return cookieOf((await request(app).get('/api/session')).headers['set-cookie']);
  if (p === 'athleteB')
    return (await sessionFor(deps, { userId: ids.athleteBUser, role: 'athlete', athleteId: ids.athleteB }))
      .cookie;
  if (p === 'stranger') {
    // Self-service routes may delete the caller (disconnect): a throwaway athlete stands in for "some other athlete".
    const t = await insertAthlete(deps, { firstname: 'Temp' });
    return (await sessionFor(deps, { userId: t.userId, role: 'athlete', athleteId: t.athleteId })).cookie;
  }
  return (await sessionFor(deps, { userId: ids[p], role: 'coach' })).cookie;
}

const ID_VARIANTS = () => ({
  own: ids.athleteB,
  foreign: ids.stranger,
  deauthorized: ids.deauthAthlete,
  unknown: randomUUID(),
  negative: '-1',
  huge: '9'.repeat(40),
  text: 'abc',
  sql: "1' or '1'='1",
});

async function call(route: MountedRoute, path: string, cookie: string | undefined) {
  const method = route.method.toLowerCase() as 'get' | 'post' | 'put' | 'delete';
  let req = request(app)[method](path).set('Accept', 'application/json');
  if (cookie) {
    req = req.set('Cookie', cookie);
    if (method !== 'get') req = req.set('X-CSRF-Token', await csrfFor(app, cookie));
  }
  return method === 'get' ? req : req.send({});
}

const DENIED = [401, 403, 404];
const isPage = (r: MountedRoute) =>
  r.method === 'GET' && !r.path.startsWith('/api/') && !r.path.startsWith('/auth/');

/** Who the policy lets through for the athlete B variant. */
function allowed(policy: RoutePolicy, p: Principal): boolean {
  const coach = ['owner', 'other', 'revoked', 'deauthCoach'].includes(p);
  switch (policy) {
    case 'public':
      return true;
    case 'authenticated':
      return p !== 'anonymous';
    case 'coach':
      return coach;
    case 'athlete-self':
      return p === 'athleteB' || p === 'stranger';
    case 'athlete-or-coach':
      return p === 'athleteB' || p === 'owner';
    case 'coach-of-athlete':
      return p === 'owner';
    case 'machine':
    case 'signed-link':
      return false;
  }
}

function expectOutcome(
  route: MountedRoute,
  policy: RoutePolicy,
  p: Principal,
  variant: string,
  status: number,
): void {
  const label = `${route.method} ${route.path} as ${p} with ${variant} id`;
  const scoped = route.path.includes(':athleteId');
  let ok = status < 500;
  if (ok && p === 'anonymous' && policy !== 'public') ok = isPage(route) ? status === 303 : status === 401;
  else if (ok && !allowed(policy, p))
    ok = DENIED.includes(status) || (isPage(route) && status === 303 && p === 'anonymous');
  else if (ok && scoped && variant !== 'own') ok = DENIED.includes(status);
  else if (ok && scoped) ok = !DENIED.includes(status);
  else if (ok && policy !== 'public') ok = ![401, 403].includes(status);
  expect({ label, status, ok }).toEqual({ label, status, ok: true });
}

describe('authorization matrix', () => {
  it('when the app is built, then every mounted route has a declared policy and every declared policy is mounted', () => {
    const mounted = mountedRoutes(app);
    const missing = mounted.filter((r) => !policyOf(r.method, r.path)).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
    const keys = new Set(mounted.map((r) => `${r.method} ${r.path}`));
    const declared = ROUTES.map((r) => routeKey(r.method, r.path));
    expect(declared.filter((k) => !keys.has(k) && k !== 'GET /metrics')).toEqual([]);
  });

  it('when every route is called by every principal with every id variant, then only the policy lets anyone through', async () => {
    const routes = mountedRoutes(app).filter(
      (r) => !['machine', 'signed-link'].includes(policyOf(r.method, r.path) ?? ''),
    );
    for (const route of routes) {
      const policy = policyOf(route.method, route.path)!;
      const variants = route.path.includes(':') ? Object.entries(ID_VARIANTS()) : [['none', '']];
      for (const [variant, id] of variants) {
        const path = route.path
          .replace(':athleteId', encodeURIComponent(id!))
          .replace(/:\w+/g, encodeURIComponent(id || 'x'));
        for (const p of PRINCIPALS) {
          // Self-service routes act on the caller (disconnect deletes them): athlete B must survive the matrix.
          const who = policy === 'athlete-self' && p === 'athleteB' ? 'stranger' : p;
          const res = await call(route, path, await cookieFor(who));
          expectOutcome(route, policy, p, variant!, res.status);
        }
      }
    }
  }, 240_000);

  it('when random ids are tried on athlete routes by a consented coach, then none answers anything but 404', async () => {
    const cookie = await cookieFor('owner');
    const routes = mountedRoutes(app).filter((r) => r.method === 'GET' && r.path.includes(':athleteId'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 60 })),
        async (route, id) => {
          fc.pre(id.toLowerCase() !== ids.athleteB && id.trim() !== '' && !['.', '..'].includes(id));
          const res = await request(app)
            .get(route.path.replace(':athleteId', encodeURIComponent(id)))
            .set('Cookie', cookie!)
            .set('Accept', 'application/json');
          expect([404]).toContain(res.status);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);
});
