import express, { Router, type NextFunction, type Request, type Response } from 'express';
import { finishInboxEvent, insertInboxEvent } from '../../../db/queries/webhook-inbox';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import { findLiveInboxId } from '../../../db/queries/webhook-replay';
import { isDeauthorization, parseWebhookEvent, webhookDedupKey } from '../../strava/webhook-event';
import { WEBHOOK_BASE_PATH, isWebhookSecret, sameSecret } from '../../strava/webhook-secret';
import { clampEventTimeS } from '../../strava/event-time';
import { ownerLimitFor } from './webhook-owner-limit';
import { sourceLimitFor } from './webhook-source-limit';
import { enqueueBatcherFor } from './webhook-enqueue-batcher';

export const WEBHOOK_PATH = WEBHOOK_BASE_PATH;
/** Events are a few hundred bytes; anything past this is not from Strava. */
const WEBHOOK_BODY_LIMIT = '16kb';
/** Strava gives us 2 s; an inbox write slower than this answers 503 so Strava retries instead. */
const INBOX_DEADLINE_MS = 1500;
/** The ack never waits on Redis: enqueueing runs after the response, bounded, and the sweeper backs it up. */
const MAX_CHALLENGE_LENGTH = 255;

/**
 * Strava webhook. GET (with or without the path secret): the subscription handshake, guarded by the
 * verify token. POST `/strava/webhook/<secret>`: validate the event, write it to the durable inbox (a
 * duplicate is a no-op), answer 200, then best-effort enqueue `process-webhook-event`.
 *
 * A wrong path secret gets 404 and a source over STRAVA_WEBHOOK_SOURCE_LIMIT per minute 429, before the
 * body is read. Events naming another subscription than the recorded one, or an athlete who is not
 * connected, still get 200 (a non-2xx only makes Strava retry) but are recorded as 'dropped' and cause
 * no work; every drop is counted in kneadwise_webhook_events_dropped_total. `event_time` is clamped to
 * the hour before the receive time, so a forged far-future time cannot order itself after later real
 * changes. Malformed bodies get 400, bodies over 16 KB 413, non-JSON 415; only an unreachable database
 * answers 503, so Strava retries rather than the event being lost.
 */
export function stravaWebhookRoutes(deps: Deps): Router {
  const router = Router();
  const answerHandshake = (req: Request, res: Response) => {
    const challenge = handshake(req.query, deps.config.strava.verifyToken);
    res.status(200).json({ 'hub.challenge': challenge });
  };
  router.get(WEBHOOK_PATH, answerHandshake);
  router.get(`${WEBHOOK_PATH}/:secret`, answerHandshake);
  router.post(WEBHOOK_PATH, () => {
    deps.metrics.webhookDropped.inc({ reason: 'wrong path secret' });
    throw new AppError('not_found', 'No such webhook endpoint');
  });
  router.post(
    `${WEBHOOK_PATH}/:secret`,
    (req: Request, _res: Response, next: NextFunction) => {
      admit(deps, req).then(() => next(), next);
    },
    requireJson,
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    (req: Request, res: Response, next: NextFunction) => {
      receiveEvent(deps, req, res).catch(next);
    },
  );
  return router;
}

function handshake(query: Request['query'], verifyToken: string): string {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (mode !== 'subscribe') throw new AppError('bad_request', 'hub.mode must be "subscribe"');
  if (typeof challenge !== 'string' || challenge.length === 0 || challenge.length > MAX_CHALLENGE_LENGTH) {
    throw new AppError('bad_request', `hub.challenge must be 1 to ${MAX_CHALLENGE_LENGTH} characters`);
  }
  if (typeof token !== 'string' || !sameSecret(token, verifyToken)) {
    throw new AppError('forbidden', 'hub.verify_token does not match');
  }
  return challenge;
}

/** Path secret, then the per-source limit: both before the body is read or anything is written. */
async function admit(deps: Deps, req: Request): Promise<void> {
  const secret = req.params.secret;
  if (typeof secret !== 'string' || !(await isWebhookSecret(deps, secret))) {
    deps.metrics.webhookDropped.inc({ reason: 'wrong path secret' });
    throw new AppError('not_found', 'No such webhook endpoint');
  }
  if (!(await sourceLimitFor(deps).admit(req.ip ?? 'unknown'))) {
    deps.metrics.webhookDropped.inc({ reason: 'source over limit' });
    throw new AppError('rate_limited', 'Too many webhook events from this source; retry later');
  }
}

function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is('application/json')) {
    next(new AppError('unsupported_media_type', 'Webhook events must be sent as application/json'));
    return;
  }
  next();
}

async function receiveEvent(deps: Deps, req: Request, res: Response): Promise<void> {
  const text = decodeUtf8(req.body);
  const parsed = parseWebhookEvent(text);
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
    req.log.warn({ err: err.message }, 'webhook inbox write failed; Strava will retry');
    throw new AppError('unavailable', 'Event store unavailable, retry later');
  });
  res.status(200).json({ received: true });
  if (
    inserted?.status === 'pending' &&
    e.object_type === 'activity' &&
    !ownerLimitFor(deps).admit(e.owner_id)
  ) {
    // Over the athlete's limit: recorded, no job; the worker's fold of an earlier event covers it.
    deps.metrics.webhookDropped.inc({ reason: 'athlete over limit (folded)' });
    await finishInboxEvent(deps.db, inserted.id, 'dropped', 'athlete over limit (folded into the listing)');
  } else if (inserted?.status === 'pending') {
    // After the response, batched: Redis never delays the ack; the sweeper re-drives anything lost.
    enqueueBatcherFor(deps).add(inserted.id);
  } else if (!inserted && isDeauthorization(e)) {
    void replayDeauthorization(deps, req, webhookDedupKey(e));
  } else if (inserted) {
    deps.metrics.webhookDropped.inc({ reason: inserted.reason ?? 'dropped' });
    req.log.debug({ inboxId: inserted.id, reason: inserted.reason }, 'webhook event recorded and dropped');
  }
}

/**
 * A deauthorization identical to one already received: Strava's retry, or the real event after a
 * forger sent its exact copy first. Either way it is checked with Strava again (at most once per
 * receive minute; the worker coalesces checks per athlete), so a forgery can never suppress the real one.
 */
async function replayDeauthorization(deps: Deps, req: Request, dedupKey: string): Promise<void> {
  try {
    const inboxId = await findLiveInboxId(deps.db, dedupKey);
    if (!inboxId) return;
    const replay = `m${Math.floor(deps.clock() / 60_000)}`;
    await deps.queues.enqueue('process-webhook-event', { inboxId, replay });
  } catch (err) {
    req.log.warn({ err: (err as Error).message }, 'could not re-check a repeated deauthorization');
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
