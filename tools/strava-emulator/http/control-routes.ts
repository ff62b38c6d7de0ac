import express, { Router, type Request, type Response } from 'express';
import type { EmulatorControl } from '../control';
import { sendJson } from '../errors';
import { parseJsonExact } from '../json';
import type { CallFilter, RequestKind } from '../request-log';

type Body = Record<string, unknown>;

/** Parses the JSON body keeping ids above 2^53 exact (as bigint). */
function body(req: Request): Body {
  const text = typeof req.body === 'string' ? req.body.trim() : '';
  return text ? (parseJsonExact(text) as Body) : {};
}

/** Wraps a control call: JSON result (exact ids), or 400 `{error}` when the control API throws. */
function handle(fn: (req: Request) => unknown) {
  return (req: Request, res: Response): void => {
    Promise.resolve()
      .then(() => fn(req))
      .then((out) => sendJson(res, 200, out ?? { ok: true }))
      .catch((err: unknown) =>
        sendJson(res, 400, { error: err instanceof Error ? err.message : String(err) }),
      );
  };
}

function logFilter(q: Request['query']): CallFilter {
  const f: CallFilter = {};
  if (typeof q.method === 'string') f.method = q.method;
  if (typeof q.path === 'string') f.path = q.path.startsWith('^') ? new RegExp(q.path) : q.path;
  if (typeof q.kind === 'string') f.kind = q.kind as RequestKind;
  if (typeof q.athleteId === 'string') f.athleteId = Number(q.athleteId);
  if (typeof q.status === 'string') f.status = Number(q.status);
  return f;
}

/**
 * JSON control endpoints under /_emulator for the demo and other processes. Not rate-limited, not logged,
 * never failure-injected. Errors answer 400 `{ "error": "…" }`.
 */
export function controlRoutes(control: EmulatorControl, state: () => unknown): Router {
  const r = Router();
  r.use(express.text({ type: '*/*', limit: '1mb' }));
  const num = (req: Request, key: string) => Number(req.params[key]);
  r.get(
    '/state',
    handle(() => state()),
  );
  r.get(
    '/athletes',
    handle(() => control.athletes()),
  );
  r.post(
    '/athletes',
    handle((req) => control.createAthlete(body(req))),
  );
  r.post(
    '/athletes/:athleteId/activities',
    handle((req) => ({ id: control.addActivity(num(req, 'athleteId'), body(req)) })),
  );
  r.post(
    '/athletes/:athleteId/deauthorize',
    handle((req) => control.deauthorize(num(req, 'athleteId'))),
  );
  r.post(
    '/athletes/:athleteId/expire-tokens',
    handle((req) => control.expireAccessTokens(num(req, 'athleteId'))),
  );
  r.post(
    '/authorize',
    handle((req) => {
      const b = body(req) as { athleteId: number; scopes?: string[] };
      return { code: control.authorize(b) };
    }),
  );
  r.patch(
    '/activities/:id',
    handle((req) => control.updateActivity(String(req.params.id), body(req))),
  );
  r.delete(
    '/activities/:id',
    handle((req) => control.deleteActivity(String(req.params.id))),
  );
  r.post(
    '/clock/advance',
    handle((req) => (control.advanceClock(Number(body(req).ms)), { nowMs: control.clock.now() })),
  );
  r.get(
    '/clock',
    handle(() => ({ nowMs: control.clock.now(), iso: new Date(control.clock.now()).toISOString() })),
  );
  r.put(
    '/rate-limits',
    handle((req) => (control.setRateLimits(body(req)), control.rateLimits())),
  );
  r.get(
    '/rate-limits',
    handle(() => control.rateLimits()),
  );
  r.put(
    '/failures',
    handle((req) => control.setFailures(body(req))),
  );
  r.put(
    '/deliveries/options',
    handle((req) => control.setDeliveryOptions(body(req))),
  );
  r.post(
    '/deliveries/flush',
    handle(async () => (await control.flushDeliveries(), control.deliveryStats())),
  );
  r.get(
    '/deliveries',
    handle(() => ({ stats: control.deliveryStats(), deliveries: control.deliveries() })),
  );
  r.get(
    '/log',
    handle((req) => control.requestLog(logFilter(req.query))),
  );
  r.get(
    '/log/count',
    handle((req) => ({ count: control.countCalls(logFilter(req.query)) })),
  );
  r.delete(
    '/log',
    handle(() => control.resetLog()),
  );
  return r;
}
