import { chaosSizes } from '../../chaos/scenarios/sizes';
import { runWebhookStorm } from '../../chaos/scenarios/webhook-storm';

const size = chaosSizes('reduced');
jest.setTimeout(480_000);

describe('chaos (reduced): webhook storm with every fault', () => {
  it(`when ${size.storm.totalEvents} shuffled events with 20% duplicates arrive while workers and web are SIGKILLed, Redis is SIGKILLed, PostgreSQL crashes, SMTP is down and Strava fails 20% of calls, then the stored state equals the world, series equal a clean run, every alert is mailed exactly once and nothing is lost`, async () => {
    const result = await runWebhookStorm(size.storm);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
