import { run } from '../../../workers/jobs/sweep-stale-metrics';
import { recomputeAthlete } from '../../../services/training/recompute-athlete';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { queuedJobData } from '../../support/queued-jobs';
import { insertActivityRow, insertAthleteRow } from '../../support/training-builders';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps();
});
afterAll(() => deps.close());

const ctx = () => ({ jobId: 'sweep-stale-metrics', attemptsMade: 0, log: deps.logger });

describe('sweep-stale-metrics', () => {
  it('when an activity was stored but its recompute never ran, then the sweeper queues one from its day', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-03T07:00:00Z' });
    await deps.db.query(
      `update activity set updated_at = now() - interval '5 minutes' where athlete_id = $1`,
      [athleteId],
    );
    await run({}, deps, ctx());
    expect(await queuedJobData(deps, 'compute', 'recompute-athlete')).toContainEqual({
      athleteId,
      fromDate: '2026-06-03',
      recomputeActivities: false,
    });
  });

  it('when every activity has current numbers, or a change is only seconds old, then nothing is queued', async () => {
    await deps.queues.queue('compute').obliterate({ force: true });
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-04T07:00:00Z' });
    await deps.db.query(
      `update activity set updated_at = now() - interval '5 minutes' where athlete_id = $1`,
      [athleteId],
    );
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-04', recomputeActivities: false });
    const fresh = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, fresh.athleteId, { startDate: '2026-06-05T07:00:00Z' });
    await run({}, deps, ctx());
    const queued = (await queuedJobData(deps, 'compute', 'recompute-athlete')) as { athleteId: string }[];
    expect(queued.filter((d) => d.athleteId === athleteId || d.athleteId === fresh.athleteId)).toEqual([]);
  });
});
