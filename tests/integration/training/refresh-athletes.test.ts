import { run } from '../../../workers/jobs/refresh-athletes';
import { recomputeAthlete } from '../../../services/training/recompute-athlete';
import { createTestDeps, type TestDeps } from '../../support/test-deps';
import { insertActivityRow, insertAthleteRow } from '../../support/training-builders';

let deps: TestDeps;
let nowMs = Date.parse('2026-06-10T12:00:00Z');

beforeAll(async () => {
  deps = await createTestDeps();
  deps.clock = () => nowMs;
});
afterAll(() => deps.close());

describe('refresh-athletes', () => {
  it('when days pass without training, then the refresh extends the series to today and fatigue decays', async () => {
    const { athleteId } = await insertAthleteRow(deps.db);
    await insertActivityRow(deps.db, athleteId, { startDate: '2026-06-10T07:00:00Z' });
    await recomputeAthlete(deps, { athleteId, fromDate: '2026-06-10', recomputeActivities: false });
    nowMs = Date.parse('2026-06-14T12:00:00Z');
    await run({}, deps, { jobId: 'refresh-athletes', attemptsMade: 0, log: deps.logger });
    const jobs = await deps.queues.queue('compute').getJobs(['waiting', 'prioritized']);
    const mine = jobs.filter((j) => j.data.athleteId === athleteId);
    expect(mine.map((j) => j.data)).toEqual([
      { athleteId, fromDate: '2026-06-10', recomputeActivities: false },
    ]);
    await recomputeAthlete(deps, mine[0]!.data);
    const { rows } = await deps.db.query(
      `select to_char(day, 'YYYY-MM-DD') as day, atl from daily_series where athlete_id = $1 order by day`,
      [athleteId],
    );
    expect(rows.map((r) => r.day)).toEqual([
      '2026-06-10',
      '2026-06-11',
      '2026-06-12',
      '2026-06-13',
      '2026-06-14',
    ]);
    expect(rows[4].atl).toBeLessThan(rows[0].atl);
  });
});
