import { createServer } from 'node:net';
import { ensureDatabase } from '../../db/pool';
import {
  HOW_TO_START_SERVICES as HOW_TO_START,
  probeRedis as checkRedis,
  withProbeTimeout as withTimeout,
} from '../prerequisite-probes';
import { redactUrl } from '../../services/startup';
import type { DemoOptions } from './demo-options';

async function checkPostgres(url: string): Promise<string | null> {
  try {
    // Connects to the server's maintenance database and creates the demo one if needed: harmless.
    await withTimeout(ensureDatabase(url), 'PostgreSQL');
    return null;
  } catch (err) {
    return `PostgreSQL is not reachable at ${redactUrl(url)}: ${(err as Error).message || String(err)}`;
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
