import { listActivitiesNeedingStreams } from '../../db/queries/activities';
import {
  advanceSyncWatermark,
  getSyncAthlete,
  hasScope,
  refreshBackfillProgress,
  setBackfillPhase,
  setStravaZones,
  type SyncAthlete,
} from '../../db/queries/athlete-sync';
import type { Deps } from '../../services/deps';
import type { JobContext, JobRunner } from '../job-context';
import { importSummaries } from '../ingest/import-summaries';
import { stravaApiFor } from '../../services/strava/client';
import { requestRecompute } from '../../services/training/request-recompute';

const DAY_MS = 86_400_000;
/** fetch-streams priorities start here and grow with age, so the newest activities get streams first. */
const STREAMS_BASE_PRIORITY = 10;

/**
 * History import on connect. Phase 1 ('summaries'): lists the last STRAVA_BACKFILL_DAYS from
 * /athlete/activities (200 per page) and stores every summary at once, then asks for one recompute from
 * the earliest day, so loads exist from summaries within a minute. Phase 2 ('streams'): queues one
 * fetch-streams per activity, newest first; those wait for read budget and upgrade each day's numbers as
 * streams arrive. Progress is in athlete.backfill_* (recounted from rows). A rerun re-lists and changes
 * nothing already imported.
 */
export const run: JobRunner<'backfill-athlete'> = async (data, deps, ctx) => {
  const athlete = await getSyncAthlete(deps.db, data.athleteId);
  if (!athlete || athlete.connectionState !== 'connected' || athlete.backfillStatus === 'done') return;
  await setBackfillPhase(deps.db, athlete.id, 'summaries');
  await importZones(deps, athlete, ctx);
  const afterS = Math.floor((deps.clock() - deps.config.strava.backfillDays * DAY_MS) / 1000);
  const imported = await importSummaries(deps, athlete, afterS);
  if (imported.earliestChangedDate) await requestRecompute(deps, athlete.id, imported.earliestChangedDate);
  const needStreams = await listActivitiesNeedingStreams(deps.db, athlete.id);
  await setBackfillPhase(deps.db, athlete.id, 'streams', imported.listed.size);
  for (const [i, activityId] of needStreams.entries()) {
    await deps.queues.enqueue(
      'fetch-streams',
      { athleteId: athlete.id, activityId },
      { priority: STREAMS_BASE_PRIORITY + i },
    );
  }
  await advanceSyncWatermark(deps.db, athlete.id, imported.newestStartMs ?? deps.clock());
  await refreshBackfillProgress(deps.db, athlete.id);
  ctx.log.info(
    { athleteId: athlete.id, summaries: imported.listed.size, streamsQueued: needStreams.length },
    'backfill summaries imported',
  );
};

/** The athlete's heart-rate zones, once (needs profile:read_all); failure is not fatal to the import. */
async function importZones(deps: Deps, athlete: SyncAthlete, ctx: JobContext): Promise<void> {
  if (athlete.hasZones || !hasScope(athlete, 'profile:read_all')) return;
  try {
    const zones = await stravaApiFor(deps).getHeartRateZones(athlete.id);
    if (zones) await setStravaZones(deps.db, athlete.id, zones);
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'heart-rate zones not imported');
  }
}
