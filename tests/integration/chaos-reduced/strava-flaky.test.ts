import { chaosSizes } from '../../chaos/scenarios/sizes';
import { runStravaFlaky } from '../../chaos/scenarios/strava-flaky';

const size = chaosSizes('reduced');
jest.setTimeout(300_000);

describe('chaos (reduced): Strava answering 500s or timing out', () => {
  it('when 10% of Strava calls fail with 500 and 10% hang, then every job completes and I1-I5 hold', async () => {
    const result = await runStravaFlaky(size.strava);
    expect(result.injected).toBeGreaterThan(0);
    expect(result.failedJobs).toBe(0);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
