import { deliverOutboxEmail } from '../../services/notify/outbox-relay';
import type { JobRunner } from '../job-context';

/**
 * Sends one outbox row if it is due and unclaimed. Idempotent: a sent, cancelled or leased row is
 * skipped. Never throws for SMTP trouble: retries are scheduled in the row itself (next_attempt_at) and
 * picked up by the relay-outbox sweep, so they survive a Redis loss. A database error throws (retry).
 */
export const run: JobRunner<'send-email'> = async (data, deps, ctx) => {
  const outcome = await deliverOutboxEmail(deps, data.outboxId);
  ctx.log.debug({ outboxId: data.outboxId, outcome }, 'send-email');
};
