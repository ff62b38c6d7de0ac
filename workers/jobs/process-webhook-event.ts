import { findSyncAthleteByStravaId } from '../../db/queries/athlete-sync';
import { finishInboxEvent, getInboxEvent, type InboxRow } from '../../db/queries/webhook-inbox';
import type { Deps } from '../../services/deps';
import { DEFAULT_JOB_OPTIONS } from '../catalogue';
import type { JobRunner } from '../job-context';
import { enqueueSync } from '../ingest/enqueue';
import { removeActivity } from '../ingest/remove-activity';

/**
 * Turns one inbox row into work. create/update -> a sync of the activity (which re-fetches everything: the
 * body is only a hint); delete -> the activity and everything derived from it go now, with a tombstone;
 * deauthorization -> delete-athlete, which confirms with Strava before deleting anything. Idempotent: a
 * finished row is skipped, and every effect is keyed (job ids, tombstones). No Strava call is made here.
 */
export const run: JobRunner<'process-webhook-event'> = async (data, deps, ctx) => {
  const row = await getInboxEvent(deps.db, data.inboxId);
  if (!row || row.status === 'done' || row.status === 'dropped' || row.status === 'failed') return;
  try {
    const verdict = await handle(row, deps);
    await finishInboxEvent(deps.db, row.id, verdict.status, verdict.reason);
  } catch (err) {
    if (ctx.attemptsMade + 1 >= DEFAULT_JOB_OPTIONS.attempts) {
      await finishInboxEvent(deps.db, row.id, 'failed', (err as Error).message).catch(() => undefined);
    }
    throw err;
  }
};

type Verdict = { status: 'done' | 'dropped'; reason?: string };

async function handle(row: InboxRow, deps: Deps): Promise<Verdict> {
  const athlete = await findSyncAthleteByStravaId(deps.db, row.ownerId);
  if (!athlete) return { status: 'dropped', reason: 'unknown athlete' };
  if (row.objectType === 'athlete') {
    if (row.updates.authorized !== 'false' || row.objectId !== row.ownerId) {
      return { status: 'dropped', reason: 'athlete events other than deauthorization are not used' };
    }
    await deps.queues.enqueue('delete-athlete', { athleteId: athlete.id, reason: 'deauthorized' });
    return { status: 'done' };
  }
  if (row.aspectType === 'delete') {
    await removeActivity(deps, athlete.id, row.objectId, row.eventTime);
    return { status: 'done' };
  }
  await enqueueSync(deps, { athleteId: athlete.id, activityId: row.objectId, reason: 'webhook' });
  return { status: 'done' };
}
