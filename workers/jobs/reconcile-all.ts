import { listConnectedAthleteIds } from '../../db/queries/athlete-sync';
import type { JobRunner } from '../job-context';

/** The reconciliation period: one reconcile-athlete per athlete per window (deterministic job ids). */
const WINDOW_MS = 6 * 60 * 60_000;

/**
 * Repeatable: queues a reconcile-athlete for every connected athlete, keyed by the current 6-hour window,
 * so running this twice in a window queues nothing new. Makes no Strava call itself.
 */
export const run: JobRunner<'reconcile-all'> = async (_data, deps, ctx) => {
  const windowId = `w${Math.floor(deps.clock() / WINDOW_MS)}`;
  const athleteIds = await listConnectedAthleteIds(deps.db);
  for (const athleteId of athleteIds) {
    await deps.queues.enqueue('reconcile-athlete', { athleteId, windowId });
  }
  ctx.log.info({ athletes: athleteIds.length, windowId }, 'reconciliation queued');
};
