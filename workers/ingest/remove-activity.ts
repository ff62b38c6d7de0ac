import { withTransaction } from '../../db/pool';
import { deleteActivityWithTombstone, lockActivity } from '../../db/queries/activities';
import { scrubInboxUpdates } from '../../db/queries/webhook-inbox';
import type { Deps } from '../../services/deps';
import { requestRecompute } from '../../services/training/request-recompute';

/**
 * Removes an activity that Strava deleted (or no longer shows us) and everything derived from it, leaves
 * a tombstone stamped `atS` (epoch seconds, Strava's clock when known) and asks for the affected days to
 * be recomputed. Idempotent: a second call finds nothing to delete and enqueues nothing.
 */
export async function removeActivity(
  deps: Deps,
  athleteId: string,
  activityId: string,
  atS: number,
): Promise<boolean> {
  const deleted = await withTransaction(deps.db, async (tx) => {
    await lockActivity(tx, activityId);
    const row = await deleteActivityWithTombstone(tx, activityId, athleteId, atS);
    await scrubInboxUpdates(tx, activityId);
    return row;
  });
  if (deleted) await requestRecompute(deps, athleteId, deleted.localDate);
  return deleted !== null;
}
