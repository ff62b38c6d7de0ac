import { randomUUID } from 'node:crypto';
import { Queue, type JobType } from 'bullmq';
import type { Redis } from 'ioredis';
import { DEFAULT_JOB_OPTIONS, JOBS, QUEUE_NAMES, type QueueName } from '../services/queue/catalogue';
import type { Enqueuer } from '../services/ports/enqueuer';

const REMOVABLE_STATES = [
  'waiting',
  'prioritized',
  'delayed',
  'failed',
  'completed',
] as const satisfies JobType[];

/**
 * The only place that creates BullMQ queues. `prefix` isolates installs and test files sharing a Redis.
 * Payloads carry ids only, never tokens or personal data (nothing secret reaches Redis).
 */
export function createEnqueuer(connection: Redis, prefix: string): Enqueuer {
  const queues = new Map<QueueName, Queue>();
  const queue = (name: QueueName): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
      q.on('error', () => undefined); // connection errors surface through readyz, not as crashes
      queues.set(name, q);
    }
    return q;
  };
  return {
    queue,
    async enqueue(name, data, opts) {
      const spec = JOBS[name];
      const parsed = spec.schema.parse(data) as never;
      const baseId = (spec.jobId as (d: unknown) => string)(parsed);
      const rerunKey = 'rerunKey' in spec ? (spec.rerunKey as (d: unknown) => string)(parsed) : undefined;
      const jobId = rerunKey ? `${baseId}-${randomUUID().slice(0, 8)}` : baseId;
      const job = await queue(spec.queue).add(name, parsed, {
        jobId,
        ...(rerunKey ? { deduplication: { id: rerunKey, keepLastIfActive: true } } : {}),
        ...(spec.priority ? { priority: spec.priority } : {}),
        ...('attempts' in spec ? { attempts: spec.attempts } : {}),
        ...opts,
      });
      return job.id ?? jobId;
    },
    async enqueueBulk(name, items) {
      if (items.length === 0) return;
      const spec = JOBS[name];
      if ('rerunKey' in spec) throw new Error(`${name} has rerun semantics; enqueue it one by one`);
      const jobs = items.map((data) => {
        const parsed = spec.schema.parse(data) as never;
        const jobId = (spec.jobId as (d: unknown) => string)(parsed);
        return { name, data: parsed, opts: { jobId, ...(spec.priority ? { priority: spec.priority } : {}) } };
      });
      await queue(spec.queue).addBulk(jobs);
    },
    async removeJobsOfAthlete(athleteId) {
      let removed = 0;
      for (const name of QUEUE_NAMES) {
        const jobs = await queue(name).getJobs([...REMOVABLE_STATES]);
        for (const job of jobs) {
          if ((job?.data as { athleteId?: unknown } | undefined)?.athleteId !== athleteId) continue;
          await job.remove().then(
            () => (removed += 1),
            () => undefined, // became active meanwhile: it will see the athlete is gone
          );
        }
      }
      return removed;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
    },
  };
}

export { QUEUE_NAMES };
