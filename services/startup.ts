import type { Redis } from 'ioredis';
import type { Db as Pool } from '../db/pool';
import type { Logger } from './logger';

/** Thrown when a dependency stays unreachable for the whole startup window; main prints it and exits 1. */
export class StartupError extends Error {
  override name = 'StartupError';
}

/**
 * Retries `attempt` with exponential backoff (250 ms doubling, capped at 5 s) until it succeeds or
 * `timeoutMs` has passed, then throws StartupError naming `what` and the last error.
 */
export async function retryUntil(
  what: string,
  attempt: () => Promise<void>,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let delayMs = 250;
  for (;;) {
    try {
      await attempt();
      return;
    } catch (err) {
      const message = (err as Error).message || String(err);
      if (Date.now() + delayMs > deadline) {
        throw new StartupError(`${what} is unreachable after ${Math.round(timeoutMs / 1000)} s: ${message}`);
      }
      logger.warn({ err: message, retryInMs: delayMs }, `waiting for ${what}`);
      await new Promise((r) => setTimeout(r, delayMs));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}

export async function waitForPostgres(
  pool: Pool,
  url: string,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  await retryUntil(
    `PostgreSQL at ${redactUrl(url)}`,
    async () => {
      await pool.query('select 1');
    },
    timeoutMs,
    logger,
  );
}

export async function waitForRedis(
  redis: Redis,
  url: string,
  timeoutMs: number,
  logger: Logger,
): Promise<void> {
  await retryUntil(
    `Redis at ${redactUrl(url)}`,
    async () => {
      if (redis.status === 'wait' || redis.status === 'end') await redis.connect().catch(() => undefined);
      await redis.ping();
    },
    timeoutMs,
    logger,
  );
}

/** Hides the password in connection URLs before they reach a message. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}
