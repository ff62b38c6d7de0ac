import type { Deps } from '../../services/deps';
import type { QueueName } from '../../services/queue/catalogue';

/**
 * Payloads of the jobs of `name` queued (not yet run) on `queue`. Jobs with rerun semantics get a unique
 * id per request (workers/catalogue.ts), so tests look them up by what they carry, not by id.
 */
export async function queuedJobData(deps: Deps, queue: QueueName, name: string): Promise<unknown[]> {
  const jobs = await deps.queues.queue(queue).getJobs(['waiting', 'prioritized', 'delayed']);
  return jobs.filter((j) => j.name === name).map((j) => j.data as unknown);
}
