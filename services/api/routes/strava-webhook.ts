import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import {
  WEBHOOK_PATH,
  admitWebhookPost,
  answerHandshake,
  refuseMissingSecret,
} from '../../webhooks/admission';
import { dispatchRecordedEvent, recordWebhookEvent } from '../../webhooks/receive-event';

export { WEBHOOK_PATH };
/** Events are a few hundred bytes; anything past this is not from Strava. */
const WEBHOOK_BODY_LIMIT = '16kb';

/**
 * Strava webhook. GET (with or without the path secret): the subscription handshake, guarded by the
 * verify token. POST `/strava/webhook/<secret>`: validate the event, write it to the durable inbox (a
 * duplicate is a no-op), answer 200, then best-effort enqueue `process-webhook-event`
 * (services/webhooks/: the use case; this file only speaks HTTP).
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
  const handshake = (req: Request, res: Response) => {
    const challenge = answerHandshake(req.query, deps.config.strava.verifyToken);
    res.status(200).json({ 'hub.challenge': challenge });
  };
  router.get(WEBHOOK_PATH, handshake);
  router.get(`${WEBHOOK_PATH}/:secret`, handshake);
  router.post(WEBHOOK_PATH, () => refuseMissingSecret(deps));
  router.post(
    `${WEBHOOK_PATH}/:secret`,
    (req: Request, _res: Response, next: NextFunction) => {
      admitWebhookPost(deps, req.params.secret, req.ip ?? 'unknown').then(() => next(), next);
    },
    requireJson,
    express.raw({ type: () => true, limit: WEBHOOK_BODY_LIMIT }),
    (req: Request, res: Response, next: NextFunction) => {
      receiveEvent(deps, req, res).catch(next);
    },
  );
  return router;
}

function requireJson(req: Request, _res: Response, next: NextFunction): void {
  if (!req.is('application/json')) {
    next(new AppError('unsupported_media_type', 'Webhook events must be sent as application/json'));
    return;
  }
  next();
}

async function receiveEvent(deps: Deps, req: Request, res: Response): Promise<void> {
  const recorded = await recordWebhookEvent(deps, req.body, req.log);
  res.status(200).json({ received: true });
  await dispatchRecordedEvent(deps, recorded, req.log);
}
