import { listStaleInboxEvents, markInboxEnqueued } from '../../db/queries/webhook-inbox';
import { JOBS } from '../../services/queue/catalogue';
import type { JobRunner } from '../job-context';

/** Rows younger than this are left to the webhook's own enqueue. */
const STALE_AFTER_MS = 30_000;
const BATCH = 500;

/**
 * Repeatable: re-drives inbox rows that never got their job (Redis down between the inbox insert and the
 * enqueue, a crash after the 200, a flushed Redis). For each open row older than 30 s it looks up the
 * deterministic job `wh-<id>`: absent -> added; failed -> retried; completed while the row is still open
 * -> removed and added again (BullMQ ignores an add whose id it still keeps). Waiting, delayed and active
 * jobs are left alone. Idempotent: process-webhook-event skips finished rows.
 */
export const run: JobRunner<'sweep-inbox'> = async (_data, deps, ctx) => {
  const ids = await listStaleInboxEvents(deps.db, new Date(deps.clock() - STALE_AFTER_MS), BATCH);
  const queue = deps.queues.queue(JOBS['process-webhook-event'].queue);
  const redriven: string[] = [];
  for (const inboxId of ids) {
    const jobId = JOBS['process-webhook-event'].jobId({ inboxId });
    const job = await queue.getJob(jobId);
    const state = job ? await job.getState() : 'missing';
    if (state === 'failed' && job) {
      await job.retry('failed');
    } else if (state === 'completed' || state === 'missing' || state === 'unknown') {
      if (job) await job.remove();
      await deps.queues.enqueue('process-webhook-event', { inboxId });
    } else {
      continue;
    }
    redriven.push(inboxId);
  }
  await markInboxEnqueued(deps.db, redriven);
  if (redriven.length > 0) ctx.log.info({ count: redriven.length }, 'inbox events re-enqueued');
};
