import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import type { Express } from 'express';
import { buildApp } from '../../../services/api/app';
import { startStravaWorld, type StravaWorld } from './strava-world';

const ROOT = path.resolve(__dirname, '../../..');
// Each case spawns the real CLI (tsx start-up is seconds on a busy machine); nothing here is timed.
jest.setTimeout(90_000);
let world: StravaWorld;
let server: Server;
let publicUrl: string;

beforeAll(async () => {
  // The web process must be listening at PUBLIC_URL to answer Strava's handshake; learn its port first.
  const web: { app?: Express } = {};
  server = createServer((req, res) => (web.app ? web.app(req, res) : res.writeHead(503).end()));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  publicUrl = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  world = await startStravaWorld({ env: { PUBLIC_URL: publicUrl } });
  web.app = buildApp(world.deps);
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await world.close();
});

/** Runs `npm run strava:<cmd>`'s entry (from the source, as every process test does) against this world. */
function cli(
  cmd: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; out: string; err: string }> {
  const c = world.deps.config;
  const child = spawn(
    path.join(ROOT, 'node_modules/.bin/tsx'),
    ['services/cli/strava-subscription.ts', cmd],
    {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'test',
        DATABASE_URL: c.databaseUrl,
        REDIS_URL: c.redisUrl,
        QUEUE_PREFIX: c.queuePrefix,
        STRAVA_BASE_URL: c.strava.baseUrl,
        PUBLIC_URL: publicUrl,
        ...env,
      },
    },
  );
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
}

const stored = async () =>
  (await world.deps.db.query('select id::text, callback_url from strava_subscription')).rows;

describe('npm run strava:subscribe | strava:rotate | strava:subscription | strava:unsubscribe', () => {
  it('when there is no subscription, then show says so and exits 0', async () => {
    const r = await cli('show');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toContain('No push subscription at Strava');
  });

  it('when the verify token differs from the web process, then subscribing fails with exit 1 and says what to check', async () => {
    const r = await cli('subscribe', { STRAVA_VERIFY_TOKEN: 'not-the-same-token' });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Failed: Strava answered HTTP 400/);
    expect(r.out).toContain('is the web process running');
    expect(world.emu.control.subscription()).toBeNull();
    expect(await stored()).toEqual([]);
  });

  it('when subscribing with the web process up, then Strava verifies our webhook under a new random path secret and the subscription is recorded', async () => {
    const r = await cli('subscribe');
    expect(r).toMatchObject({ code: 0, err: '' });
    const sub = world.emu.control.subscription();
    const m = new RegExp(`^${publicUrl}/strava/webhook/([A-Za-z0-9_-]{32})$`).exec(sub?.callbackUrl ?? '');
    expect(m).not.toBeNull();
    expect(r.out).toContain(`Subscribed: subscription ${sub?.id} delivers to ${sub?.callbackUrl}.`);
    expect(await stored()).toEqual([{ id: String(sub?.id), callback_url: sub?.callbackUrl }]);
    const { rows } = await world.deps.db.query('select callback_secret from strava_subscription');
    expect(rows[0].callback_secret).toBe(m![1]);
  });

  it('when subscribing again, then the existing subscription is reported and kept (exit 0)', async () => {
    const id = world.emu.control.subscription()?.id;
    const r = await cli('subscribe');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Already subscribed: subscription ${id}`);
    expect(world.emu.control.subscription()?.id).toBe(id);
  });

  it('when showing, then the subscription, its callback and that it is recorded here are listed', async () => {
    const r = await cli('show');
    expect(r.code).toBe(0);
    const sub = world.emu.control.subscription();
    expect(r.out).toContain(`Subscription ${sub?.id} delivers to ${sub?.callbackUrl} (recorded here).`);
  });

  it('when rotating, then the subscription is replaced by one under a new secret and the old path is refused', async () => {
    const old = world.emu.control.subscription()!;
    const r = await cli('rotate');
    expect(r).toMatchObject({ code: 0, err: '' });
    const now = world.emu.control.subscription()!;
    expect(now.id).not.toBe(old.id);
    expect(now.callbackUrl).not.toBe(old.callbackUrl);
    expect(await stored()).toEqual([{ id: String(now.id), callback_url: now.callbackUrl }]);
    await new Promise((res) => setTimeout(res, 1100)); // the web process re-reads stored secrets
    const post = (url: string) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect((await post(old.callbackUrl)).status).toBe(404);
    expect((await post(now.callbackUrl)).status).toBe(400); // the right door; the body is not an event
  });

  it('when unsubscribing, then Strava deletes it, the record goes, and a second run has nothing to do', async () => {
    const id = world.emu.control.subscription()?.id;
    const r = await cli('unsubscribe');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Deleted subscription ${id}`);
    expect(world.emu.control.subscription()).toBeNull();
    expect(await stored()).toEqual([]);
    const again = await cli('unsubscribe');
    expect(again).toMatchObject({ code: 0 });
    expect(again.out).toContain('nothing to delete');
  });

  it('when the command is unknown, then usage is printed and the exit code is 2', async () => {
    const r = await cli('frobnicate');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Usage:');
  });
});
