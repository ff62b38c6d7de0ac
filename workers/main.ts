import { DelayedError, UnrecoverableError, Worker, type Job } from 'bullmq';
import type { Deps } from '../services/deps';
import { PermanentJobError, RateLimitWaitError } from '../services/errors';
import { StravaAuthError, type StravaAuthReason } from '../services/strava/errors';
import {
  BACKOFF_TYPE,
  JOBS,
  QUEUE_NAMES,
  REPEATABLE_JOBS,
  type JobName,
  type QueueName,
} from '../services/queue/catalogue';
import type { JobContext } from './job-context';
import { jobRunner } from './job-runners';
import { createRedis } from './redis';

export interface WorkerHandle {
  /** Stops taking jobs, waits for in-flight ones (bounded by the caller), closes connections. */
  close(): Promise<void>;
}

/**
 * Starts one BullMQ Worker per queue in this process. Any number of processes may do this at once:
 * BullMQ hands each job to one of them, and every job is idempotent.
 */
export async function startWorkers(
  deps: Deps,
  queues: readonly QueueName[] = QUEUE_NAMES,
): Promise<WorkerHandle> {
  const workers = queues.map((queueName) => {
    const connection = createRedis(deps.config.redisUrl, deps.logger, 'worker');
    const worker = new Worker(queueName, (job, token) => dispatch(job, token, deps), {
      connection,
      prefix: deps.config.queuePrefix,
      settings: { backoffStrategy: cappedBackoffMs },
      // Recomputes are CPU-bound and serialise per athlete: more than two at once only holds connections.
      concurrency:
        queueName === 'compute' ? Math.min(2, deps.config.workerConcurrency) : deps.config.workerConcurrency,
      autorun: true,
    });
    worker.on('error', (err) => deps.logger.warn({ err: err.message, queue: queueName }, 'worker error'));
    return { worker, connection };
  });
  await scheduleRepeatableJobs(deps, queues);
  return {
    async close() {
      await Promise.all(workers.map(({ worker }) => worker.close()));
      await Promise.all(
        workers.map(({ connection }) => connection.quit().catch(() => connection.disconnect())),
      );
    },
  };
}

async function dispatch(job: Job, token: string | undefined, deps: Deps) {
  const name = job.name as JobName;
  const spec = JOBS[name];
  if (!spec) throw new UnrecoverableError(`unknown job ${job.name}`);
  const parsed = spec.schema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`invalid payload for ${name}: ${parsed.error.message}`);
  const runner = jobRunner(name);
  const ctx: JobContext = {
    jobId: job.id ?? '',
    attemptsMade: job.attemptsMade,
    log: deps.logger.child({ jobId: job.id, job: name }),
  };
  const stopTimer = deps.metrics.jobDuration.startTimer({ name });
  try {
    await runner(parsed.data, deps, ctx);
    deps.metrics.jobOutcomes.inc({ name, outcome: 'completed' });
  } catch (err) {
    deps.metrics.jobOutcomes.inc({ name, outcome: outcomeOf(err) });
    if (err instanceof RateLimitWaitError) {
      // Wait for the next window without spending an attempt (BullMQ's manual delay pattern).
      await job.moveToDelayed(Math.max(err.retryAtMs, Date.now() + 1000), token);
      throw new DelayedError();
    }
    if (err instanceof StravaAuthError && LOST_ACCESS.includes(err.reason) && name !== 'delete-athlete') {
      // Strava refused the token or its refresh: confirm and treat as a deauthorization (the event may
      // never come). The check is keyed per athlete, so many failing jobs queue one.
      await deps.queues
        .enqueue('delete-athlete', { athleteId: err.athleteId, reason: 'access-lost' })
        .catch((e: Error) => ctx.log.warn({ err: e.message }, 'could not queue the access check'));
    }
    if (err instanceof PermanentJobError) throw new UnrecoverableError(err.message);
    ctx.log.warn({ err: (err as Error).message, attempt: job.attemptsMade + 1 }, 'job failed; will retry');
    throw err;
  } finally {
    stopTimer();
  }
}

/** Strava's own answers that the athlete's access is gone (not ours: unreadable tokens, missing scopes). */
const LOST_ACCESS: StravaAuthReason[] = ['revoked', 'refresh_rejected'];

/** Retry delay of the catalogue's backoff type: 1 s doubling, capped at 60 s, +/-20 % jitter. */
export function cappedBackoffMs(attemptsMade: number, type?: string): number {
  if (type !== BACKOFF_TYPE) return 1000;
  const base = Math.min(1000 * 2 ** Math.max(0, attemptsMade - 1), 60_000);
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function outcomeOf(err: unknown): string {
  if (err instanceof RateLimitWaitError) return 'rate_limited';
  if (err instanceof PermanentJobError) return 'gave_up';
  return 'failed';
}

async function scheduleRepeatableJobs(deps: Deps, queues: readonly QueueName[]): Promise<void> {
  for (const { name, everyMs } of REPEATABLE_JOBS) {
    const spec = JOBS[name];
    if (!queues.includes(spec.queue)) continue;
    await deps.queues.queue(spec.queue).upsertJobScheduler(name, { every: everyMs }, { name, data: {} });
  }
}
