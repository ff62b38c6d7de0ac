import { runPostgresRestart } from '../../chaos/scenarios/postgres-restart';
import { chaosSizes } from '../../chaos/scenarios/sizes';

const size = chaosSizes('reduced');
jest.setTimeout(300_000);

describe('chaos (reduced): PostgreSQL crash and restart mid-run', () => {
  it('when PostgreSQL crashes and comes back, then readyz names it while down, the service recovers by itself, and I1-I5 hold', async () => {
    const result = await runPostgresRestart(size.postgres);
    expect(result.readiness.downStatus).toBe(503);
    expect(result.readiness.downBody?.checks?.postgres?.ok).toBe(false);
    expect(result.readiness.downBody?.checks?.redis?.ok).toBe(true);
    expect(result.readiness.healthWhileDown).toBe(200);
    expect(result.readiness.recovered).toBe(true);
    expect(result.settled).toBe(true);
    expect(result.invariants.filter((r) => !r.pass)).toEqual([]);
  });
});
