import { Redis } from 'ioredis';
import type { Logger } from '../services/logger';

/**
 * Redis connections for BullMQ. Workers need `maxRetriesPerRequest: null` (blocking commands must not
 * time out); producers on the web path fail fast instead, so a Redis outage never blocks a webhook ack.
 */
export function createRedis(url: string, logger: Logger, role: 'worker' | 'producer'): Redis {
  const redis = new Redis(url, {
    maxRetriesPerRequest: role === 'worker' ? null : 1,
    enableOfflineQueue: role === 'worker',
    connectTimeout: 5000,
    lazyConnect: true,
    retryStrategy: (times) => Math.min(times * 200, 5000),
  });
  let lastLogged = 0;
  redis.on('error', (err: Error) => {
    // ioredis reconnects by itself; log at most every 10 s so an outage does not flood the logs.
    if (Date.now() - lastLogged > 10_000) {
      lastLogged = Date.now();
      logger.warn({ err: err.message, role }, 'Redis connection error');
    }
  });
  return redis;
}

/** BullMQ loses jobs if Redis may evict keys: refuse to start unless maxmemory-policy is noeviction. */
export async function assertNoEviction(redis: Redis): Promise<void> {
  const reply = (await redis.config('GET', 'maxmemory-policy')) as string[];
  const policy = reply[1];
  if (policy !== undefined && policy !== 'noeviction') {
    throw new Error(
      `Redis maxmemory-policy is "${policy}", but BullMQ needs "noeviction" (otherwise queued jobs can be silently ` +
        'evicted). Fix: redis-cli config set maxmemory-policy noeviction, and set it in redis.conf.',
    );
  }
}
