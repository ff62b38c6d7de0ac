import { chaosSizes } from '../../chaos/scenarios/sizes';
import { runWebhookStorm } from '../../chaos/scenarios/webhook-storm';

const size = chaosSizes('reduced');
jest.setTimeout(300_000);

describe('chaos (reduced): webhook storm with worker SIGKILLs and a Redis restart', () => {
  it(`when ${size.storm.totalEvents} shuffled events with 20% duplicates arrive while workers are SIGKILLed ${size.storm.workerKills} times and Redis restarts ${size.storm.redisRestarts} time(s), then every activity is stored once, series equal a from-scratch run, alerts are mailed once, and I1-I5 hold`, async () => {
    const result = await runWebhookStorm(size.storm);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
