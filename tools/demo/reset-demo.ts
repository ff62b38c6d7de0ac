import type { Redis } from 'ioredis';

/**
 * Deletes every Redis key under the demo's prefix: queued jobs and schedules, the shared Strava rate
 * budget, refresh locks and login limits of the previous run. Every key Kneadwise writes is
 * `<QUEUE_PREFIX>:...`, so nothing outside the demo is touched. Idempotent.
 */
export async function resetQueueKeys(redis: Redis, prefix: string): Promise<number> {
  let cursor = '0';
  let deleted = 0;
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    if (keys.length > 0) deleted += await redis.del(...keys);
  } while (cursor !== '0');
  return deleted;
}
