import type { JobsOptions, Queue } from 'bullmq';
import type { JobInput, JobName, QueueName } from '../queue/catalogue';

/**
 * The queue port every route, use case and job enqueues through (Deps.queues). workers/queues.ts
 * implements it over BullMQ; the interface lives here so services/ never imports workers/.
 */
export interface Enqueuer {
  /** Validates the payload and adds the job under its deterministic id (a duplicate add is a no-op). */
  enqueue<N extends JobName>(name: N, data: JobInput<N>, opts?: Partial<JobsOptions>): Promise<string>;
  /**
   * Validates and adds many jobs of one kind in one round trip (BullMQ addBulk). Only for kinds without
   * rerun semantics; ids are the catalogue's deterministic ones, so a duplicate is still a no-op.
   */
  enqueueBulk<N extends JobName>(name: N, data: JobInput<N>[]): Promise<void>;
  queue(name: QueueName): Queue;
  /**
   * Removes every job that names `athleteId` and is not running (waiting, delayed, failed, completed):
   * after an athlete is deleted nothing of theirs stays in Redis. A running job finds the athlete gone
   * and ends as a no-op. Returns how many were removed.
   */
  removeJobsOfAthlete(athleteId: string): Promise<number>;
  close(): Promise<void>;
}
