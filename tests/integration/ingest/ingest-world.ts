import type { Server } from 'node:http';
import { withTransaction } from '../../../db/pool';
import { upsertConnectedAthlete } from '../../../db/queries/athletes';
import { buildApp } from '../../../services/api/app';
import { createStravaEmulator, type StravaEmulator } from '../../../tools/strava-emulator';
import { exchangeCode } from '../../../services/strava/oauth';
import { parseKeyring } from '../../../services/strava/token-crypto';
import { storeGrant } from '../../../services/strava/token-store';
import type { QueueName } from '../../../services/queue/catalogue';
import { startWorkers, type WorkerHandle } from '../../../workers/main';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { TEST_WEBHOOK_PATH } from '../../support/test-env';

const CLIENT = { id: '1000', secret: 'emulator-client-secret' };

/** A real app (PostgreSQL, Redis, HTTP) wired to a real Strava emulator over HTTP, for ingest tests. */
export interface IngestWorld {
  deps: TestDeps;
  emu: StravaEmulator;
  /** Base URL of our app when `listen` was asked for. */
  appUrl: string | null;
  /** Real BullMQ workers in-process for the ingest and backfill queues (recompute is the lead's). */
  startWorkers(queues?: QueueName[]): Promise<WorkerHandle>;
  /** Connects an emulated athlete the way OAuth would (code exchange, encrypted tokens); returns our uuid. */
  connect(stravaAthleteId: number, scopes?: string[]): Promise<string>;
  /** Subscribes the emulator's webhook to our running app (real handshake) and records the subscription. */
  subscribe(): Promise<number>;
  close(): Promise<void>;
}

export async function createIngestWorld(
  opts: {
    listen?: boolean;
    env?: Record<string, string>;
    emulator?: Parameters<typeof createStravaEmulator>[0];
  } = {},
): Promise<IngestWorld> {
  const emu = createStravaEmulator({
    clientId: CLIENT.id,
    clientSecret: CLIENT.secret,
    warmCache: false,
    ...opts.emulator,
  });
  const { url } = await emu.start();
  const deps = await createTestDeps({
    STRAVA_BASE_URL: url,
    STRAVA_CLIENT_ID: CLIENT.id,
    STRAVA_CLIENT_SECRET: CLIENT.secret,
    WORKER_CONCURRENCY: '4',
    LOG_LEVEL: 'info',
    ...opts.env,
  });
  // Our rate budget must count windows on Strava's (the emulator's) clock.
  deps.clock = () => emu.clock.now();
  let server: Server | null = null;
  let appUrl: string | null = null;
  if (opts.listen) {
    server = buildApp(deps).listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => server!.once('listening', () => resolve()));
    const addr = server.address();
    appUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }
  const handles: WorkerHandle[] = [];
  return {
    deps,
    emu,
    appUrl,
    async startWorkers(queues = ['ingest', 'backfill']) {
      const h = await startWorkers(deps, queues);
      handles.push(h);
      return h;
    },
    async connect(stravaAthleteId, scopes = ['read', 'activity:read_all', 'profile:read_all']) {
      const code = emu.control.authorize({ athleteId: stravaAthleteId, scopes });
      const grant = await exchangeCode(deps, code);
      return withTransaction(deps.db, async (tx) => {
        const { athlete } = await upsertConnectedAthlete(tx, {
          stravaAthleteId: grant.athlete.id,
          firstname: grant.athlete.firstname,
          lastname: grant.athlete.lastname,
          sex: grant.athlete.sex,
          grantedScopes: scopes.join(','),
          connectionState: 'connected',
        });
        await storeGrant(
          tx,
          parseKeyring(deps.config.tokenEncryptionKeys),
          athlete.id,
          grant,
          scopes.join(','),
        );
        return athlete.id;
      });
    },
    async subscribe() {
      if (!appUrl) throw new Error('subscribe needs listen: true');
      const res = await fetch(`${url}/api/v3/push_subscriptions`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: CLIENT.id,
          client_secret: CLIENT.secret,
          callback_url: `${appUrl}${TEST_WEBHOOK_PATH}`,
          verify_token: deps.config.strava.verifyToken,
        }),
      });
      const body = (await res.json()) as { id: number };
      if (res.status !== 201) throw new Error(`subscription failed: ${JSON.stringify(body)}`);
      await deps.db.query('insert into strava_subscription (id, callback_url) values ($1, $2)', [
        body.id,
        `${appUrl}${TEST_WEBHOOK_PATH}`,
      ]);
      return body.id;
    },
    async close() {
      await Promise.all(handles.map((h) => h.close()));
      await emu.stop();
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
      await deps.close();
    },
  };
}

/** Polls `check` until it returns true (or throws after `timeoutMs`); no timing is asserted. */
export async function waitFor(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs = 60_000,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** True once no job of the ingest, backfill or maintenance queues is waiting, delayed or running. */
export async function queuesIdle(
  deps: TestDeps,
  names: ('ingest' | 'backfill')[] = ['ingest'],
): Promise<boolean> {
  for (const name of names) {
    const c = await deps.queues
      .queue(name)
      .getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
    if (Object.values(c).some((n) => n > 0)) return false;
  }
  return true;
}
