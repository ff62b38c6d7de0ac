import { listLatestSeriesDays } from '../../db/queries/daily-series';
import { requestRecompute } from '../../services/training/request-recompute';
import type { JobRunner } from '../job-context';

/**
 * Queues a recompute from each athlete's last stored day: the series reaches their local today and the
 * alert rules see today's form. Cheap when nothing changed (no activity is recomputed; a few days are).
 */
export const run: JobRunner<'refresh-athletes'> = async (_data, deps, ctx) => {
  const latest = await listLatestSeriesDays(deps.db);
  for (const { athleteId, day } of latest) {
    await requestRecompute(deps, athleteId, day);
  }
  ctx.log.debug({ athletes: latest.length }, 'refresh queued');
};
