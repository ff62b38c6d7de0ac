import { RateLimitWaitError } from '../../../services/errors';
import { createStravaApi } from '../../../services/strava/client';
import { windowBounds } from '../../../services/strava/rate-budget';
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

const apiCalls = () => world.emu.control.countCalls({ path: /^\/api\/v3\// });
const rejected429 = () => world.emu.control.countCalls({ status: 429 });

/** Moves both clocks to the first second of the next 15-minute window and restores default limits. */
function nextWindow(limits: Partial<{ read15Min: number; readDaily: number }> = {}) {
  const now = world.emu.clock.now();
  world.emu.control.advanceClock(windowBounds(now).windowEndMs - now + 1000);
  world.emu.control.setRateLimits({ read15Min: 100, readDaily: 1000, ...limits });
}

async function waitError(p: Promise<unknown>): Promise<RateLimitWaitError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(RateLimitWaitError);
  return err as RateLimitWaitError;
}

describe('the application-wide Strava budget', () => {
  it('when Strava answers 429, then every call waits for the next quarter-hour without reaching Strava, and succeeds once the window resets', async () => {
    const { athleteId } = await connectAthlete(world);
    const api = createStravaApi(world.deps);
    nextWindow();
    await api.getAthlete(athleteId); // we now believe the limit is 100
    world.emu.control.setRateLimits({ read15Min: 1 }); // Strava knows better (e.g. another install of the same app)
    const windowEndMs = windowBounds(world.emu.clock.now()).windowEndMs;

    const first = await waitError(api.getAthlete(athleteId));
    expect(first.retryAtMs).toBe(windowEndMs);
    expect(rejected429()).toBe(1);
    const calls = apiCalls();
    const second = await waitError(createStravaApi(other).getAthlete(athleteId)); // another process is held too
    expect(second.retryAtMs).toBe(windowEndMs);
    expect(apiCalls()).toBe(calls);

    world.emu.control.advanceClock(windowEndMs - world.emu.clock.now() + 1000);
    await expect(api.getAthlete(athleteId)).resolves.toBeDefined();
    // Strava's limit of 1 is now ours too: the next call waits instead of earning another 429.
    await waitError(api.getAthlete(athleteId));
    expect(rejected429()).toBe(1);
  });

  it('when two worker processes share a 15-minute limit of 4, then together they make exactly 4 calls and never get a 429', async () => {
    const { athleteId } = await connectAthlete(world);
    nextWindow({ read15Min: 4 });
    const [a, b] = [createStravaApi(world.deps), createStravaApi(other)];
    await a.getAthlete(athleteId); // learns the limit of 4 from the headers
    const [before, rejectedBefore] = [apiCalls(), rejected429()];
    const results = await Promise.allSettled(
      [1, 2, 3, 4, 5, 6].map((i) => (i % 2 ? a : b).getAthlete(athleteId)),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(
      results.filter((r) => r.status === 'rejected' && r.reason instanceof RateLimitWaitError),
    ).toHaveLength(3);
    expect(apiCalls() - before).toBe(3);
    expect(rejected429()).toBe(rejectedBefore);
  });

  it('when backfill has used 80% of the window, then backfill waits while live webhook work still gets the rest', async () => {
    const { athleteId } = await connectAthlete(world, { historyDays: 2 });
    nextWindow({ read15Min: 10 });
    const api = createStravaApi(world.deps);
    await api.getAthlete(athleteId); // a live call learns the limit of 10 from the headers
    const list = () => api.listActivities(athleteId, { page: 1, perPage: 5 }, 'backfill');
    for (let i = 0; i < 7; i++) await list(); // 8 of 10 used: backfill's share
    const wait = await waitError(list());
    expect(wait.retryAtMs).toBe(windowBounds(world.emu.clock.now()).windowEndMs);
    const [first] = await api.listActivities(athleteId, { page: 1, perPage: 1 }, 'live');
    await expect(api.getActivity(athleteId, first!.id, 'live')).resolves.toMatchObject({ id: first!.id });
    await waitError(api.getAthlete(athleteId)); // now the whole window is spent, live waits too
    expect(rejected429()).toBe(1); // only the one from the first test
  });

  // Last: it teaches the budget a daily limit of 1, which holds until the day ends.
  it('when the daily limit is spent, then calls wait until 00:00 UTC', async () => {
    const { athleteId } = await connectAthlete(world);
    const api = createStravaApi(world.deps);
    nextWindow();
    await api.getAthlete(athleteId);
    world.emu.control.setRateLimits({ readDaily: 1 });
    const err = await waitError(api.getAthlete(athleteId));
    expect(err.retryAtMs).toBe(windowBounds(world.emu.clock.now()).dayEndMs);
    expect(new Date(err.retryAtMs).toISOString()).toMatch(/T00:00:00\.000Z$/);
  });
});
