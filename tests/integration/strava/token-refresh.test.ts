import { getStravaToken } from '../../../db/queries/strava-tokens';
import { createStravaApi, stravaApiFor } from '../../../services/strava/client';
import { StravaAuthError } from '../../../services/strava/errors';
import type { TestDeps } from '../../support/test-deps';
import { connectAthlete, secondProcess, startStravaWorld, type StravaWorld } from './strava-world';

let world: StravaWorld;
let other: TestDeps;
beforeAll(async () => {
  world = await startStravaWorld();
  other = await secondProcess(world);
});
afterAll(async () => {
  await other.close();
  await world.close();
});

const tokenCalls = () => world.emu.control.countCalls({ path: '/oauth/token' });
const state = async (athleteId: string) =>
  (await world.deps.db.query('select connection_state from athlete where id = $1', [athleteId])).rows[0]
    .connection_state;

describe('Strava token refresh', () => {
  it('when the access token has expired, then the next call refreshes once, stores the new pair and succeeds', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    const before = await getStravaToken(world.deps.db, athleteId);
    world.emu.control.advanceClock(6 * 3600_000);
    const calls = tokenCalls();
    const profile = await stravaApiFor(world.deps).getAthlete(athleteId);
    expect(profile.id).toBe(String(stravaId));
    expect(tokenCalls()).toBe(calls + 1);
    const after = await getStravaToken(world.deps.db, athleteId);
    expect(after!.expiresAt.getTime()).toBe(
      world.emu.clock.now() - (world.emu.clock.now() % 1000) + 6 * 3600_000,
    );
    expect(after!.refreshTokenEnc.equals(before!.refreshTokenEnc)).toBe(false);
  });

  it('when the token expires within 5 minutes, then it is refreshed before use; with more left, it is not', async () => {
    const { athleteId } = await connectAthlete(world);
    const api = stravaApiFor(world.deps);
    world.emu.control.advanceClock(6 * 3600_000 - 6 * 60_000);
    let calls = tokenCalls();
    await api.getAthlete(athleteId);
    expect(tokenCalls()).toBe(calls);
    world.emu.control.advanceClock(2 * 60_000);
    calls = tokenCalls();
    await api.getAthlete(athleteId);
    expect(tokenCalls()).toBe(calls + 1);
  });

  it('when two worker processes refresh the same expired athlete concurrently, then exactly one token call is made and every call succeeds', async () => {
    const { athleteId } = await connectAthlete(world);
    world.emu.control.advanceClock(6 * 3600_000);
    world.emu.control.setFailures({ latencyMs: 100 }); // a slow Strava widens the race window
    try {
      const [a, b] = [createStravaApi(world.deps), createStravaApi(other)];
      const calls = tokenCalls();
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => (i % 2 === 0 ? a : b).getAthlete(athleteId)),
      );
      expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
      expect(tokenCalls()).toBe(calls + 1);
      expect(world.emu.control.countCalls({ path: '/oauth/token', status: 400 })).toBe(0);
      expect(await state(athleteId)).toBe('connected');
    } finally {
      world.emu.control.setFailures({ latencyMs: 0 });
    }
  });

  it('when Strava says a token we thought valid is not, then one forced refresh and a retry succeed', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    world.emu.control.expireAccessTokens(stravaId);
    const calls = tokenCalls();
    await expect(stravaApiFor(world.deps).getAthlete(athleteId)).resolves.toMatchObject({
      id: String(stravaId),
    });
    expect(tokenCalls()).toBe(calls + 1);
    expect(
      world.emu.control.countCalls({ path: '/api/v3/athlete', athleteId: stravaId, status: 200 }),
    ).toBeGreaterThan(0);
  });

  it('when the refresh token is rejected for good, then the call fails with StravaAuthError and the athlete needs to reconnect', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    world.emu.control.deauthorize(stravaId); // revoked in Strava's settings: both tokens die
    world.emu.control.advanceClock(6 * 3600_000);
    const err = await stravaApiFor(world.deps)
      .getAthlete(athleteId)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StravaAuthError);
    expect(err).toMatchObject({ reason: 'refresh_rejected' });
    expect(await state(athleteId)).toBe('needs_reconnect');
  });

  it('when access was revoked while the token had not expired, then the 401 leads to a rejected refresh and needs_reconnect', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    world.emu.control.deauthorize(stravaId);
    const calls = tokenCalls();
    await expect(stravaApiFor(world.deps).getAthlete(athleteId)).rejects.toMatchObject({
      reason: 'refresh_rejected',
    });
    expect(tokenCalls()).toBe(calls + 1);
    expect(await state(athleteId)).toBe('needs_reconnect');
  });
});
