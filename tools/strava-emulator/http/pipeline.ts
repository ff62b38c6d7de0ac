import type { NextFunction, Request, Response } from 'express';
import type { EmulatorContext } from '../context';
import { sendJson, stravaErrors } from '../errors';
import type { RequestKind, RequestLogEntry } from '../request-log';
import type { TokenGrant } from '../tokens';

/** Per-request state the pipeline leaves in res.locals. */
export interface EmulatorLocals {
  entry: RequestLogEntry;
  grant?: TokenGrant;
}

export const locals = (res: Response): EmulatorLocals => res.locals as EmulatorLocals;

function kindOf(req: Request): RequestKind {
  if (req.path.startsWith('/oauth')) return 'oauth';
  if (req.path.startsWith('/api/v3/push_subscriptions')) return 'subscription';
  return req.method === 'GET' ? 'read' : 'write';
}

/** Logs every /oauth and /api/v3 request; the status is filled in when the response finishes (0 if never). */
export function requestLogger(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const entry = ctx.log.add({
      method: req.method,
      path: req.path,
      query: { ...(req.query as Record<string, unknown>) },
      athleteId: null,
      status: 0,
      timeMs: ctx.clock.now(),
      kind: kindOf(req),
      injected: false,
    });
    res.locals.entry = entry;
    res.on('finish', () => {
      entry.status = res.statusCode;
    });
    next();
  };
}

/**
 * Strava's rate limits for /api/v3: counts the request, sets the four X-RateLimit headers on every response
 * (errors included) and answers 429 with Strava's body once a limit is exceeded.
 */
export function rateLimit(ctx: EmulatorContext) {
  return (_req: Request, res: Response, next: NextFunction): void => {
    const { limited, headers } = ctx.limiter.consume(true);
    res.set(headers);
    if (limited) return sendJson(res, 429, stravaErrors.rateLimited());
    next();
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Latency, injected server errors and 429s, and injected timeouts (a hung request whose socket is destroyed after hangMs). */
export function chaos(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    injectChaos(ctx, req, res, next).catch(next);
  };
}

async function injectChaos(
  ctx: EmulatorContext,
  req: Request,
  res: Response,
  next: NextFunction,
): Promise<void> {
  {
    const f = ctx.failures;
    const latency = Array.isArray(f.latencyMs)
      ? ctx.chaos.range(f.latencyMs[0], f.latencyMs[1])
      : f.latencyMs;
    if (latency > 0) await sleep(latency);
    const roll = ctx.chaos.next();
    if (roll < f.timeoutRate) {
      locals(res).entry.injected = true;
      const timer = setTimeout(() => req.socket.destroy(), f.hangMs);
      res.on('close', () => clearTimeout(timer));
      return;
    }
    if (roll < f.timeoutRate + f.errorRate) {
      locals(res).entry.injected = true;
      const statuses = f.errorStatuses.length > 0 ? f.errorStatuses : [500];
      return sendJson(res, ctx.chaos.pick(statuses), stravaErrors.serverError());
    }
    if (roll < f.timeoutRate + f.errorRate + f.rateLimitRate) {
      locals(res).entry.injected = true;
      return sendJson(res, 429, stravaErrors.rateLimited());
    }
    next();
  }
}

/** Bearer auth (header, or the legacy `access_token` query/form param): 401 with Strava's body if invalid. */
export function requireToken(ctx: EmulatorContext) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const header = req.get('authorization') ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const body = (req.body ?? {}) as Record<string, unknown>;
    const raw = match?.[1] ?? req.query.access_token ?? body.access_token;
    const grant = typeof raw === 'string' ? ctx.tokens.authenticate(raw) : null;
    if (!grant) return sendJson(res, 401, stravaErrors.invalidAccessToken());
    locals(res).grant = grant;
    locals(res).entry.athleteId = grant.athleteId;
    next();
  };
}

/** Merged query + body parameters (Strava accepts either for its POST endpoints). */
export function params(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  const merge = (src: unknown) => {
    if (!src || typeof src !== 'object') return;
    for (const [k, v] of Object.entries(src))
      if (typeof v === 'string' || typeof v === 'number') out[k] = String(v);
  };
  merge(req.query);
  merge(req.body);
  return out;
}
