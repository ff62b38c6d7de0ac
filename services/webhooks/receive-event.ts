import { finishInboxEvent, insertInboxEvent } from '../../db/queries/webhook-inbox';
import { findLiveInboxId } from '../../db/queries/webhook-replay';
import type { Deps } from '../deps';
import { AppError } from '../errors';
import type { Logger } from '../logger';
import { clampEventTimeS } from '../strava/event-time';
import {
  isDeauthorization,
  parseWebhookEvent,
  webhookDedupKey,
  type WebhookEvent,
} from '../strava/webhook-event';
import { enqueueBatcherFor } from './enqueue-batcher';
import { ownerLimitFor } from './owner-limit';

/** Strava gives us 2 s; an inbox write slower than this answers 503 so Strava retries instead. */
const INBOX_DEADLINE_MS = 1500;

/** An event written to the durable inbox (or found there already), ready for its follow-up. */
export interface RecordedEvent {
  event: WebhookEvent;
  inserted: { id: string; status: string; reason: string | null } | null;
}

/**
 * Accept webhook event, part 1 (before the 200): decode and validate the body, write it to the inbox
 * keyed on the whole event (a duplicate is a no-op). A bad body is a 400 AppError with the reason; an
 * unreachable or slow database is a 503, so Strava retries rather than the event being lost.
 */
export async function recordWebhookEvent(deps: Deps, body: unknown, log: Logger): Promise<RecordedEvent> {
  const parsed = parseWebhookEvent(decodeUtf8(body));
  if (!parsed.ok)
    throw new AppError('bad_request', parsed.reason, parsed.issues ? { issues: parsed.issues } : undefined);
  const e = parsed.event;
  const inserted = await withDeadline(
    insertInboxEvent(deps.db, {
      dedupKey: webhookDedupKey(e),
      objectType: e.object_type,
      objectId: e.object_id,
      aspectType: e.aspect_type,
      ownerId: e.owner_id,
      subscriptionId: e.subscription_id,
      eventTime: clampEventTimeS(e.event_time, deps.clock()),
      updates: e.updates,
    }),
    INBOX_DEADLINE_MS,
  ).catch((err: Error) => {
    log.warn({ err: err.message }, 'webhook inbox write failed; Strava will retry');
    throw new AppError('unavailable', 'Event store unavailable, retry later');
  });
  return { event: e, inserted };
}

/**
 * Accept webhook event, part 2 (after the 200, so Redis never delays the ack): enqueue the pending
 * row (batched; the sweeper re-drives anything lost), fold an athlete over their limit, re-check a
 * repeated deauthorization, count a drop.
 */
export async function dispatchRecordedEvent(deps: Deps, rec: RecordedEvent, log: Logger): Promise<void> {
  const { event: e, inserted } = rec;
  if (
    inserted?.status === 'pending' &&
    e.object_type === 'activity' &&
    !ownerLimitFor(deps).admit(e.owner_id)
  ) {
    // Over the athlete's limit: recorded, no job; the worker's fold of an earlier event covers it.
    deps.metrics.webhookDropped.inc({ reason: 'athlete over limit (folded)' });
    await finishInboxEvent(deps.db, inserted.id, 'dropped', 'athlete over limit (folded into the listing)');
  } else if (inserted?.status === 'pending') {
    enqueueBatcherFor(deps).add(inserted.id);
  } else if (!inserted && isDeauthorization(e)) {
    void replayDeauthorization(deps, log, webhookDedupKey(e));
  } else if (inserted) {
    deps.metrics.webhookDropped.inc({ reason: inserted.reason ?? 'dropped' });
    log.debug({ inboxId: inserted.id, reason: inserted.reason }, 'webhook event recorded and dropped');
  }
}

/**
 * A deauthorization identical to one already received: Strava's retry, or the real event after a
 * forger sent its exact copy first. Either way it is checked with Strava again (at most once per
 * receive minute; the worker coalesces checks per athlete), so a forgery can never suppress the real one.
 */
async function replayDeauthorization(deps: Deps, log: Logger, dedupKey: string): Promise<void> {
  try {
    const inboxId = await findLiveInboxId(deps.db, dedupKey);
    if (!inboxId) return;
    const replay = `m${Math.floor(deps.clock() / 60_000)}`;
    await deps.queues.enqueue('process-webhook-event', { inboxId, replay });
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'could not re-check a repeated deauthorization');
  }
}

function decodeUtf8(body: unknown): string {
  if (!Buffer.isBuffer(body)) throw new AppError('bad_request', 'Empty body');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw new AppError('bad_request', 'Body is not valid UTF-8');
  }
}

class DeadlineError extends Error {}

function withDeadline<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineError(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
