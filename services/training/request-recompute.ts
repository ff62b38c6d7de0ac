import { metricAwaitsPurgedStreams } from '../../db/queries/activity-inputs';
import { listActivitiesKeepingNumbers, type KeptReason } from '../../db/queries/training';
import { getNotifyProfile } from '../../db/queries/notification-prefs';
import type { Deps } from '../deps';
import { localDateAt } from '../domain/athlete-calendar';

/**
 * Request recompute: the one way anything (route, one-tap link, job) asks recompute-athlete to rebuild an
 * athlete's metrics, series and alerts from `fromDate` (YYYY-MM-DD, athlete-local). By default only new or
 * changed activities are recomputed (the job compares each row's version with its metric's);
 * `recomputeActivities` recomputes every activity from that day (a physiology change). Idempotent: the
 * job id is deterministic, and a request during a run schedules one more run.
 */
export async function requestRecompute(
  deps: Pick<Deps, 'queues'>,
  athleteId: string,
  fromDate: string,
  opts: { recomputeActivities?: boolean } = {},
): Promise<void> {
  await deps.queues.enqueue('recompute-athlete', {
    athleteId,
    fromDate,
    recomputeActivities: opts.recomputeActivities ?? false,
  });
}

/** The athlete's local today (services/domain/athlete-calendar.ts), from their recorded time zone. */
export async function athleteToday(deps: Pick<Deps, 'db' | 'clock'>, athleteId: string): Promise<string> {
  const profile = await getNotifyProfile(deps.db, athleteId);
  return localDateAt(deps.clock(), profile?.timeZone ?? 'UTC');
}

/**
 * After a settings change that alters the rules' inputs: re-evaluates from the athlete's today. Best
 * effort (the settings are saved; the hourly refresh catches up), so a queue failure is only logged.
 */
export async function requestRecomputeFromToday(deps: Deps, athleteId: string): Promise<void> {
  const fromDate = await athleteToday(deps, athleteId);
  await requestRecompute(deps, athleteId, fromDate).catch((err: Error) =>
    deps.logger.warn({ err: err.message, athleteId }, 'could not queue recompute'),
  );
}

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
  await requestRecompute(deps, athleteId, localDate);
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
