import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { recordCoachChange } from '../../db/queries/coach-scopes';
import { spendLinkNonce } from '../../db/queries/used-links';
import {
  connectThroughBrowser,
  nextSeed,
  rowsMentioning,
  startStravaWorld,
  type StravaWorld,
} from '../integration/strava/strava-world';
import { seedAthleteData } from '../integration/strava/support/seed-athlete-data';

let world: StravaWorld;
let redis: Redis;
beforeAll(async () => {
  world = await startStravaWorld();
  redis = new Redis(world.deps.config.redisUrl);
});
afterAll(async () => {
  redis.disconnect();
  await world.close();
});

/** Every key under the prefix with its content (whatever its type), as one text per key. */
async function redisDump(prefix: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
    cursor = next;
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? JSON.stringify(await redis.hgetall(key))
            : type === 'set'
              ? JSON.stringify(await redis.smembers(key))
              : type === 'zset'
                ? JSON.stringify(await redis.zrange(key, 0, -1))
                : type === 'list'
                  ? JSON.stringify(await redis.lrange(key, 0, -1))
                  : type === 'stream'
                    ? JSON.stringify(await redis.xrange(key, '-', '+'))
                    : '';
      out.set(key, `${key} ${value}`);
    }
  } while (cursor !== '0');
  return out;
}

describe('ASVS-15.13 deletion leaves traces of the athlete', () => {
  it('when an athlete deletes their account, then no table, no Redis key under the prefix and no later log line names them', async () => {
    const stravaId = 870_000_000 + Math.floor(Math.random() * 1_000_000) * 10;
    const firstname = `Zelda${randomUUID().slice(0, 6)}`;
    const lastname = `Quixote${randomUUID().slice(0, 6)}`;
    world.emu.control.createAthlete({ seed: nextSeed(), athlete: { id: stravaId, firstname, lastname } });
    const browser = await connectThroughBrowser(world, stravaId, ['activity:read_all', 'profile:read_all']);
    const { rows } = await world.deps.db.query(
      'select id, user_id from athlete where strava_athlete_id = $1',
      [stravaId],
    );
    const athleteId = rows[0].id as string;
    const userId = rows[0].user_id as string;
    const email = `zelda-${randomUUID().slice(0, 8)}@example.test`;
    const prefix = world.deps.config.queuePrefix;
    await world.deps.db.query('update app_user set email = $2 where id = $1', [userId, email]);
    const { coachUserId } = await seedAthleteData(
      world.deps,
      { athleteId, userId, stravaId },
      `9${stravaId}123`,
    );
    // What the finding found left behind: a spent one-tap link, Redis keys, and now also the coach audit.
    await spendLinkNonce(world.deps.db, {
      nonce: randomUUID(),
      purpose: 'rpe',
      subjectId: athleteId,
      outcome: { score: 5 },
      now: new Date(),
    });
    await recordCoachChange(world.deps.db, {
      athleteId,
      coachUserId,
      actor: 'athlete',
      action: 'scope-granted',
      detail: {},
      at: new Date(),
    });
    await world.deps.queues.enqueue(
      'recompute-athlete',
      { athleteId, fromDate: '2026-01-01' },
      { delay: 60_000 },
    );
    await redis.set(`${prefix}:strava:refresh-lock:${athleteId}`, 'owner', 'PX', 60_000);
    await redis.xadd(
      `${prefix}:compute:events`,
      '*',
      'event',
      'completed',
      'jobId',
      `recompute-${athleteId}-2026-01-01-s`,
    );
    await redis.zadd(`${prefix}:compute:completed`, Date.now(), `recompute-${athleteId}-2026-01-02-s`);
    await redis.hset(
      `${prefix}:compute:recompute-${athleteId}-2026-01-02-s`,
      'data',
      JSON.stringify({ athleteId }),
    );
    const needles = [athleteId, userId, String(stravaId), firstname, lastname, email];
    expect(Object.keys(await rowsMentioning(world.deps, needles))).toEqual(
      expect.arrayContaining(['athlete', 'used_link', 'coach_change_event']),
    );

    const logMark = world.deps.logText().length;
    const { csrfToken } = (await browser.agent.get('/api/session')).body;
    const res = await browser.agent.post('/auth/strava/disconnect').set('X-CSRF-Token', csrfToken);
    expect(res.status).toBe(200);

    expect(await rowsMentioning(world.deps, needles)).toEqual({});
    const redisNeedles = [athleteId, userId, firstname, lastname, email];
    const left = [...(await redisDump(prefix)).values()].filter((v) =>
      redisNeedles.some((n) => v.includes(n)),
    );
    expect(left).toEqual([]);
    const logs = world.deps.logText().slice(logMark);
    expect(logs).toContain('all data deleted');
    expect(needles.filter((n) => logs.includes(n))).toEqual([]);
  });
});
