import { createServer, type Server } from 'node:http';
import type { Express } from 'express';
import { buildApp } from '../../../services/api/app';
import { runSubscriptionCommand } from '../../../services/strava/subscriptions';
import { startWorkers, type WorkerHandle } from '../../../workers/main';
import { queuesIdle, waitFor } from '../ingest/ingest-world';
import { connectAthlete, rowsMentioning, startStravaWorld, type StravaWorld } from './strava-world';

/**
 * Attacks on the unsigned webhook, end to end: the real emulator (subscription, deliveries, API), our
 * web app on a real port, real workers, PostgreSQL and Redis. The attacker knows the callback URL
 * (secret included: the worst case), a connected athlete's Strava id and one of their activity ids.
 */
jest.setTimeout(120_000);

let world: StravaWorld;
let server: Server;
let workers: WorkerHandle;
let callbackUrl: string;

beforeAll(async () => {
  const web: { app?: Express } = {};
  server = createServer((req, res) => (web.app ? web.app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const publicUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  world = await startStravaWorld({ env: { PUBLIC_URL: publicUrl } });
  web.app = buildApp(world.deps);
  expect(await runSubscriptionCommand(world.deps, 'subscribe', () => undefined)).toBe(0);
  callbackUrl = world.emu.control.subscription()!.callbackUrl;
  workers = await startWorkers(world.deps, ['ingest', 'backfill', 'compute']);
});
afterAll(async () => {
  await workers.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await world.close();
});

async function settle(): Promise<void> {
  await world.emu.control.flushDeliveries();
  await waitFor('inbox processed and queues idle', async () => {
    const { rows } = await world.deps.db.query<{ n: number }>(
      `select count(*)::int as n from webhook_inbox where status not in ('done', 'dropped', 'failed')`,
    );
    return rows[0]!.n === 0 && (await queuesIdle(world.deps, ['ingest', 'backfill']));
  });
}

/** The attacker's POST: Strava's exact shape, our subscription id, to the real callback URL. */
async function forge(event: Record<string, unknown>): Promise<number> {
  const body = {
    aspect_type: 'update',
    event_time: Math.floor(world.emu.clock.now() / 1000),
    object_type: 'activity',
    subscription_id: world.emu.control.subscription()!.id,
    updates: {},
    ...event,
  };
  const res = await fetch(callbackUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return res.status;
}

async function athleteWithActivity() {
  const a = await connectAthlete(world);
  await settle();
  const activityId = world.emu.control.addActivity(a.stravaId, { kind: 'easy-run', durationS: 1800 });
  await settle();
  expect(await activityName(activityId)).toBeDefined();
  return { ...a, activityId };
}

const activityName = async (id: bigint): Promise<string | undefined> =>
  (await world.deps.db.query<{ name: string }>('select name from activity where id = $1', [id.toString()]))
    .rows[0]?.name;

describe('forged webhook events against a connected athlete', () => {
  it('when a forged delete names a real activity, then Strava is asked and nothing is deleted', async () => {
    const a = await athleteWithActivity();
    world.emu.control.resetLog();
    expect(
      await forge({ aspect_type: 'delete', object_id: Number(a.activityId), owner_id: a.stravaId }),
    ).toBe(200);
    await settle();
    expect(await activityName(a.activityId)).toBeDefined();
    const tomb = await world.deps.db.query('select 1 from activity_tombstone where id = $1', [
      a.activityId.toString(),
    ]);
    expect(tomb.rowCount).toBe(0);
    // The check: one GET of the activity with the athlete's own token.
    expect(world.emu.control.countCalls({ path: `/api/v3/activities/${a.activityId}` })).toBe(1);
  });

  it('when a forged delete carries a far-future event_time, then later real changes still apply', async () => {
    const a = await athleteWithActivity();
    const farFutureS = Math.floor(world.emu.clock.now() / 1000) + 10 * 365 * 86_400;
    await forge({
      aspect_type: 'delete',
      object_id: Number(a.activityId),
      owner_id: a.stravaId,
      event_time: farFutureS,
    });
    // Also a forged far-future update: it must not order itself after the real events that follow.
    await forge({
      object_id: Number(a.activityId),
      owner_id: a.stravaId,
      event_time: farFutureS,
      updates: { title: 'x' },
    });
    await settle();
    expect(await activityName(a.activityId)).toBeDefined();
    world.emu.control.updateActivity(a.activityId, { name: 'Real title after the attack' });
    await settle();
    expect(await activityName(a.activityId)).toBe('Real title after the attack');
    // A real deletion afterwards still deletes (confirmed by Strava's 404).
    world.emu.control.deleteActivity(a.activityId);
    await settle();
    expect(await activityName(a.activityId)).toBeUndefined();
  });

  it('when a forged deauthorization comes first, then the real one that follows still deletes everything', async () => {
    const a = await athleteWithActivity();
    expect(
      await forge({
        object_type: 'athlete',
        object_id: a.stravaId,
        owner_id: a.stravaId,
        updates: { authorized: 'false' },
      }),
    ).toBe(200);
    await waitFor('forged deauthorization checked with Strava', () =>
      Promise.resolve(world.deps.logText().includes('deauthorization event not confirmed')),
    );
    await settle();
    const needles = [a.athleteId, String(a.stravaId)];
    expect(Object.keys(await rowsMentioning(world.deps, needles))).toContain('athlete');
    world.emu.control.deauthorize(a.stravaId); // the real one: tokens die, Strava sends authorized=false
    await world.emu.control.flushDeliveries();
    await waitFor(
      'athlete deleted after the real deauthorization',
      async () => Object.keys(await rowsMentioning(world.deps, needles)).length === 0,
      60_000,
    );
  });
});
