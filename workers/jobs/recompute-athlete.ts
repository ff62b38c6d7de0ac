import { recomputeAthlete } from '../../services/training/recompute-athlete';
import type { JobRunner } from '../job-context';

/** Recomputes an athlete's metrics, series and alerts from a day on (services/training/recompute-athlete.ts). */
export const run: JobRunner<'recompute-athlete'> = async (data, deps, ctx) => {
  const outcome = await recomputeAthlete(deps, data);
  ctx.log.debug({ athleteId: data.athleteId, fromDate: data.fromDate, outcome }, 'recomputed');
};
