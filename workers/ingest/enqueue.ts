import type { Deps } from '../../services/deps';
import type { JobInput } from '../../services/queue/catalogue';

/**
 * Enqueues a sync of one activity so that every change is seen: the catalogue's rerun semantics keep one
 * waiting and one running sync per activity, and a request during a run schedules one more run.
 */
export async function enqueueSync(deps: Deps, data: JobInput<'sync-activity'>): Promise<void> {
  await deps.queues.enqueue('sync-activity', data);
}

/** The earlier of two YYYY-MM-DD dates (either may be missing). */
export function earlierDate(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return a < b ? a : b;
}
