import { runWebhookStorm } from '../../chaos/scenarios/webhook-storm';

// Reduced size of tests/chaos/webhook-storm.test.ts for every `npm test` (reliability.md Q1 PR tier).
jest.setTimeout(240_000);

describe('chaos (reduced): webhook storm with worker kills and a Redis restart', () => {
  it('when 500 shuffled events with 20% duplicates arrive while workers are SIGKILLed 5 times and Redis restarts once, then I1-I5 hold', async () => {
    const result = await runWebhookStorm({
      totalEvents: 500,
      workerKills: 5,
      redisRestarts: 1,
      athletes: 3,
      settleTimeoutMs: 150_000,
    });
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
    expect(result.settled).toBe(true);
  });
});
