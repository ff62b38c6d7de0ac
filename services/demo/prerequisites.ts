import { createServer } from 'node:net';
import { ensureDatabase } from '../../db/pool';
import { assertNoEviction, createRedis } from '../../workers/redis';
import { createLogger } from '../logger';
import { redactUrl } from '../startup';
import type { DemoOptions } from './demo-options';

const PROBE_TIMEOUT_MS = 4000;

const HOW_TO_START =
  'To start PostgreSQL and Redis: sudo bash scripts/ensure-services.sh (Debian: starts them, installs them if\n' +
  '    missing), or: docker compose up -d postgres redis (see README "Quick start").';

function withTimeout<T>(p: Promise<T>, what: string): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`${what} did not answer within ${PROBE_TIMEOUT_MS / 1000} s`)),
        PROBE_TIMEOUT_MS,
      ).unref(),
    ),
  ]);
}

async function checkPostgres(url: string): Promise<string | null> {
  try {
    // Connects to the server's maintenance database and creates the demo one if needed: harmless.
    await withTimeout(ensureDatabase(url), 'PostgreSQL');
    return null;
  } catch (err) {
    return `PostgreSQL is not reachable at ${redactUrl(url)}: ${(err as Error).message || String(err)}`;
  }
}

async function checkRedis(url: string): Promise<string | null> {
  const redis = createRedis(url, createLogger('silent'), 'producer');
  // connect() rejects with a bare "Connection is closed"; the socket error says why (refused, DNS, ...).
  let socketError: Error | undefined;
  redis.on('error', (err: Error) => (socketError ??= err));
  try {
    await withTimeout(
      redis.connect().then(() => redis.ping()),
      'Redis',
    );
  } catch (err) {
    redis.disconnect();
    return `Redis is not reachable at ${redactUrl(url)}: ${(socketError ?? (err as Error)).message}`;
  }
  try {
    await assertNoEviction(redis);
    return null;
  } catch (err) {
    return (err as Error).message;
  } finally {
    redis.disconnect();
  }
}

/** Resolves null when `port` on 127.0.0.1 can be listened on, else why not. */
function checkPort(label: string, port: number, flag: string): Promise<string | null> {
  return new Promise((resolve) => {
    const srv = createServer();
    srv.once('error', (err: NodeJS.ErrnoException) => {
      const why =
        err.code === 'EADDRINUSE'
          ? 'is already in use (another demo, mailpit or an app?)'
          : `cannot be used (${err.code ?? err.message})`;
      resolve(`Port ${port} for ${label} ${why}: stop that program or pick another port with ${flag}.`);
    });
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(null)));
  });
}

function duplicatePorts(o: DemoOptions): string | null {
  const ports = [o.appPort, o.stravaPort, o.smtpPort, o.mailWebPort];
  const dup = ports.find((p, i) => ports.indexOf(p) !== i);
  return dup === undefined
    ? null
    : `Port ${dup} is given twice: the app, emulator, SMTP and mail page need four different ports.`;
}

/**
 * Checks everything the demo needs before it changes anything: PostgreSQL and Redis (with noeviction)
 * answer, and the four ports are free. Returns one line per problem, each saying how to fix it; empty when
 * all is well. Read-only apart from creating the (empty) demo database when it is missing.
 */
export async function checkPrerequisites(o: DemoOptions): Promise<string[]> {
  const dup = duplicatePorts(o);
  const checks = await Promise.all([
    checkPostgres(o.databaseUrl),
    checkRedis(o.redisUrl),
    dup ? Promise.resolve(dup) : checkPort('Kneadwise', o.appPort, '--port'),
    dup ? Promise.resolve(null) : checkPort('the Strava emulator', o.stravaPort, '--strava-port'),
    dup ? Promise.resolve(null) : checkPort("the mail catcher's SMTP server", o.smtpPort, '--smtp-port'),
    dup ? Promise.resolve(null) : checkPort("the mail catcher's web page", o.mailWebPort, '--mail-port'),
  ]);
  const problems = checks.filter((p): p is string => p !== null);
  const servicesDown = checks.slice(0, 2).some((p) => p !== null && !p.includes('maxmemory-policy'));
  return servicesDown ? [...problems, HOW_TO_START] : problems;
}
