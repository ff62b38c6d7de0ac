import { chaosSizes } from './scenarios/sizes';
import { runWebhookStorm } from './scenarios/webhook-storm';

const size = chaosSizes('full');
jest.setTimeout(60 * 60_000);

describe('chaos (full): webhook storm with every fault', () => {
  it(`when ${size.storm.totalEvents} shuffled events with 20% duplicates arrive while workers and web are SIGKILLed, Redis is SIGKILLed, PostgreSQL crashes, SMTP is down and Strava fails 20% of calls, then the stored state equals the world, series equal a clean run, every alert is mailed exactly once and nothing is lost`, async () => {
    const result = await runWebhookStorm(size.storm);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
