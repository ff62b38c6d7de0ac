import { Redis } from 'ioredis';
import { getStravaToken } from '../../../db/queries/strava-tokens';
import { stravaApiFor } from '../../../services/strava/client';
import { decryptToken, parseKeyring } from '../../../services/strava/token-crypto';
import {
  connectThroughBrowser,
  nextSeed,
  rowsMentioning,
  startStravaWorld,
  type StravaWorld,
} from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

/** The athlete's current tokens, decrypted the way the client does (the only way to learn them). */
async function plaintextTokens(athleteId: string): Promise<string[]> {
  const row = await getStravaToken(world.deps.db, athleteId);
  const keyring = parseKeyring(world.deps.config.tokenEncryptionKeys);
  return [
    decryptToken(keyring, row!.accessTokenEnc, { athleteId, column: 'access_token' }),
    decryptToken(keyring, row!.refreshTokenEnc, { athleteId, column: 'refresh_token' }),
  ];
}

/** Every value under this test's Redis prefix, whatever its type, as one string. */
async function dumpRedis(prefix: string): Promise<string> {
  const r = new Redis(world.deps.config.redisUrl);
  const parts: string[] = [];
  try {
    for (const key of await r.keys(`${prefix}*`)) {
      const type = await r.type(key);
      if (type === 'string') parts.push(String(await r.get(key)));
      if (type === 'hash') parts.push(JSON.stringify(await r.hgetall(key)));
      if (type === 'list') parts.push(JSON.stringify(await r.lrange(key, 0, -1)));
      if (type === 'set') parts.push(JSON.stringify(await r.smembers(key)));
      if (type === 'zset') parts.push(JSON.stringify(await r.zrange(key, 0, -1)));
      if (type === 'stream') parts.push(JSON.stringify(await r.xrange(key, '-', '+')));
      parts.push(key);
    }
  } finally {
    r.disconnect();
  }
  return parts.join('\n');
}

describe('Strava tokens at rest and in transit through our systems', () => {
  it('when an athlete connects, calls are made and the token is refreshed, then no token appears in any column, log line or Redis value', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed(), historyDays: 3 });
    const { callback } = await connectThroughBrowser(world, a.id, ['activity:read_all', 'profile:read_all']);
    expect(callback.status).toBe(302);
    const athleteId = (
      await world.deps.db.query('select id from athlete where strava_athlete_id = $1', [a.id])
    ).rows[0].id;
    const seen = await plaintextTokens(athleteId);

    const api = stravaApiFor(world.deps);
    await api.getAthlete(athleteId);
    await api.listActivities(athleteId, { page: 1, perPage: 10 }, 'backfill');
    world.emu.control.advanceClock(6 * 3600_000);
    await api.getAthlete(athleteId); // refreshes first
    seen.push(...(await plaintextTokens(athleteId)));
    expect(new Set(seen).size).toBe(4); // the refresh really rotated both tokens

    const hex = seen.map((t) => Buffer.from(t).toString('hex'));
    expect(await rowsMentioning(world.deps, [...seen, ...hex])).toEqual({});
    const log = world.deps.logText();
    expect(log).toContain('Strava token refreshed');
    for (const t of seen) expect(log).not.toContain(t);
    expect(log).not.toMatch(/Bearer /);
    const redis = await dumpRedis(world.deps.config.queuePrefix);
    expect(redis).toContain(athleteId); // the backfill job is there, carrying the id only
    for (const t of seen) expect(redis).not.toContain(t);
  });

  it('when the token row is read raw, then it holds versioned AES-GCM envelopes under the configured key id', async () => {
    const a = world.emu.control.createAthlete({ seed: nextSeed() });
    await connectThroughBrowser(world, a.id, ['activity:read_all']);
    const { rows } = await world.deps.db.query(
      `select t.key_id, t.access_token_enc, t.refresh_token_enc, t.scopes from strava_token t join athlete a on a.id = t.athlete_id
        where a.strava_athlete_id = $1`,
      [a.id],
    );
    expect(rows[0].key_id).toBe('dev');
    expect(rows[0].scopes).toBe('read,activity:read_all');
    for (const enc of [rows[0].access_token_enc, rows[0].refresh_token_enc]) {
      expect(enc[0]).toBe(1); // envelope version
      expect(enc.subarray(2, 2 + enc[1]).toString()).toBe('dev');
    }
  });

  it("when one athlete's ciphertext is copied onto another athlete's row, then it does not decrypt there", async () => {
    const [a, b] = [
      world.emu.control.createAthlete({ seed: nextSeed() }),
      world.emu.control.createAthlete({ seed: nextSeed() }),
    ];
    await connectThroughBrowser(world, a.id, ['activity:read_all']);
    await connectThroughBrowser(world, b.id, ['activity:read_all']);
    const id = async (s: number) =>
      (await world.deps.db.query('select id from athlete where strava_athlete_id = $1', [s])).rows[0].id;
    const [ida, idb] = [await id(a.id), await id(b.id)];
    await world.deps.db.query(
      `update strava_token set access_token_enc = (select access_token_enc from strava_token where athlete_id = $1),
                               refresh_token_enc = (select refresh_token_enc from strava_token where athlete_id = $1)
        where athlete_id = $2`,
      [ida, idb],
    );
    await expect(stravaApiFor(world.deps).getAthlete(idb)).rejects.toMatchObject({
      name: 'StravaAuthError',
      reason: 'token_unreadable',
    });
    const state = (await world.deps.db.query('select connection_state from athlete where id = $1', [idb]))
      .rows[0];
    expect(state.connection_state).toBe('needs_reconnect');
  });
});
