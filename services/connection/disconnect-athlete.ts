import { eraseAthlete, erasureRef } from '../athlete-erasure';
import type { Deps } from '../deps';
import type { Logger } from '../logger';
import { stravaApiFor } from '../strava/client';

/**
 * "Disconnect and delete my data": revokes access at Strava (best effort: leaving is never blocked by
 * Strava being down), then erases every row and Redis entry of the athlete (athlete-erasure.ts, the
 * one home of deleting an athlete). Logs name the athlete only by a keyed reference.
 */
export async function disconnectAthlete(deps: Deps, athleteId: string, log: Logger): Promise<void> {
  const ref = erasureRef(deps, athleteId);
  try {
    await stravaApiFor(deps).deauthorize(athleteId);
  } catch (err) {
    log.warn(
      { ref, err: (err as Error).message },
      'could not revoke access at Strava; deleting locally anyway',
    );
  }
  const deletion = await eraseAthlete(deps, athleteId);
  log.info(
    {
      ref,
      deleted: deletion.deleted,
      jobsRemoved: deletion.jobsRemoved,
      redisRemoved: deletion.redisRemoved,
    },
    'athlete disconnected Strava; all data deleted',
  );
}
