import { metricAwaitsPurgedStreams } from '../../db/queries/activities';
import { listActivitiesKeepingNumbers, type KeptReason } from '../../db/queries/training';
import type { Deps } from '../deps';

/**
 * After an athlete's own input to one activity changed (RPE, body-area tags; its `inputs_version` was
 * bumped in the same statement): queues the recompute from that day. When the change needs streams
 * that the 7-day purge removed, the activity is fetched from Strava again first (sync, then streams on
 * the backfill budget); until they arrive the stored numbers stay and the page shows a pending refresh.
 */
export async function requestActivityRecompute(
  deps: Deps,
  athleteId: string,
  activityId: string,
  localDate: string,
): Promise<void> {
  if (await metricAwaitsPurgedStreams(deps.db, activityId)) {
    await deps.queues.enqueue('sync-activity', { athleteId, activityId, reason: 'reconcile' });
  }
  await deps.queues.enqueue('recompute-athlete', {
    athleteId,
    fromDate: localDate,
    recomputeActivities: false,
  });
}

const KEPT_EXPLANATIONS: Record<KeptReason, string> = {
  'streams-purged':
    'computed from its heart-rate, power or pace streams, which Strava allows us to keep for 7 days only',
  'strava-data-purged': "computed from Strava's summary, which Strava allows us to keep for 7 days only",
};

/** What a settings change cannot reach, for the API answer and the settings page. */
export interface KeptNumbers {
  count: number;
  activities: { activityId: string; localDate: string; reason: KeptReason; refreshPending: boolean }[];
  explanation: string | null;
}

/**
 * Activities that keep the numbers they were given, because what a recompute would need is gone. A
 * settings change (threshold, max HR) applies to every other activity.
 */
export async function activitiesKeepingNumbers(deps: Deps, athleteId: string): Promise<KeptNumbers> {
  const activities = await listActivitiesKeepingNumbers(deps.db, athleteId);
  if (activities.length === 0) return { count: 0, activities, explanation: null };
  const reasons = [...new Set(activities.map((a) => a.reason))];
  return {
    count: activities.length,
    activities,
    explanation:
      `${activities.length} older ${activities.length === 1 ? 'activity keeps' : 'activities keep'} ` +
      `the numbers computed when they arrived: ${reasons.map((r) => KEPT_EXPLANATIONS[r]).join('; ')}.`,
  };
}
