import type { JobName } from '../services/queue/catalogue';
import type { JobRunner } from './job-context';
import { run as backfillAthlete } from './jobs/backfill-athlete';
import { run as deleteAthlete } from './jobs/delete-athlete';
import { run as fetchStreams } from './jobs/fetch-streams';
import { run as processWebhookEvent } from './jobs/process-webhook-event';
import { run as purgeRawData } from './jobs/purge-raw-data';
import { run as recomputeAthlete } from './jobs/recompute-athlete';
import { run as reconcileAll } from './jobs/reconcile-all';
import { run as reconcileAthlete } from './jobs/reconcile-athlete';
import { run as refreshAthletes } from './jobs/refresh-athletes';
import { run as relayOutbox } from './jobs/relay-outbox';
import { run as sendEmail } from './jobs/send-email';
import { run as sweepInbox } from './jobs/sweep-inbox';
import { run as sweepStaleMetrics } from './jobs/sweep-stale-metrics';
import { run as syncActivity } from './jobs/sync-activity';
import { run as verifyStravaAccess } from './jobs/verify-strava-access';

/**
 * Every job name of the catalogue and the function that runs it: a typed, static map, so a job added
 * to the catalogue without a runner (or with a runner of the wrong payload type) fails the type check.
 */
export const JOB_RUNNERS: { [N in JobName]: JobRunner<N> } = {
  'process-webhook-event': processWebhookEvent,
  'sync-activity': syncActivity,
  'backfill-athlete': backfillAthlete,
  'fetch-streams': fetchStreams,
  'reconcile-athlete': reconcileAthlete,
  'delete-athlete': deleteAthlete,
  'recompute-athlete': recomputeAthlete,
  'send-email': sendEmail,
  'sweep-inbox': sweepInbox,
  'relay-outbox': relayOutbox,
  'purge-raw-data': purgeRawData,
  'refresh-athletes': refreshAthletes,
  'sweep-stale-metrics': sweepStaleMetrics,
  'reconcile-all': reconcileAll,
  'verify-strava-access': verifyStravaAccess,
};

/** The runner of a job name (widened for the dispatcher, which has validated the payload). */
export function jobRunner(name: JobName): JobRunner<JobName> {
  return JOB_RUNNERS[name];
}
