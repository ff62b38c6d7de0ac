import { listAthletesToVerifyAccess } from '../../db/queries/strava-access';
import type { JobRunner } from '../job-context';

/** A connected athlete whose tokens we have not used (or refreshed) for this long gets checked. */
const IDLE_MS = 24 * 60 * 60_000;
/** Per run (hourly): far more than Strava's deauthorizations, bounded so the budget stays for real work. */
const MAX_PER_RUN = 50;

/**
 * Repeatable: finds athletes whose Strava access may be gone without our hearing of it (the
 * deauthorization event was lost, or Strava refused a token or refresh), and queues a delete-athlete
 * with reason 'access-lost' for each. That job confirms with one call using the athlete's token and
 * deletes only when Strava rejects it. Makes no Strava call itself.
 */
export const run: JobRunner<'verify-strava-access'> = async (_data, deps, ctx) => {
  const athleteIds = await listAthletesToVerifyAccess(deps.db, new Date(deps.clock() - IDLE_MS), MAX_PER_RUN);
  for (const athleteId of athleteIds) {
    await deps.queues.enqueue('delete-athlete', { athleteId, reason: 'access-lost' });
  }
  if (athleteIds.length > 0) ctx.log.info({ athletes: athleteIds.length }, 'Strava access checks queued');
};
