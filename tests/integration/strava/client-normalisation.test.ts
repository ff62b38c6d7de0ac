import strava from 'strava-v3';
import { stravaApiFor } from '../../../services/strava/client';
import { StravaNotFoundError, StravaUnavailableError } from '../../../services/strava/errors';
import { connectAthlete, startStravaWorld, type StravaWorld } from './strava-world';

let world: StravaWorld;
beforeAll(async () => {
  world = await startStravaWorld();
});
afterAll(async () => {
  await world.close();
});

describe('StravaApi over strava-v3 against the emulator', () => {
  it('when ids exceed 2^53, then activity and athlete ids come back exact, as strings', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    const id = world.emu.control.addActivity(stravaId, { kind: 'tempo-run', id: 9007199254740993n });
    const api = stravaApiFor(world.deps);
    const activity = await api.getActivity(athleteId, '9007199254740993', 'live');
    expect(id).toBe(9007199254740993n);
    expect(activity).toMatchObject({
      id: '9007199254740993',
      athleteId: String(stravaId),
      sport_type: 'Run',
    });
    expect(typeof activity.moving_time).toBe('number');
    const [listed] = await api.listActivities(athleteId, { page: 1, perPage: 5 }, 'backfill');
    expect(listed?.id).toBe('9007199254740993');
  });

  it('when streams are fetched, then each requested key maps to its data array', async () => {
    const { athleteId, stravaId } = await connectAthlete(world);
    const id = world.emu.control.addActivity(stravaId, { kind: 'ride-power', durationS: 600 });
    const streams = await stravaApiFor(world.deps).getStreams(athleteId, String(id), 'live');
    expect(streams.time?.length).toBeGreaterThan(100);
    expect(streams.watts?.length).toBe(streams.time?.length);
    expect(Object.keys(streams)).not.toContain('latlng');
  });

  it('when the activity is gone, then StravaNotFoundError; when Strava answers 500, then a retryable StravaUnavailableError', async () => {
    const { athleteId } = await connectAthlete(world);
    const api = stravaApiFor(world.deps);
    await expect(api.getActivity(athleteId, '123456789', 'live')).rejects.toBeInstanceOf(StravaNotFoundError);
    world.emu.control.setFailures({ errorRate: 1 });
    try {
      const err = await api.getAthlete(athleteId).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StravaUnavailableError);
      expect(err).toMatchObject({ status: 500 });
    } finally {
      world.emu.control.setFailures({ errorRate: 0 });
    }
  });

  it('when Strava never answers, then the call times out as a retryable StravaUnavailableError', async () => {
    const { athleteId } = await connectAthlete(world);
    world.emu.control.setFailures({ timeoutRate: 1, hangMs: 60_000 });
    try {
      const err = await stravaApiFor(world.deps)
        .getAthlete(athleteId)
        .catch((e: unknown) => e);
      expect(err).toBeInstanceOf(StravaUnavailableError);
      expect(err).toMatchObject({ status: 0 });
    } finally {
      world.emu.control.setFailures({ timeoutRate: 0 });
    }
  });

  it('when a strava-v3 request is made outside the client, then it is refused rather than sent to the real Strava', async () => {
    await connectAthlete(world); // the transport interceptor is installed
    await expect(new strava.client('x').athlete.get({})).rejects.toThrow(/outside services\/strava/);
  });
});
