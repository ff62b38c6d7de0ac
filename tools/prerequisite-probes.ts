/**
 * Read-only probes shared by the commands that check their prerequisites before starting anything
 * (`npm run demo`, `npm run bench`): each answers null when all is well, else one line saying what is
 * wrong.
 */
import { assertNoEviction, createRedis } from '../workers/redis';
import { createLogger } from '../services/logger';
import { redactUrl } from '../services/startup';

export const PROBE_TIMEOUT_MS = 4000;

export const HOW_TO_START_SERVICES =
  'To start PostgreSQL and Redis: sudo bash scripts/ensure-services.sh (Debian: starts them, installs them if\n' +
  '    missing), or: docker compose up -d postgres redis (see README "Quick start").';

export function withProbeTimeout<T>(p: Promise<T>, what: string): Promise<T> {
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

/** Redis answers and runs with maxmemory-policy noeviction (BullMQ's requirement). */
export async function probeRedis(url: string): Promise<string | null> {
  const redis = createRedis(url, createLogger('silent'), 'producer');
  // connect() rejects with a bare "Connection is closed"; the socket error says why (refused, DNS, ...).
  let socketError: Error | undefined;
  redis.on('error', (err: Error) => (socketError ??= err));
  try {
    await withProbeTimeout(
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
