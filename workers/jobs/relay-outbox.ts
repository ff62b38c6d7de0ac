import { relayDueEmails } from '../../services/notify/outbox-relay';
import type { JobRunner } from '../job-context';

/** Batches per run: bounded so one sweep never holds the maintenance queue for long. */
const MAX_BATCHES = 8;

/**
 * Repeatable sweep: sends every due outbox row (retries whose time came, quiet-hours and digest emails,
 * rows whose send-email job was lost, rows whose sender died). Safe to run anywhere, any number of
 * times at once: rows are claimed with `for update skip locked` and a lease.
 */
export const run: JobRunner<'relay-outbox'> = async (_data, deps, ctx) => {
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    const counts = await relayDueEmails(deps, { limit: 25 });
    const handled = counts.sent + counts.retry + counts.failed + counts.skipped;
    if (handled > 0) ctx.log.info(counts, 'relayed outbox emails');
    if (handled < 25) return;
  }
};
