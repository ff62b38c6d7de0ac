import { purgeRawActivityDetail } from '../../db/queries/raw-data-purge';
import { purgeActivityStreams } from '../../db/queries/activity-streams';
import { purgeFinishedInboxEvents } from '../../db/queries/webhook-inbox';
import { purgeFinishedEmailBodies } from '../../db/queries/email-outbox';
import type { JobRunner } from '../job-context';

const DAY_MS = 86_400_000;

/**
 * Repeatable (hourly): Strava's API terms cap the cache of raw Strava data at 7 days. Deletes stream
 * samples, clears every raw Strava field of activities read more than STRAVA_RAW_RETENTION_DAYS ago
 * (purgeRawActivityDetail lists them), and deletes finished webhook inbox rows older than
 * WEBHOOK_INBOX_RETENTION_DAYS (their `updates` hold titles and every row an athlete's Strava id), and
 * empties the bodies of finished emails (they quote activity titles). db/retention-policy.ts lists
 * every column's fate.
 * Everything Kneadwise derived (activity_metric, daily_series) stays unchanged, and nothing here makes
 * a metric stale: purging is bookkeeping, not a change of the activity.
 * Idempotent; a deleted activity is already gone at once (process-webhook-event).
 */
export const run: JobRunner<'purge-raw-data'> = async (_data, deps, ctx) => {
  const before = new Date(deps.clock() - deps.config.strava.rawRetentionDays * DAY_MS);
  const details = await purgeRawActivityDetail(deps.db, before, new Date(deps.clock()));
  const streams = await purgeActivityStreams(deps.db, before);
  const emailBodies = await purgeFinishedEmailBodies(deps.db, before);
  const inboxBefore = new Date(deps.clock() - deps.config.strava.inboxRetentionDays * DAY_MS);
  const inbox = await purgeFinishedInboxEvents(deps.db, inboxBefore);
  if (details + streams + inbox + emailBodies > 0)
    ctx.log.info({ details, streams, inbox, emailBodies, before, inboxBefore }, 'raw Strava data purged');
};
