import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../logger';

const RELEASE_SCRIPT = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
const POLL_MS = 25;

export interface LockOptions {
  /** The lock expires by itself after this long (a crashed holder cannot block others forever). */
  ttlMs: number;
  /** How long to wait for the lock before going ahead without it. */
  waitMs: number;
}

/**
 * Runs `fn` while holding a Redis lock (SET NX PX with a random owner token, released only by its owner).
 * The lock keeps other processes' refreshes of the same athlete queued in Redis instead of each holding a
 * PostgreSQL connection on the row lock. It is an optimisation, not the guarantee: if Redis is down or
 * the wait runs out, `fn` runs anyway and the row lock inside it still serialises the refresh.
 */
export async function withRedisLock<T>(
  redis: Redis,
  key: string,
  opts: LockOptions,
  logger: Logger,
  fn: () => Promise<T>,
): Promise<T> {
  const owner = randomUUID();
  const held = await acquire(redis, key, owner, opts).catch((err: Error) => {
    logger.warn({ err: err.message, key }, 'refresh lock unavailable; relying on the row lock');
    return false;
  });
  try {
    return await fn();
  } finally {
    if (held) await redis.eval(RELEASE_SCRIPT, 1, key, owner).catch(() => undefined);
  }
}

async function acquire(redis: Redis, key: string, owner: string, opts: LockOptions): Promise<boolean> {
  const deadline = Date.now() + opts.waitMs;
  for (;;) {
    if ((await redis.set(key, owner, 'PX', opts.ttlMs, 'NX')) === 'OK') return true;
    if (Date.now() >= deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
