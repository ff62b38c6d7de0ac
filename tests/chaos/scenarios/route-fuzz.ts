import fc from 'fast-check';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../../services/api/app';
import { mountedRoutes, type MountedRoute } from '../../integration/dashboard/support/routes';
import { athleteActor, coachActor, csrfFor } from '../../integration/dashboard/support/world';
import type { InvariantResult } from '../../support/chaos/invariants';
import { reportInvariants } from '../../support/chaos/settle';
import { createTestDeps } from '../../support/test-deps';

const fuzzRow = (id: string, name: string, found: number, detail: string): InvariantResult => ({
  id,
  name,
  expected: 0,
  found,
  pass: found === 0,
  detail,
});

export interface FuzzOptions {
  bodiesPerRoute: number;
  seed: number;
}

export interface FuzzResult {
  seed: number;
  routes: number;
  requests: number;
  /** Responses >= 500, each with what was sent (replay with the printed seed). */
  serverErrors: { route: string; status: number; sample: string }[];
  unhandled: number;
  statusCounts: Record<string, number>;
  text: string;
}

interface Caller {
  name: string;
  cookie?: string;
  csrf?: string;
}

/** Hostile path parameters: ids of every wrong shape. */
const idArb = fc.oneof(
  fc.uuid(),
  fc.constantFrom(
    '-1',
    '0',
    '9007199254740993',
    '1e400',
    'NaN',
    "1' or '1'='1",
    '%00',
    '..%2F..',
    '__proto__',
  ),
  fc.string({ maxLength: 40 }),
  fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String),
);

/** Bodies: JSON of any shape (prototype keys included), valid-looking objects with wrong types, raw bytes. */
const bodyArb = fc.oneof(
  fc.record({ kind: fc.constant('json'), value: fc.jsonValue({ maxDepth: 4 }) }),
  fc.record({
    kind: fc.constant('json'),
    value: fc.dictionary(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'email',
        'password',
        'displayName',
        'token',
        'rpe',
        'enabled',
        'quietHours',
        'object_id',
        'aspect_type',
        'owner_id',
        'updates',
        'athleteId',
        'priority',
        'date',
        'name',
      ),
      fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.string({ maxLength: 300 }), fc.double(), fc.constant(null)),
    ),
  }),
  fc.record({ kind: fc.constant('bytes'), value: fc.uint8Array({ maxLength: 2048 }) }),
  fc.record({ kind: fc.constant('form'), value: fc.string({ maxLength: 500 }) }),
  fc.record({ kind: fc.constant('deep'), value: fc.integer({ min: 100, max: 20_000 }) }),
);

type Body = fc.Arbitrary<unknown> extends never ? never : { kind: string; value: unknown };

function materialize(path: string, ids: string[]): string {
  let i = 0;
  return path.replace(/:[A-Za-z_]+/g, () => encodeURIComponent(ids[i++ % ids.length] ?? 'x'));
}

/** One request over a real loopback socket (a listening server: no per-request server start-up). */
async function send(
  base: string,
  route: MountedRoute,
  url: string,
  body: Body,
  caller: Caller,
): Promise<number> {
  const headers: Record<string, string> = {};
  if (caller.cookie) headers.cookie = caller.cookie;
  if (caller.csrf) headers['x-csrf-token'] = caller.csrf;
  let payload: string | Blob | undefined;
  if (route.method !== 'GET') {
    headers['content-type'] = body.kind === 'form' ? 'application/x-www-form-urlencoded' : 'application/json';
    if (body.kind === 'json') payload = JSON.stringify(body.value);
    else if (body.kind === 'bytes') payload = new Blob([Uint8Array.from(body.value as Uint8Array)]);
    else if (body.kind === 'deep')
      payload = `${'['.repeat(body.value as number)}${']'.repeat(body.value as number)}`;
    else payload = String(body.value);
  }
  const res = await fetch(`${base}${url}`, {
    method: route.method,
    headers,
    body: payload,
    redirect: 'manual',
  });
  await res.arrayBuffer().catch(() => undefined);
  return res.status;
}

/**
 * Issue 8: "1,000 fuzzed bodies per public route: no 5xx, no crash". Every route the app mounts (read from
 * Express's router stack, so new routes are fuzzed without being listed) gets `bodiesPerRoute` requests
 * with hostile ids in the path and hostile bodies, as an anonymous caller and as signed-in athlete and
 * coach with a valid CSRF token (so handlers behind CSRF are reached too). Seeded and replayable.
 */
export async function runRouteFuzz(o: FuzzOptions): Promise<FuzzResult> {
  const deps = await createTestDeps({ LOG_LEVEL: 'fatal' });
  let unhandled = 0;
  let closeServer = () => Promise.resolve();
  const onUnhandled = () => void unhandled++;
  process.on('unhandledRejection', onUnhandled);
  try {
    const app = buildApp(deps);
    const server = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    closeServer = () => new Promise<void>((resolve) => server.close(() => resolve()));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const athlete = await athleteActor(deps);
    const coach = await coachActor(app, 'Coach', deps);
    const callers: Caller[] = [
      { name: 'anonymous' },
      { name: 'athlete', cookie: athlete.cookie, csrf: await csrfFor(app, athlete.cookie) },
      { name: 'coach', cookie: coach.cookie, csrf: await csrfFor(app, coach.cookie) },
    ];
    const routes = mountedRoutes(app).filter((r) => !['/api/logout', '/logout'].includes(r.path));
    const result: FuzzResult = {
      seed: o.seed,
      routes: routes.length,
      requests: 0,
      serverErrors: [],
      unhandled: 0,
      statusCounts: {},
      text: '',
    };
    for (const [index, route] of routes.entries()) {
      const bodies = fc.sample(bodyArb, { seed: o.seed + index, numRuns: o.bodiesPerRoute }) as Body[];
      const ids = fc.sample(idArb, { seed: o.seed + index, numRuns: o.bodiesPerRoute * 2 });
      let next = 0;
      const lane = async () => {
        while (next < bodies.length) {
          const k = next++;
          const body = bodies[k]!;
          const url = materialize(route.path, [ids[2 * k]!, ids[2 * k + 1]!]);
          const caller = callers[k % callers.length]!;
          const status = await send(base, route, url, body, caller).catch(() => 0);
          result.requests++;
          result.statusCounts[status] = (result.statusCounts[status] ?? 0) + 1;
          if (status >= 500 || status === 0)
            result.serverErrors.push({
              route: `${route.method} ${route.path}`,
              status,
              sample: `${caller.name} ${url} ${JSON.stringify(body).slice(0, 200)}`,
            });
        }
      };
      await Promise.all([lane(), lane(), lane(), lane()]);
    }
    result.unhandled = unhandled;
    result.text = [
      `route fuzz: seed ${o.seed}, ${result.routes} routes x ${o.bodiesPerRoute} bodies = ${result.requests} requests`,
      `  statuses ${JSON.stringify(result.statusCounts)}`,
      `  5xx: ${result.serverErrors.length}${
        result.serverErrors.length
          ? ` e.g. ${result.serverErrors
              .slice(0, 3)
              .map((e) => `${e.route} -> ${e.status} (${e.sample})`)
              .join(' | ')}`
          : ''
      }`,
      `  unhandled rejections: ${unhandled}; process alive: yes`,
    ].join('\n');
    reportInvariants(`route fuzz: ${result.routes} routes x ${o.bodiesPerRoute} bodies`, [
      fuzzRow('F1', '5xx responses', result.serverErrors.length, `${result.requests} requests`),
      fuzzRow('F2', 'unhandled rejections', unhandled, 'in the process serving the routes'),
    ]);
    console.log(result.text);
    return result;
  } finally {
    process.off('unhandledRejection', onUnhandled);
    await closeServer();
    await deps.close();
  }
}
