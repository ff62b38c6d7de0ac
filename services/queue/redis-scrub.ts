import type { Redis } from 'ioredis';

/**
 * Removes from Redis everything under `prefix` that mentions one of `needles` (an erased athlete's ids):
 * keys named after them (job hashes, locks, caches), and the members, entries and fields that name them
 * inside sets, sorted sets, lists, hashes and streams (BullMQ's completed/failed sets and event streams
 * keep job ids such as `recompute-<athleteId>-...`). Deletions are rare, so a full SCAN is fine. The
 * active list is left alone: a running job finishes and finds the athlete gone. Returns what it removed.
 */
export async function scrubRedis(redis: Redis, prefix: string, needles: readonly string[]): Promise<number> {
  const wanted = needles.filter((n) => n.length >= 8);
  if (wanted.length === 0) return 0;
  const mentions = (text: string) => wanted.some((n) => text.includes(n));
  let removed = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) removed += await scrubKey(redis, key, mentions);
  } while (cursor !== '0');
  return removed;
}

async function scrubKey(redis: Redis, key: string, mentions: (t: string) => boolean): Promise<number> {
  if (mentions(key)) return redis.del(key);
  switch (await redis.type(key)) {
    case 'string':
      return mentions((await redis.get(key)) ?? '') ? redis.del(key) : 0;
    case 'set': {
      const hits = (await redis.smembers(key)).filter(mentions);
      return hits.length ? redis.srem(key, ...hits) : 0;
    }
    case 'zset': {
      const hits = (await redis.zrange(key, 0, -1)).filter(mentions);
      return hits.length ? redis.zrem(key, ...hits) : 0;
    }
    case 'list': {
      if (key.endsWith(':active')) return 0;
      const hits = (await redis.lrange(key, 0, -1)).filter(mentions);
      for (const h of hits) await redis.lrem(key, 0, h);
      return hits.length;
    }
    case 'hash': {
      const entries = Object.entries(await redis.hgetall(key));
      const hits = entries.filter(([f, v]) => mentions(f) || mentions(v)).map(([f]) => f);
      return hits.length ? redis.hdel(key, ...hits) : 0;
    }
    case 'stream': {
      const entries = await redis.xrange(key, '-', '+');
      const hits = entries.filter(([, fields]) => fields.some(mentions)).map(([id]) => id);
      return hits.length ? redis.xdel(key, ...hits) : 0;
    }
    default:
      return 0;
  }
}
