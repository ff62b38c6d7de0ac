import { findAthleteById } from '../../db/queries/athletes';
import { eraseAthlete, erasureRef } from '../../services/athlete-erasure';
import { stravaApiFor } from '../../services/strava/client';
import type { JobRunner } from '../job-context';

/**
 * Deletes everything of an athlete. Idempotent: an athlete already gone is done.
 *
 * - reason 'deauthorized' (queued by process-webhook-event for `updates.authorized = "false"`): Strava's
 *   events are unsigned, so the event is confirmed first — only when Strava itself rejects the athlete's
 *   token (and its refresh) is anything deleted. If Strava still accepts it the event was forged: nothing
 *   is deleted and the attempt is logged. A transient Strava failure retries; a spent budget waits for the
 *   window without spending an attempt (the check is a 'live' call, ahead of any backfill).
 * - reason 'disconnect': revoke at Strava (best effort), then delete.
 */
export const run: JobRunner<'delete-athlete'> = async (data, deps, ctx) => {
  const athlete = await findAthleteById(deps.db, data.athleteId);
  if (!athlete) {
    ctx.log.info({ athleteId: data.athleteId }, 'athlete already deleted');
    return;
  }
  const strava = stravaApiFor(deps);
  if (data.reason === 'deauthorized') {
    if (!(await strava.isAccessRevoked(data.athleteId))) {
      ctx.log.warn(
        { athleteId: data.athleteId, stravaAthleteId: athlete.stravaAthleteId },
        'deauthorization event not confirmed: Strava still accepts our token, so nothing was deleted (forged or stale event)',
      );
      return;
    }
  } else {
    await strava.deauthorize(data.athleteId).catch((err: Error) => {
      ctx.log.warn(
        { athleteId: data.athleteId, err: err.message },
        'could not revoke access at Strava; deleting locally anyway',
      );
    });
  }
  // Queued and failed jobs and other Redis keys naming the athlete go too (this job itself is removed on
  // completion); the log names them only by a keyed reference.
  const deletion = await eraseAthlete(deps, data.athleteId);
  ctx.log.info(
    {
      ref: erasureRef(deps, data.athleteId),
      reason: data.reason,
      deleted: deletion.deleted,
      jobsRemoved: deletion.jobsRemoved,
      redisRemoved: deletion.redisRemoved,
    },
    'athlete data deleted',
  );
};
