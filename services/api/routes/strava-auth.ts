import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { stravaConnectionStatus } from '../../connection/connection-status';
import { connectAthlete, connectStartUrl } from '../../connection/connect-outcome';
import { disconnectAthlete } from '../../connection/disconnect-athlete';
import type { Deps } from '../../deps';
import { AppError } from '../../errors';
import {
  CONNECT_PROBLEMS,
  renderConnectProblemPage,
  type ConnectProblemCode,
} from '../pages/connect-problem-page';
import { endSession, establishSession } from '../middleware/session';
import { localPath } from '../safe-path';

declare module 'express-session' {
  interface SessionData {
    /** SHA-256 of the last consumed OAuth state, to tell "already used" from "never started". */
    usedOauthStateHash?: string;
  }
}

/** How long a started Strava connection may take (consent page included). */
export const OAUTH_STATE_TTL_MS = 10 * 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const save = (req: Request) =>
  new Promise<void>((ok, fail) => req.session.save((e) => (e ? fail(e as Error) : ok())));

function sendProblem(
  req: Request,
  res: Response,
  code: ConnectProblemCode | 'missing_activity_scope',
  message?: string,
) {
  const p =
    code === 'missing_activity_scope'
      ? { status: 403, title: 'Kneadwise cannot see your activities', message: message ?? '' }
      : { ...CONNECT_PROBLEMS[code] };
  const requestId = String(req.id ?? '');
  res.status(p.status);
  if (req.accepts(['json', 'html']) === 'html') {
    res
      .type('html')
      .send(renderConnectProblemPage({ ...p, code, retry: code !== 'access_denied' }, requestId));
  } else {
    res.json({ error: { code, message: p.message, requestId } });
  }
}

/**
 * Consumes the session's OAuth state (single use, whatever the outcome) and checks the callback's state
 * against it in constant time. Returns the problem, or the returnTo of a valid state.
 */
async function checkState(
  req: Request,
  now: number,
): Promise<{ problem: ConnectProblemCode } | { returnTo?: string }> {
  const expected = req.session.oauthState;
  const given = req.query.state;
  if (expected) {
    delete req.session.oauthState;
    req.session.usedOauthStateHash = sha256(expected.value);
    await save(req);
  }
  if (typeof given !== 'string' || given === '') return { problem: 'missing_state' };
  if (!expected)
    return {
      problem: req.session.usedOauthStateHash === sha256(given) ? 'state_reused' : 'no_oauth_in_progress',
    };
  const a = Buffer.from(given);
  const b = Buffer.from(expected.value);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return { problem: 'state_mismatch' };
  if (now > expected.expiresAtMs) return { problem: 'state_expired' };
  return { returnTo: expected.returnTo };
}

function sessionAthlete(req: Request): string {
  if (!req.session.userId) throw new AppError('unauthorized', 'Sign in with Strava first');
  if (req.session.role !== 'athlete' || !req.session.athleteId)
    throw new AppError('forbidden', 'Only athletes have a Strava connection');
  return req.session.athleteId;
}

/**
 * Connect and disconnect Strava (issue 3): GET /auth/strava starts OAuth with a random, single-use,
 * session-bound, 10-minute state; GET /auth/strava/callback verifies it before any token exchange;
 * POST /auth/strava/disconnect (CSRF-checked by the app) revokes at Strava and deletes everything;
 * GET /api/strava/connection reports the connection for the dashboard.
 */
export function stravaAuthRoutes(deps: Deps): Router {
  const router = Router();

  router.get('/auth/strava', async (req, res) => {
    const state = randomBytes(32).toString('base64url');
    const returnTo = localPath(req.query.returnTo);
    req.session.oauthState = {
      value: state,
      expiresAtMs: deps.clock() + OAUTH_STATE_TTL_MS,
      ...(returnTo ? { returnTo } : {}),
    };
    await save(req);
    res.redirect(302, connectStartUrl(deps, state));
  });

  router.get('/auth/strava/callback', async (req, res) => {
    const verdict = await checkState(req, deps.clock());
    if ('problem' in verdict) return sendProblem(req, res, verdict.problem);
    if (req.query.error !== undefined) return sendProblem(req, res, 'access_denied');
    const code = req.query.code;
    if (typeof code !== 'string' || code === '' || code.length > 200)
      return sendProblem(req, res, 'missing_code');
    const result = await connectAthlete(deps, code, req.query.scope, req.log);
    if ('problem' in result) return sendProblem(req, res, result.problem);
    const usedOauthStateHash = req.session.usedOauthStateHash;
    await establishSession(
      req,
      { userId: result.athlete.userId ?? '', role: 'athlete', athleteId: result.athlete.id },
      deps.clock,
    );
    // The fresh session still remembers the consumed state, so a replayed callback says "already used".
    req.session.usedOauthStateHash = usedOauthStateHash;
    await save(req);
    if (!result.scopes.canReadActivities) {
      return sendProblem(req, res, 'missing_activity_scope', result.scopes.notices[0]?.message);
    }
    res.redirect(302, verdict.returnTo ?? '/');
  });

  router.post('/auth/strava/disconnect', async (req, res) => {
    await disconnectAthlete(deps, sessionAthlete(req), req.log);
    await endSession(req, res);
    if (req.accepts(['json', 'html']) === 'html') return res.redirect(303, '/?disconnected=1');
    res.json({ disconnected: true, deleted: true });
  });

  router.get('/api/strava/connection', async (req, res) => {
    res.json(await stravaConnectionStatus(deps, sessionAthlete(req)));
  });

  return router;
}
