import { withTransaction } from '../../db/pool';
import {
  getActivityState,
  getTombstoneS,
  liftTombstone,
  lockActivity,
  upsertActivity,
  type ActivityState,
  type UpsertOutcome,
} from '../../db/queries/activities';
import { metricAwaitsPurgedStreams } from '../../db/queries/activity-inputs';
import { setStreamsStatus, storeActivityStreams } from '../../db/queries/activity-streams';
import { getSyncAthlete, hasScope, type SyncAthlete } from '../../db/queries/athlete-sync';
import { latestActivityEventTime } from '../../db/queries/webhook-inbox';
import type { Deps } from '../../services/deps';
import type { StravaActivity, StravaCallPriority } from '../../services/strava/api';
import {
  isOnlyMe,
  toActivityFields,
  toStoredStreams,
  type ActivityFields,
} from '../../services/strava/activity-mapper';
import { StravaNotFoundError } from '../../services/strava/errors';
import type { JobContext, JobRunner } from '../job-context';
import { earlierDate } from '../ingest/enqueue';
import { adoptActivityTimeZone } from '../ingest/adopt-time-zone';
import { removeActivity } from '../ingest/remove-activity';
import { stravaApiFor } from '../../services/strava/client';
import { requestRecompute } from '../../services/training/request-recompute';

/**
 * Makes our copy of one activity equal Strava's current state, whatever order its events came in.
 * Calls: the detail (1), plus the streams (2) only when the activity is new or its streams are still
 * missing and it is not a manual entry. A tombstoned activity costs no call unless a newer create/update
 * event arrived since its deletion (a privacy flip back); a 404 removes it. A private activity is stored
 * only with activity:read_all. A change of what the numbers are computed from (not a rename), and new
 * streams, ask for a recompute. When the streams were purged and the numbers must follow a change, the
 * streams are fetched again on the backfill budget; until then the stream-based numbers stay.
 * A webhook `delete` also arrives here: nothing is deleted on the event's word, only on Strava's 404.
 */
export const run: JobRunner<'sync-activity'> = async (data, deps, ctx) => {
  const athlete = await getSyncAthlete(deps.db, data.athleteId);
  if (!athlete || athlete.connectionState !== 'connected') {
    ctx.log.info({ activityId: data.activityId }, 'athlete not connected; sync skipped');
    return;
  }
  // Read before fetching: every event up to this time is then reflected in what we fetch.
  const eventS = await latestActivityEventTime(deps.db, data.activityId);
  const tombS = await getTombstoneS(deps.db, data.activityId);
  if (tombS !== null && (eventS === null || eventS <= tombS)) return;
  const before = await getActivityState(deps.db, data.activityId);
  const fetchedAt = new Date(deps.clock());
  const goneAtS = eventS ?? Math.floor(fetchedAt.getTime() / 1000);
  // A webhook event is only a hint (it may be forged): its checks draw on the capped webhook share.
  const priority: StravaCallPriority = data.reason === 'webhook' ? 'webhook' : 'live';
  const detail = await fetchDetail(deps, athlete, data.activityId, priority);
  if (!detail || (isOnlyMe(detail) && !hasScope(athlete, 'activity:read_all'))) {
    await removeActivity(deps, athlete.id, data.activityId, goneAtS);
    return;
  }
  if (detail.athleteId !== athlete.stravaAthleteId) {
    ctx.log.warn({ activityId: data.activityId }, 'activity belongs to another athlete; ignored');
    return;
  }
  const fields = toActivityFields(detail, athlete.id);
  const written = await writeUnlessDeleted(deps, fields, fetchedAt, eventS);
  if (!written) return;
  await adoptActivityTimeZone(deps, athlete.id, fields);
  await refetchPurgedStreamsIfNeeded(deps, athlete.id, fields.id);
  const streamsStored = await syncStreams(deps, athlete, before, fields, goneAtS, ctx, priority);
  if (streamsStored === 'gone') return;
  if (!before || streamsStored || written.inputsChanged || before.localDate !== fields.localDate) {
    await requestRecompute(
      deps,
      athlete.id,
      earlierDate(before?.localDate, fields.localDate) ?? fields.localDate,
    );
  }
};

async function fetchDetail(
  deps: Deps,
  athlete: SyncAthlete,
  activityId: string,
  priority: StravaCallPriority,
): Promise<StravaActivity | null> {
  try {
    return await stravaApiFor(deps).getActivity(athlete.id, activityId, priority);
  } catch (err) {
    if (err instanceof StravaNotFoundError) return null;
    throw err;
  }
}

/** Upserts under the activity's lock; a tombstone wins unless a newer event than the deletion arrived. */
async function writeUnlessDeleted(
  deps: Deps,
  fields: ActivityFields,
  fetchedAt: Date,
  eventS: number | null,
): Promise<UpsertOutcome | null> {
  return withTransaction(deps.db, async (tx) => {
    await lockActivity(tx, fields.id);
    const tombS = await getTombstoneS(tx, fields.id);
    if (tombS !== null) {
      if (eventS === null || eventS <= tombS) return null;
      await liftTombstone(tx, fields.id);
    }
    return upsertActivity(tx, fields, fetchedAt);
  });
}

/** Marks purged streams 'pending' ("refresh pending" on the dashboard) and queues their fetch. */
async function refetchPurgedStreamsIfNeeded(deps: Deps, athleteId: string, activityId: string) {
  if (!(await metricAwaitsPurgedStreams(deps.db, activityId))) return;
  await setStreamsStatus(deps.db, activityId, 'pending');
  await deps.queues.enqueue('fetch-streams', { athleteId, activityId });
}

/** Fetches and stores streams when they are still missing. Returns true when streams were stored. */
async function syncStreams(
  deps: Deps,
  athlete: SyncAthlete,
  before: ActivityState | null,
  fields: ActivityFields,
  goneAtS: number,
  ctx: JobContext,
  priority: StravaCallPriority,
): Promise<boolean | 'gone'> {
  if (fields.manual) return false;
  if (before && before.streamsStatus !== 'pending' && before.streamsStatus !== 'failed') return false;
  try {
    const streams = await stravaApiFor(deps).getStreams(athlete.id, fields.id, priority);
    await storeActivityStreams(deps.db, fields.id, toStoredStreams(streams), new Date(deps.clock()));
    return true;
  } catch (err) {
    if (!(err instanceof StravaNotFoundError)) throw err;
    ctx.log.info({ activityId: fields.id }, 'streams 404: activity deleted meanwhile');
    await removeActivity(deps, athlete.id, fields.id, goneAtS);
    return 'gone';
  }
}
