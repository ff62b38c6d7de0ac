import type { Deps } from '../services/deps';
import type { Logger } from '../services/logger';
import type { JobData, JobName } from '../services/queue/catalogue';

export interface JobContext {
  jobId: string;
  /** Attempts already made before this one (0 on the first run). */
  attemptsMade: number;
  /** Child logger carrying the job id and name. */
  log: Logger;
}

/**
 * Every job file exports `run` of this type: a small idempotent function. Throw to retry; throw
 * PermanentJobError to give up; throw RateLimitWaitError to wait for the next Strava window without
 * spending an attempt. The dispatcher in workers/main.ts applies that policy.
 */
export type JobRunner<N extends JobName> = (data: JobData<N>, deps: Deps, ctx: JobContext) => Promise<void>;
