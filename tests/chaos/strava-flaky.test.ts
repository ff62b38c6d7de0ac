import { chaosSizes } from './scenarios/sizes';
import { runStravaFlaky } from './scenarios/strava-flaky';

const size = chaosSizes('full');
jest.setTimeout(60 * 60_000);

describe('chaos (full): Strava answering 500s or timing out', () => {
  it('when 10% of Strava calls fail with 500 and 10% hang, then every job completes and I1-I5 hold', async () => {
    const result = await runStravaFlaky(size.strava);
    expect(result.injected).toBeGreaterThan(0);
    expect(result.failedJobs).toBe(0);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
