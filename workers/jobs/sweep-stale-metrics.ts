import { listStaleMetricAthletes } from '../../db/queries/training';
import { MODEL_VERSION } from '../../services/training/recompute-activities';
import { requestRecompute } from '../../services/training/request-recompute';
import type { JobRunner } from '../job-context';

/** An activity may wait this long for the recompute its sync queued before the sweeper steps in. */
const GRACE_MS = 30_000;

/**
 * Re-drives recomputes that were never queued or gave up: sync stores an activity and then queues the
 * recompute, and a worker killed in between (or Redis down) would leave the activity without numbers.
 */
export const run: JobRunner<'sweep-stale-metrics'> = async (_data, deps, ctx) => {
  const stale = await listStaleMetricAthletes(deps.db, new Date(deps.clock() - GRACE_MS), MODEL_VERSION);
  for (const { athleteId, fromDate } of stale) {
    await requestRecompute(deps, athleteId, fromDate);
  }
  if (stale.length > 0) ctx.log.info({ athletes: stale.length }, 'queued recomputes for stale metrics');
};
