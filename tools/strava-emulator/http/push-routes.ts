import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { EmulatorContext } from '../context';
import { sendJson, stravaErrors } from '../errors';
import { isoSeconds } from '../generator/timezones';
import { checkClient } from './oauth-routes';
import { params } from './pipeline';

const notVerifiable = (code: string) => stravaErrors.badRequest('PushSubscription', 'callback url', code);

/**
 * Strava's validation handshake: GET callback?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…, which
 * must answer 200 with JSON {"hub.challenge": <same>} within the timeout. Returns an error code or null.
 */
export async function verifyCallback(
  callbackUrl: string,
  verifyToken: string,
  timeoutMs: number,
): Promise<string | null> {
  const challenge = randomBytes(16).toString('hex');
  const url = new URL(callbackUrl);
  url.searchParams.set('hub.verify_token', verifyToken);
  url.searchParams.set('hub.challenge', challenge);
  url.searchParams.set('hub.mode', 'subscribe');
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    const text = await res.text();
    if (res.status !== 200) return 'GET to callback URL does not return 200';
    const body = JSON.parse(text) as Record<string, unknown>;
    return body['hub.challenge'] === challenge ? null : 'not verifiable';
  } catch {
    return 'not verifiable';
  }
}

async function create(ctx: EmulatorContext, req: Request, res: Response): Promise<void> {
  const p = params(req);
  if (!checkClient(ctx, p, res)) return;
  const callbackUrl = p.callback_url ?? '';
  if (!URL.canParse(callbackUrl) || callbackUrl.length > 255) {
    return sendJson(res, 400, stravaErrors.badRequest('PushSubscription', 'callback url', 'invalid'));
  }
  if (ctx.subscription)
    return sendJson(res, 400, stravaErrors.badRequest('PushSubscription', '', 'already exists'));
  const failure = await verifyCallback(callbackUrl, p.verify_token ?? '', ctx.handshakeTimeoutMs);
  if (failure) return sendJson(res, 400, notVerifiable(failure));
  if (ctx.subscription)
    return sendJson(res, 400, stravaErrors.badRequest('PushSubscription', '', 'already exists'));
  ctx.subscription = { id: ctx.nextSubscriptionId++, callbackUrl, createdAtS: ctx.clock.nowS() };
  sendJson(res, 201, { id: ctx.subscription.id });
}

function view(ctx: EmulatorContext, req: Request, res: Response): void {
  if (!checkClient(ctx, params(req), res)) return;
  const s = ctx.subscription;
  const created = s ? isoSeconds(s.createdAtS * 1000) : '';
  const app = Number(ctx.clientId) || 0;
  sendJson(
    res,
    200,
    s
      ? [
          {
            id: s.id,
            resource_state: 2,
            application_id: app,
            callback_url: s.callbackUrl,
            created_at: created,
            updated_at: created,
          },
        ]
      : [],
  );
}

function remove(ctx: EmulatorContext, req: Request, res: Response): void {
  if (!checkClient(ctx, params(req), res)) return;
  if (!ctx.subscription || String(ctx.subscription.id) !== req.params.id) {
    return sendJson(res, 404, stravaErrors.notFound('PushSubscription'));
  }
  ctx.subscription = null;
  res.status(204).end();
}

/** POST/GET/DELETE /push_subscriptions with app credentials (form, JSON or query). One per app. */
export function pushRoutes(ctx: EmulatorContext): Router {
  const r = Router();
  r.post('/push_subscriptions', (req, res, next) => {
    create(ctx, req, res).catch(next);
  });
  r.get('/push_subscriptions', (req, res) => view(ctx, req, res));
  r.delete('/push_subscriptions/:id', (req, res) => remove(ctx, req, res));
  return r;
}
