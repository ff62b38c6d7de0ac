import { findSyncAthleteByStravaId, type SyncAthlete } from '../../db/queries/athlete-sync';
import { holdsActivity } from '../../db/queries/strava-access';
import { finishInboxEvent, getInboxEvent, type InboxRow } from '../../db/queries/webhook-inbox';
import type { Deps } from '../../services/deps';
import { takeAthleteCheck } from '../../services/strava/webhook-limits';
import { DEFAULT_JOB_OPTIONS } from '../../services/queue/catalogue';
import type { JobRunner } from '../job-context';
import { enqueueSync } from '../ingest/enqueue';

/**
 * Turns one inbox row into work. A webhook is a hint, never an order (Strava does not sign events), so
 * nothing here deletes or believes anything, and no Strava call is made here:
 * - create/update/delete of an activity -> a sync of it, which re-fetches it with the athlete's token and
 *   deletes only on Strava's 404 (a delete of an activity we do not hold is dropped: nothing to do);
 * - deauthorization -> delete-athlete, which confirms with Strava before deleting anything.
 * Each athlete's events may trigger STRAVA_WEBHOOK_ATHLETE_LIMIT checks per 15-minute window; past that
 * they are folded into one listing of the athlete at the window's end (activity events) or one
 * deauthorization check then (rerun-keyed, so never lost). Idempotent: a finished row is skipped, and
 * every effect is keyed (job ids, tombstones).
 */
export const run: JobRunner<'process-webhook-event'> = async (data, deps, ctx) => {
  const row = await getInboxEvent(deps.db, data.inboxId);
  if (!row || row.status === 'dropped') return;
  if (data.replay && row.objectType === 'athlete') {
    await handle(row, deps); // a deauthorization seen again: check again (coalesced, per-athlete limited)
    return;
  }
  if (row.status === 'done' || row.status === 'failed') return;
  try {
    const verdict = await handle(row, deps);
    if (verdict.status === 'dropped')
      deps.metrics.webhookDropped.inc({ reason: verdict.reason ?? 'dropped' });
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
    const slot = await takeAthleteCheck(deps, athlete.id);
    const delay = slot.granted ? 0 : slot.windowEndMs - deps.clock();
    await deps.queues.enqueue(
      'delete-athlete',
      { athleteId: athlete.id, reason: 'deauthorized' },
      delay > 0 ? { delay } : {},
    );
    return { status: 'done', reason: slot.granted ? undefined : 'deauthorization check at window end' };
  }
  return activityCheck(deps, athlete, row);
}

async function activityCheck(deps: Deps, athlete: SyncAthlete, row: InboxRow): Promise<Verdict> {
  // Every activity event takes a slot, even one that turns out free: the web process admits limit + 1
  // events per athlete and window, so the last one admitted always lands here past the limit and folds.
  const slot = await takeAthleteCheck(deps, athlete.id);
  const activityId = row.objectId;
  if (
    slot.granted &&
    row.aspectType === 'delete' &&
    !(await holdsActivity(deps.db, athlete.id, activityId))
  ) {
    return { status: 'dropped', reason: 'delete of an activity we do not hold' };
  }
  if (slot.granted) {
    await enqueueSync(deps, { athleteId: athlete.id, activityId, reason: 'webhook' });
    return { status: 'done' };
  }
  // One listing at the window's end covers every event of the window, real or forged, for one call.
  deps.metrics.webhookFolded.inc();
  await deps.queues.enqueue(
    'reconcile-athlete',
    { athleteId: athlete.id, windowId: `h${slot.windowStartMs}` },
    { delay: Math.max(0, slot.windowEndMs - deps.clock()) },
  );
  return { status: 'done', reason: 'folded into the athlete listing at window end' };
}
