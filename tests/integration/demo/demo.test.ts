import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:net';
import { Pool } from 'pg';
import { dropQueueKeys } from '../../support/redis-cleanup';
import { spawn } from 'node:child_process';
import { ROOT, freePort, type Spawned } from '../../support/spawn-service';
import { adminUrl, databaseUrl, redisUrl } from '../../support/test-env';

/**
 * `npm run demo` end to end, as a real child process: prerequisites, the whole stack on free ports, the
 * athletes connected through OAuth, history imported by the workers, a live-feed activity arriving through
 * the emulator's webhook, the mail catcher page, the printed coach login, Ctrl-C, and a second run.
 */
jest.setTimeout(240_000);

const dbName = `kwtest_${Date.now()}_demo${randomUUID().slice(0, 6)}`;
const queuePrefix = `kwtest-demo-${randomUUID().slice(0, 8)}`;
const admin = new Pool({ connectionString: adminUrl(), max: 1 });
let db: Pool;
let ports: { app: number; strava: number; smtp: number; mail: number };

beforeAll(async () => {
  ports = { app: await freePort(), strava: await freePort(), smtp: await freePort(), mail: await freePort() };
  db = new Pool({ connectionString: databaseUrl(dbName), max: 2 });
  // Each demo run drops and recreates its database, ending our idle connections: the pool reconnects.
  db.on('error', () => undefined);
});
afterAll(async () => {
  await db.end();
  await dropQueueKeys(redisUrl(), queuePrefix);
  await admin.query(`drop database if exists ${dbName} with (force)`);
  await admin.end();
});

/**
 * `node --import tsx`, one process like `npm run demo`'s: the tsx CLI's signal relay SIGKILLs a child
 * that is too busy to acknowledge Ctrl-C within 30 ms, which would hide whether our shutdown is clean.
 */
function startDemo(env: Record<string, string> = {}): Spawned {
  const args = [
    ...['--port', String(ports.app), '--strava-port', String(ports.strava)],
    ...['--smtp-port', String(ports.smtp), '--mail-port', String(ports.mail)],
  ];
  const child = spawn(process.execPath, ['--import', 'tsx', 'tools/demo/main.ts', ...args], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '/root',
      DEMO_DATABASE_URL: databaseUrl(dbName),
      DEMO_QUEUE_PREFIX: queuePrefix,
      REDIS_URL: redisUrl(),
      DEMO_FEED_INTERVAL_S: '2',
      // A month of history keeps the test quick; the default run generates six months.
      DEMO_HISTORY_DAYS: '30',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, stdout: () => out, stderr: () => err, exited };
}

async function waitFor(what: string, check: () => Promise<boolean>, demo: Spawned, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    if (demo.child.exitCode !== null)
      throw new Error(`demo exited while waiting for ${what}:\n${demo.stderr()}`);
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(
    `timed out waiting for ${what}\nstdout:\n${demo.stdout()}\nstderr:\n${demo.stderr().slice(-3000)}`,
  );
}

const count = async (sql: string): Promise<number> =>
  Number((await db.query<{ n: string }>(sql)).rows[0]?.n ?? 0);

/** Signs in as the printed demo coach over HTTP (session + CSRF, as the login page does). */
async function coachOverview(stdout: string): Promise<{ login: number; overview: string }> {
  const password = /password:\s+(\S+)/.exec(stdout)?.[1] ?? '';
  const app = `http://127.0.0.1:${ports.app}`;
  const first = await fetch(`${app}/api/session`);
  const cookie = (first.headers.getSetCookie()[0] ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await first.json()) as { csrfToken: string };
  const login = await fetch(`${app}/api/session`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrfToken },
    body: JSON.stringify({ email: 'demo-coach@kneadwise.local', password }),
  });
  const session = (login.headers.getSetCookie()[0] ?? '').split(';')[0] ?? cookie;
  const overview = await fetch(`${app}/api/coach/overview`, { headers: { cookie: session } });
  return { login: login.status, overview: await overview.text() };
}

async function runUntilImported(demo: Spawned): Promise<void> {
  const banner = () => Promise.resolve(demo.stdout().includes('Press Ctrl-C to stop'));
  await waitFor('the banner', banner, demo);
  await waitFor(
    'five connected athletes with imported history and daily series',
    async () =>
      (await count(`select count(*) n from athlete where connection_state = 'connected'`)) === 5 &&
      (await count(`select count(distinct athlete_id) n from activity`)) === 5 &&
      (await count(`select count(distinct athlete_id) n from daily_series`)) === 5,
    demo,
  );
  await waitFor(
    'a live-feed activity delivered by webhook and imported',
    async () =>
      (await count(
        `select count(*) n from webhook_inbox w join activity a on a.id = w.object_id
         where w.aspect_type = 'create' and w.status = 'done'`,
      )) > 0,
    demo,
  );
}

async function stopWithCtrlC(demo: Spawned): Promise<void> {
  demo.child.kill('SIGINT');
  expect(await demo.exited).toBe(0);
  expect(demo.stdout()).toContain('Demo stopped.');
  expect(
    await fetch(`http://127.0.0.1:${ports.app}/healthz`).then(
      () => 'up',
      () => 'down',
    ),
  ).toBe('down');
}

describe('npm run demo', () => {
  it('when Redis is unreachable and a port is taken, then it names both, says how to fix them, and exits 1', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(ports.app, '127.0.0.1', () => r()));
    try {
      const demo = startDemo({ REDIS_URL: `redis://127.0.0.1:${await freePort()}` });
      expect(await demo.exited).toBe(1);
      expect(demo.stderr()).toContain('Redis is not reachable at redis://127.0.0.1:');
      expect(demo.stderr()).toContain(`Port ${ports.app} for Kneadwise is already in use`);
      expect(demo.stderr()).toContain('scripts/ensure-services.sh');
      expect(demo.stderr()).toContain('docker compose up -d postgres redis');
      expect(demo.stderr()).not.toMatch(/\n\s+at /);
    } finally {
      await new Promise<void>((r) => blocker.close(() => r()));
    }
  });

  it('when the demo database name lacks "demo", then it refuses to reset it and exits 2', async () => {
    const demo = startDemo({ DEMO_DATABASE_URL: databaseUrl('kneadwise') });
    expect(await demo.exited).toBe(2);
    expect(demo.stderr()).toContain('use a name containing "demo"');
  });

  it('when it runs, then athletes connect via OAuth, history and live activities arrive, mail and coach login work, and Ctrl-C stops it', async () => {
    const demo = startDemo();
    await runUntilImported(demo);
    const page = await fetch(`http://127.0.0.1:${ports.mail}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Kneadwise demo mail catcher');
    expect(Array.isArray(await (await fetch(`http://127.0.0.1:${ports.mail}/api/messages`)).json())).toBe(
      true,
    );
    expect(await count(`select count(*) n from coach_athlete where revoked_at is null`)).toBe(5);
    expect(
      await count(
        `select count(*) n from app_user where role = 'athlete' and email_confirmed_at is not null`,
      ),
    ).toBe(5);
    const coach = await coachOverview(demo.stdout());
    expect(coach.login).toBe(200);
    expect(coach.overview).toContain('Samir');
    await stopWithCtrlC(demo);
  });

  it('when it runs a second time, then it starts from a fresh database and works again', async () => {
    const demo = startDemo();
    await runUntilImported(demo);
    expect(await count(`select count(*) n from athlete`)).toBe(5);
    expect(await count(`select count(*) n from app_user where role = 'coach'`)).toBe(1);
    await stopWithCtrlC(demo);
  });
});
