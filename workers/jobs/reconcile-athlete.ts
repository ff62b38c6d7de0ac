import { listActivityIdsStartedAfter } from '../../db/queries/activities';
import { advanceSyncWatermark, getSyncAthlete } from '../../db/queries/athlete-sync';
import type { JobRunner } from '../job-context';
import { enqueueSync } from '../ingest/enqueue';
import { importSummaries } from '../ingest/import-summaries';
import { requestRecompute } from '../../services/training/request-recompute';

const DAY_MS = 86_400_000;
/** Devices upload late (a watch synced days later): re-list this far before the watermark. */
const LOOKBACK_MS = 3 * DAY_MS;

/**
 * Recovers events Strava gave up delivering (three attempts can all land in our outage): lists the
 * athlete's activities after the watermark (minus a look-back), stores missing or changed summaries,
 * queues their streams, and re-syncs stored activities the listing no longer shows (a 404 then deletes
 * them; nothing is deleted on the listing's word alone). Costs one call per 200 listed activities.
 * Idempotent; the watermark only moves forward.
 */
export const run: JobRunner<'reconcile-athlete'> = async (data, deps, ctx) => {
  const athlete = await getSyncAthlete(deps.db, data.athleteId);
  if (!athlete || athlete.connectionState !== 'connected') return;
  // Until the first import has listed the history, it covers everything reconciliation would.
  if (athlete.backfillStatus === 'pending' || athlete.backfillStatus === 'summaries') return;
  const fromMs =
    (athlete.syncWatermarkMs ?? deps.clock() - deps.config.strava.backfillDays * DAY_MS) - LOOKBACK_MS;
  const afterS = Math.floor(fromMs / 1000);
  const imported = await importSummaries(deps, athlete, afterS);
  for (const activityId of imported.newIds) {
    await deps.queues.enqueue('fetch-streams', { athleteId: athlete.id, activityId });
  }
  if (imported.earliestChangedDate) await requestRecompute(deps, athlete.id, imported.earliestChangedDate);
  const stored = await listActivityIdsStartedAfter(deps.db, athlete.id, new Date(afterS * 1000));
  const unlisted = stored.filter((id) => !imported.listed.has(id));
  for (const activityId of unlisted) {
    await enqueueSync(deps, { athleteId: athlete.id, activityId, reason: 'reconcile' });
  }
  if (imported.newestStartMs !== null)
    await advanceSyncWatermark(deps.db, athlete.id, imported.newestStartMs);
  ctx.log.info(
    {
      athleteId: athlete.id,
      listed: imported.listed.size,
      added: imported.newIds.length,
      recheck: unlisted.length,
    },
    'reconciled',
  );
};
