import type { Deps } from '../../services/deps';
import type { JobInput } from '../catalogue';

/**
 * Enqueues a sync of one activity so that every change is seen: the catalogue's rerun semantics keep one
 * waiting and one running sync per activity, and a request during a run schedules one more run.
 */
export async function enqueueSync(deps: Deps, data: JobInput<'sync-activity'>): Promise<void> {
  await deps.queues.enqueue('sync-activity', data);
}

/**
 * Asks recompute-athlete to rebuild metrics, series and alerts from `fromDate` (YYYY-MM-DD, athlete-local).
 * Only new or changed activities are recomputed (the job compares each row's version with its metric's),
 * so a backfill that fetches streams newest first does not recompute the whole history each time.
 */
export async function enqueueRecompute(deps: Deps, athleteId: string, fromDate: string): Promise<void> {
  await deps.queues.enqueue('recompute-athlete', { athleteId, fromDate, recomputeActivities: false });
}

/** The earlier of two YYYY-MM-DD dates (either may be missing). */
export function earlierDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}
