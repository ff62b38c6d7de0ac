import request from 'supertest';
import { buildApp } from '../../../services/api/app';
import {
  createStravaEmulator,
  type StravaEmulator,
  type StravaEmulatorOptions,
} from '../../../tools/strava-emulator';
import { createLogger } from '../../../services/logger';
import { buildDeps, closeDeps } from '../../../services/runtime';
import { completeStravaConnection } from '../../../services/connection/connect-athlete';
import { createTestDeps, type TestDeps } from '../../support/test-deps';

/** Frozen emulator start, 3 minutes into a 15-minute window (window ends 10:15:00Z). */
export const T0 = '2026-03-02T10:03:00Z';
export const EMULATOR_APP = { clientId: '1000', clientSecret: 'emulator-client-secret' };

let seeds = 0;
/** A seed never used before in this test file (the emulator derives athlete ids from seeds). */
export const nextSeed = (): string => `kw-${process.pid}-${++seeds}`;

export interface StravaWorld {
  emu: StravaEmulator;
  url: string;
  deps: TestDeps;
  close(): Promise<void>;
}

/**
 * The real emulator over HTTP (Strava's app registered as Kneadwise's default 1000 / emulator-client-secret)
 * plus test deps pointed at it. deps.clock reads the emulator's frozen clock, so token expiry and
 * rate-limit windows move together when a test advances time.
 */
export async function startStravaWorld(
  opts: { env?: Record<string, string>; emulator?: StravaEmulatorOptions } = {},
): Promise<StravaWorld> {
  const emu = createStravaEmulator({
    ...EMULATOR_APP,
    clock: { start: T0, frozen: true },
    warmCache: false,
    ...opts.emulator,
  });
  const { url } = await emu.start(0);
  const deps = await createTestDeps({ STRAVA_BASE_URL: url, ...opts.env });
  deps.clock = () => emu.clock.now();
  return {
    emu,
    url,
    deps,
    async close() {
      await deps.close();
      await emu.stop();
    },
  };
}

/** A second "process": its own deps (pool, Redis connection, in-process caches) on the same database and prefix. */
export async function secondProcess(world: StravaWorld): Promise<TestDeps> {
  const own = await buildDeps(world.deps.config, createLogger('silent'), { migrate: false });
  return {
    ...own,
    clock: world.deps.clock,
    logLines: () => [],
    logText: () => '',
    close: () => closeDeps(own),
  };
}

/** Creates an emulated athlete (with an optional explicit Strava id) and connects them through a real code exchange. */
export async function connectAthlete(
  world: StravaWorld,
  o: { stravaId?: number; scopes?: string[]; historyDays?: number } = {},
): Promise<{ athleteId: string; userId: string; stravaId: number }> {
  const a = world.emu.control.createAthlete({
    historyDays: o.historyDays ?? 0,
    seed: nextSeed(),
    ...(o.stravaId ? { athlete: { id: o.stravaId } } : {}),
  });
  const scopes = o.scopes ?? ['read', 'activity:read_all', 'profile:read_all'];
  const code = world.emu.control.authorize({ athleteId: a.id, scopes });
  const r = await completeStravaConnection(world.deps, code, scopes.join(','));
  return { athleteId: r.athlete.id, userId: r.athlete.userId ?? '', stravaId: a.id };
}

/**
 * The whole browser flow with a cookie jar: GET /auth/strava -> Strava's consent page (the emulator's
 * real authorize form, ticking `granted`) -> our callback. Returns the agent and the callback response.
 */
export async function connectThroughBrowser(world: StravaWorld, stravaAthleteId: number, granted: string[]) {
  const app = buildApp(world.deps);
  const agent = request.agent(app);
  const start = await agent.get('/auth/strava');
  const authorize = new URL(start.headers.location ?? '');
  const form = new URLSearchParams(authorize.searchParams);
  for (const g of granted) form.append('granted', g);
  form.set('athlete_id', String(stravaAthleteId));
  const consent = await fetch(`${world.url}/oauth/authorize`, {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const back = new URL(consent.headers.get('location') ?? '');
  const callback = await agent.get(`${back.pathname}${back.search}`);
  return { app, agent, start, authorize, callback };
}

/** Every public table's row count mentioning any of the needles (uuid, Strava id...), by table. */
export async function rowsMentioning(deps: TestDeps, needles: string[]): Promise<Record<string, number>> {
  const { rows: tables } = await deps.db.query<{ table_name: string }>(
    `select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables) {
    const { rows } = await deps.db.query<{ n: number }>(
      `select count(*)::int as n from "${table_name}" t where ${needles.map((_, i) => `t::text like '%' || $${i + 1} || '%'`).join(' or ')}`,
      needles,
    );
    if ((rows[0]?.n ?? 0) > 0) out[table_name] = rows[0]!.n;
  }
  return out;
}
