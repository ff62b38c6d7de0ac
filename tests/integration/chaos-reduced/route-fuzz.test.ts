import { runRouteFuzz } from '../../chaos/scenarios/route-fuzz';
import { chaosSizes } from '../../chaos/scenarios/sizes';

const size = chaosSizes('reduced');
jest.setTimeout(300_000);

describe('chaos (reduced): fuzzed bodies on every route', () => {
  it(`when every mounted route gets ${size.fuzz.bodiesPerRoute} hostile bodies and ids, then no response is a 5xx and nothing is left unhandled`, async () => {
    const result = await runRouteFuzz(size.fuzz);
    expect(result.routes).toBeGreaterThan(10);
    expect(result.serverErrors).toEqual([]);
    expect(result.unhandled).toBe(0);
  });
});
