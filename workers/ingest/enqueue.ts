import { randomUUID } from 'node:crypto';
import type { Deps } from '../../services/deps';
import type { JobInput } from '../catalogue';

/**
 * Enqueues a sync of one activity so that every change is seen: at most one sync per activity waits and
 * one runs (BullMQ deduplication with keepLastIfActive); a request arriving while one runs schedules one
 * more run after it, and a request while one waits joins it (the waiting run fetches the latest state).
 * The job id carries the trigger (`wh<inboxId>`, `bf`, `rc...`) because BullMQ ignores an add whose id
 * matches a completed job it still keeps, which would silently drop a later change.
 */
export async function enqueueSync(
  deps: Deps,
  data: JobInput<'sync-activity'>,
  trigger: string,
): Promise<void> {
  await deps.queues.enqueue('sync-activity', data, {
    jobId: `sync-${data.activityId}-${trigger}`,
    deduplication: { id: `act-${data.activityId}`, keepLastIfActive: true },
  });
}

/**
 * Asks the lead's recompute-athlete job to rebuild metrics from `fromDate` (YYYY-MM-DD, athlete-local).
 * Same scheme as enqueueSync: one waiting and one running recompute per (athlete, day, mode), and a
 * request during a run is never lost (a fixed id would be ignored while the completed job is kept).
 */
export async function enqueueRecompute(deps: Deps, athleteId: string, fromDate: string): Promise<void> {
  await deps.queues.enqueue(
    'recompute-athlete',
    { athleteId, fromDate, recomputeActivities: true },
    {
      jobId: `recompute-${athleteId}-${fromDate}-a-${randomUUID().slice(0, 8)}`,
      deduplication: { id: `recompute-${athleteId}-${fromDate}-a`, keepLastIfActive: true },
    },
  );
}

/** The earlier of two YYYY-MM-DD dates (either may be missing). */
export function earlierDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}
