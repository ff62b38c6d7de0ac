import { getActivityState } from '../../db/queries/activities';
import { setStreamsStatus, storeActivityStreams } from '../../db/queries/activity-streams';
import { getSyncAthlete, refreshBackfillProgress } from '../../db/queries/athlete-sync';
import { toStoredStreams } from '../../services/strava/activity-mapper';
import { RateLimitWaitError } from '../../services/errors';
import { StravaNotFoundError } from '../../services/strava/errors';
import { DEFAULT_JOB_OPTIONS } from '../../services/queue/catalogue';
import type { JobRunner } from '../job-context';
import { removeActivity } from '../ingest/remove-activity';
import { stravaApiFor } from '../../services/strava/client';
import { requestRecompute } from '../../services/training/request-recompute';

/**
 * Fetches the streams of one imported activity on the 'backfill' budget: when the read budget is short
 * the client throws RateLimitWaitError and the job waits for the next window without spending an
 * attempt. Once stored, that day is recomputed, upgrading the summary-based numbers. Idempotent: an
 * activity whose streams are already settled (stored, none, purged) or that is gone costs no call.
 */
export const run: JobRunner<'fetch-streams'> = async (data, deps, ctx) => {
  const athlete = await getSyncAthlete(deps.db, data.athleteId);
  const state = await getActivityState(deps.db, data.activityId);
  if (!athlete || athlete.connectionState !== 'connected' || !state || state.athleteId !== athlete.id) return;
  if (state.manual || (state.streamsStatus !== 'pending' && state.streamsStatus !== 'failed')) {
    await refreshBackfillProgress(deps.db, athlete.id);
    return;
  }
  try {
    const streams = await stravaApiFor(deps).getStreams(athlete.id, data.activityId, 'backfill');
    await storeActivityStreams(deps.db, data.activityId, toStoredStreams(streams), new Date(deps.clock()));
  } catch (err) {
    if (err instanceof StravaNotFoundError) {
      await removeActivity(deps, athlete.id, data.activityId, Math.floor(deps.clock() / 1000));
      await refreshBackfillProgress(deps.db, athlete.id);
      return;
    }
    // On the last attempt keep the summary numbers and let the import finish; reconciliation retries later.
    if (!(err instanceof RateLimitWaitError) && ctx.attemptsMade + 1 >= DEFAULT_JOB_OPTIONS.attempts)
      await setStreamsStatus(deps.db, data.activityId, 'failed');
    throw err;
  }
  await requestRecompute(deps, athlete.id, state.localDate);
  await refreshBackfillProgress(deps.db, athlete.id);
};
